"""What the benchmarks share: the repository on the import path, the environment of a
benchmark that runs Django in its own process, a database of its own, gunicorn's command line.

A script in ``bench/<area>/`` puts ``bench/`` on the path and imports from here::

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from common import ROOT, django_environment, ensure_database  # noqa: E402
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
PGHOST = os.environ.get("PGHOST", "127.0.0.1")
PGUSER = os.environ.get("PGUSER", "portal")


def django_environment(database: str, *, cache_prefix: str, redis_db: int = 11, **extra) -> None:
    """Defaults (an environment variable that is set wins) for Django in this process: the
    database ``database`` (``BENCH_DATABASE_URL`` names another), its own Redis database and
    cache prefix, tasks run eagerly, mail kept in memory; ``extra`` adds or replaces defaults."""
    url = f"postgres://{PGUSER}@{PGHOST}:5432/{database}"
    defaults = {
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", url),
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "CACHE_KEY_PREFIX": cache_prefix,
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "EMAIL_URL": "memorymail://",
        "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        **extra,
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)


def ensure_database(name: str | None = None) -> None:
    """Create the benchmark's database unless it exists (default: the one ``DATABASE_URL``
    names). Migrating it is the script's business."""
    name = name or os.environ["DATABASE_URL"].rsplit("/", 1)[-1]
    exists = subprocess.run(
        [
            "psql",
            "-h",
            PGHOST,
            "-U",
            PGUSER,
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname='{name}'",  # noqa: S608 - our own name
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", "-h", PGHOST, "-U", PGUSER, name], check=True)


def gunicorn_command(port: int, *, workers: int, threads: int, worker_class: str = "gthread"):
    """The portal under gunicorn on 127.0.0.1:``port``, as the load benchmarks start it."""
    return [
        str(ROOT / ".venv/bin/gunicorn"),
        "portal.wsgi:application",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        str(workers),
        "-k",
        worker_class,
        "--threads",
        str(threads),
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]


def setup_django() -> None:
    """Create the database ``DATABASE_URL`` names (once), set Django up and migrate."""
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def counting_get(client):
    """``get(path, **headers)`` → (number of queries, response) with Django's test client; a
    status other than 200 or 304 stops the benchmark."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(path, **headers):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, **headers)
        assert response.status_code in (200, 304), (path, response.status_code)
        return len(ctx.captured_queries), response

    return get


def forget_published() -> None:
    """Make the next request cold without flushing the shared Redis database."""
    from django.core.cache import cache

    from partnerships.services import PUBLISHED_VERSION_KEY

    cache.set(PUBLISHED_VERSION_KEY, time.time_ns(), None)
