"""Restore a backup folder into an empty database and an empty media folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import backups


class Command(BaseCommand):
    help = (
        "Restores a backup (a folder written by `manage.py backup`) into an EMPTY database "
        "and media folder, checks the manifest's checksums and row counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The backup folder, e.g. /backups/20261201T023000Z")
        parser.add_argument(
            "--database",
            help="Name of the (new, empty) database to restore into; default: the portal's "
            "own database from DATABASE_URL, which must then be empty.",
        )
        parser.add_argument(
            "--media-root", help="Folder for the files (default MEDIA_ROOT); empty or missing."
        )
        parser.add_argument(
            "--check-only", action="store_true", help="Only check the files against the manifest."
        )

    def handle(self, *args, **options):
        source = Path(options["source"])
        try:
            manifest = backups.read_manifest(source)
            if options["check_only"]:
                created = manifest["created_at"]
                self.stdout.write(
                    self.style.SUCCESS(f"{source}: files match the manifest ({created}).")
                )
                return
            database = backups.Database.from_settings()
            if options["database"]:
                database = database.with_name(options["database"])
            result = backups.backup_restore(
                source=source, database=database, media_root=options["media_root"]
            )
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        for table, (expected, restored) in result["rows_differing"].items():
            self.stderr.write(f"{table}: {expected} rows in the manifest, {restored} restored")
        self.stdout.write(
            f"Restored {result['tables']} tables into {database.name} and {result['files']} files."
        )
        if result["rows_differing"]:
            raise CommandError("Row counts differ from the manifest (see above).")
        self.stdout.write(self.style.SUCCESS("Restore complete; row counts match the manifest."))
