"""Backups restore: demo data and uploads backed up, restored into a fresh database and
folder, compared table by table (row counts and a checksum of every row) and file by file."""

import hashlib
import subprocess
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from portal import backups
from tests.events.factories import EventFactory, RegistrationFactory
from tests.knowledge.factories import FundingProgramFactory, ResourceFactory
from tests.newsletter.factories import SubscriptionFactory
from tests.partnerships.factories import MilestoneFactory, PartnershipFactory
from tests.upload_samples import image_bytes, ooxml_bytes, pdf_bytes, upload

# The tables whose content matters most; every other table is compared by row count too.
KEY_TABLES = [
    "partnerships_partnership",
    "partnerships_actor",
    "partnerships_document",
    "partnerships_image",
    "events_event",
    "events_registration",
    "newsletter_subscriber",
    "knowledge_resource",
    "portal_outboundemail",
]


def _table_digests(database: backups.Database, tables) -> dict[str, str]:
    """count and md5 over the rows in a fixed order, per table."""
    sql = " UNION ALL ".join(
        f"SELECT '{t}', count(*) || ':' || coalesce(md5(string_agg(x::text, '|' "  # noqa: S608
        f"ORDER BY x::text)), '-') FROM public.\"{t}\" x"
        for t in tables
    )
    return dict(line.rsplit("|", 1) for line in database.query(sql).splitlines())


def _file_digests(root) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def scratch_database():
    """A fresh, empty database on the same PostgreSQL, dropped afterwards."""
    source = backups.Database.from_settings()
    target = source.with_name(f"restore_test_{uuid.uuid4().hex[:10]}")
    source.run("createdb", target.name)
    yield target
    subprocess.run(["dropdb", "--if-exists", "--force", target.name], env=source.env(), check=True)


@pytest.mark.django_db(transaction=True)
def test_backup_restores_database_and_files(settings, tmp_path, scratch_database):
    # Demo-like data from the factories (seed_demo takes ~1 min on a loaded machine).
    partnerships = PartnershipFactory.create_batch(4)
    for partnership in partnerships:
        MilestoneFactory(partnership=partnership)
    partnership = partnerships[0]
    partnership.documents.create(title="Vertrag", file=upload("vertrag.pdf", pdf_bytes()))
    partnership.images.create(file=upload("foto.png", image_bytes()), alt_text="F", credit="S")
    event = EventFactory(slides=upload("folien.pptx", ooxml_bytes("pptx")))
    event.related_partnerships.add(partnership)
    RegistrationFactory.create_batch(3, event=event, name="Олена Приклад")
    SubscriptionFactory.create_batch(3)
    ResourceFactory.create_batch(2)
    FundingProgramFactory()
    source = backups.Database.from_settings()
    tables = sorted(backups.table_row_counts(source))
    assert set(KEY_TABLES) <= set(tables)
    expected_rows = _table_digests(source, tables)
    expected_files = _file_digests(settings.MEDIA_ROOT)
    assert len(expected_files) >= 3
    assert int(expected_rows["partnerships_partnership"].split(":")[0]) > 1
    assert int(expected_rows["events_registration"].split(":")[0]) == 3

    quiet = open("/dev/null", "w")  # noqa: SIM115
    call_command("backup", dir=str(tmp_path / "backups"), keep_days=14, stdout=quiet)
    [folder] = backups.backups_in(tmp_path / "backups")
    manifest = backups.read_manifest(folder)
    assert manifest["media_files"] == len(expected_files)

    restored_media = tmp_path / "restored-media"
    call_command(
        "restore",
        str(folder),
        database=scratch_database.name,
        media_root=str(restored_media),
        stdout=quiet,
    )
    assert _table_digests(scratch_database, tables) == expected_rows
    assert _file_digests(restored_media) == expected_files


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_backup_or_a_database_in_use(tmp_path, scratch_database):
    folder = backups.backup_create(target_dir=tmp_path, media_root=tmp_path / "none")
    with pytest.raises(backups.BackupError, match="not empty"):
        backups.backup_restore(source=folder, media_root=tmp_path / "m")  # the live database
    (folder / backups.MEDIA_TAR).write_bytes(b"broken")
    with pytest.raises(backups.BackupError, match="checksum"):
        backups.backup_restore(source=folder, database=scratch_database, media_root=tmp_path / "m")


def test_prune_keeps_the_retention_and_always_the_newest(tmp_path):
    now = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    for days in (1, 5, 20, 40):
        folder = tmp_path / (now - timedelta(days=days)).strftime("%Y%m%dT%H%M%SZ")
        folder.mkdir()
        (folder / backups.MANIFEST).write_text("{}")
    removed = backups.backup_prune(target_dir=tmp_path, keep_days=14, now=now)
    assert len(removed) == 2
    assert len(backups.backups_in(tmp_path)) == 2
    # Everything old: the newest one stays anyway.
    backups.backup_prune(target_dir=tmp_path, keep_days=0, now=now + timedelta(days=365))
    assert len(backups.backups_in(tmp_path)) == 1


def test_compose_runs_the_nightly_backup():
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[2]
    compose = yaml.safe_load((root / "docker-compose.yml").read_text())
    service = compose["services"]["backup"]
    assert service["image"] == compose["services"]["web"]["image"]
    assert "media:/app/media:ro" in service["volumes"]
    assert "backups:/backups" in service["volumes"] and "backups" in compose["volumes"]
    assert service["environment"]["BACKUP_DIR"] == "/backups"
    loop = (root / service["command"][-1]).read_text()
    assert "python manage.py backup" in loop and "BACKUP_TIME" in loop
    assert "`backup`" in (root / "README.md").read_text()
