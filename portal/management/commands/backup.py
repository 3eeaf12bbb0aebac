"""Back up the database and the uploaded files into BACKUP_DIR (see portal/backups.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal import backups


class Command(BaseCommand):
    help = "Writes a backup (pg_dump + uploaded files + manifest) and prunes old ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=settings.BACKUP_DIR, help="Folder of the backups (BACKUP_DIR)."
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            default=settings.BACKUP_KEEP_DAYS,
            help="Delete backups older than this many days afterwards (never the newest); "
            "0 keeps all.",
        )

    def handle(self, *args, **options):
        target = Path(options["dir"])
        try:
            path = backups.backup_create(target_dir=target)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = backups.read_manifest(path)
        self.stdout.write(
            f"Backup {path}: {manifest['files'][backups.DUMP]['bytes']} bytes of database, "
            f"{manifest['media_files']} files ({manifest['files'][backups.MEDIA_TAR]['bytes']} "
            f"bytes), {len(manifest['table_rows'])} tables."
        )
        if options["keep_days"] > 0:
            for removed in backups.backup_prune(target_dir=target, keep_days=options["keep_days"]):
                self.stdout.write(f"Removed {removed} (older than {options['keep_days']} days).")
        self.stdout.write(self.style.SUCCESS("Backup complete."))
