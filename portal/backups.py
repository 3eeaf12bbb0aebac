"""Backups of the portal: the PostgreSQL database and the uploaded files, and their restore.

A backup is one folder ``<BACKUP_DIR>/<UTC time>/`` holding

- ``database.dump``: ``pg_dump --format=custom`` of the whole database (one snapshot),
- ``media.tar.gz``: every file under ``MEDIA_ROOT`` (public and private uploads),
- ``manifest.json``: when, from which database, the SHA-256 and size of both files, the
  number of files, and the row count of every table (``restore`` checks all of them).

It is written under ``<name>.partial`` and renamed when complete, so a folder without that
suffix is always a whole backup. ``backup_prune`` removes complete backups older than N days
but never the newest one. ``manage.py backup`` / ``manage.py restore`` call these functions;
docker-compose's ``backup`` service runs ``scripts/backup-loop.sh`` (nightly).
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings

MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA_TAR = "media.tar.gz"
FORMAT_VERSION = 1
_STAMP = "%Y%m%dT%H%M%SZ"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Database:
    """Connection parameters for the PostgreSQL client programs (no password in argv)."""

    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, alias: str = "default") -> "Database":
        db = settings.DATABASES[alias]
        if not db["ENGINE"].startswith("django.db.backends.postgresql"):
            raise BackupError("Backups need PostgreSQL (DATABASE_URL=postgres://…).")
        return cls(
            name=db["NAME"],
            host=str(db.get("HOST") or ""),
            port=str(db.get("PORT") or ""),
            user=str(db.get("USER") or ""),
            password=str(db.get("PASSWORD") or ""),
        )

    def with_name(self, name: str) -> "Database":
        return Database(name, self.host, self.port, self.user, self.password)

    def env(self) -> dict:
        env = dict(os.environ)
        for key, value in (
            ("PGHOST", self.host),
            ("PGPORT", self.port),
            ("PGUSER", self.user),
            ("PGPASSWORD", self.password),
        ):
            if value:
                env[key] = value
        env["PGDATABASE"] = self.name
        return env

    def run(self, *args: str) -> str:
        # The PostgreSQL client programs, with arguments built here (no shell).
        result = subprocess.run(args, env=self.env(), capture_output=True, text=True)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"{args[0]} failed: {result.stderr.strip()[-2000:]}")
        return result.stdout

    def query(self, sql: str) -> str:
        return self.run("psql", "--no-psqlrc", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql)


def table_row_counts(database: Database) -> dict[str, int]:
    """Row count of every table of the public schema (one psql call)."""
    tables = database.query(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    ).split()
    if not tables:
        return {}
    sql = " UNION ALL ".join(
        f"SELECT '{t}', count(*) FROM public.\"{t}\""  # noqa: S608 - names from pg_tables
        for t in tables
    )
    counts = {}
    for line in database.query(sql).splitlines():
        name, count = line.rsplit("|", 1)
        counts[name] = int(count)
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _client_version() -> str:
    version = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True)  # noqa: S607
    return version.stdout.strip()


def backup_create(
    *, target_dir: Path, database: Database | None = None, media_root: Path | None = None
) -> Path:
    """Write one complete backup folder under ``target_dir`` and return its path."""
    database = database or Database.from_settings()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    created = datetime.now(UTC)
    final = Path(target_dir) / created.strftime(_STAMP)
    partial = final.with_name(final.name + ".partial")
    if final.exists():
        raise BackupError(f"{final} exists already.")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        # Counted first, dumped second: rows written in between show up as a difference
        # only if the portal was busy; restore reports it rather than failing on it.
        counts = table_row_counts(database)
        database.run("pg_dump", "--format=custom", "--file", str(partial / DUMP), database.name)
        files = 0
        with tarfile.open(partial / MEDIA_TAR, "w:gz", compresslevel=6) as tar:
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        tar.add(path, arcname=path.relative_to(media_root).as_posix())
                        files += 1
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": created.isoformat(),
            "database": database.name,
            "pg_dump": _client_version(),
            "files": {
                name: {"sha256": _sha256(partial / name), "bytes": (partial / name).stat().st_size}
                for name in (DUMP, MEDIA_TAR)
            },
            "media_files": files,
            "table_rows": counts,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def read_manifest(source: Path) -> dict:
    """The manifest of a backup folder, after checking both files against it."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} has no readable {MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{path} is missing or does not match the manifest's checksum.")
    return manifest


def backup_restore(
    *, source: Path, database: Database | None = None, media_root: Path | None = None
) -> dict:
    """Restore a backup into an EMPTY database and an empty (or missing) media folder.

    Returns ``{"tables": n, "rows_differing": {table: (expected, restored)}, "files": n}``.
    Refuses a database that already has tables or a media folder with files in it: a restore
    never mixes two states. (Create the database first: ``createdb <name>``.)
    """
    source = Path(source)
    manifest = read_manifest(source)
    database = database or Database.from_settings()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if database.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").strip() != "0":
        raise BackupError(f"Database {database.name} is not empty; restore into a new one.")
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"{media_root} is not empty; restore into a new folder.")
    database.run(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--dbname",
        database.name,
        str(source / DUMP),
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA_TAR, "r:gz") as tar:
        # The "data" filter refuses absolute paths, "..", links out of the folder and devices.
        tar.extractall(media_root, filter="data")
        files = sum(1 for member in tar.getmembers() if member.isfile())
    restored = table_row_counts(database)
    expected = manifest["table_rows"]
    differing = {
        table: (expected.get(table), restored.get(table))
        for table in sorted(set(expected) | set(restored))
        if expected.get(table) != restored.get(table)
    }
    return {"tables": len(restored), "rows_differing": differing, "files": files}


def backups_in(target_dir: Path) -> list[Path]:
    """Complete backups in ``target_dir``, oldest first."""
    target_dir = Path(target_dir)
    if not target_dir.is_dir():
        return []
    found = []
    for path in target_dir.iterdir():
        try:
            datetime.strptime(path.name, _STAMP)
        except ValueError:
            continue
        if (path / MANIFEST).is_file():
            found.append(path)
    return sorted(found)


def backup_prune(*, target_dir: Path, keep_days: int, now: datetime | None = None) -> list[Path]:
    """Delete complete backups older than ``keep_days`` (never the newest); the deleted."""
    now = now or datetime.now(UTC)
    backups = backups_in(target_dir)
    cutoff = now - timedelta(days=keep_days)
    removed = []
    for path in Path(target_dir).glob("*.partial"):  # left by a backup that was killed
        if datetime.fromtimestamp(path.stat().st_mtime, UTC) < now - timedelta(days=1):
            shutil.rmtree(path, ignore_errors=True)
    for path in backups[:-1]:
        taken = datetime.strptime(path.name, _STAMP).replace(tzinfo=UTC)
        if taken < cutoff:
            shutil.rmtree(path)
            removed.append(path)
    return removed
