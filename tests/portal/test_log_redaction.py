"""No secret link in any log line: application logs and gunicorn's access log."""

import logging
import re
from datetime import timedelta
from types import SimpleNamespace

from django.urls import URLPattern, URLResolver, get_resolver
from gunicorn.config import Config

from portal.log_redaction import GunicornLogger, RedactTokensFilter, redact

SECRET = "Zx9-secret_TOKEN"


def routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def token_paths():
    """Every route with a token or key, filled in with SECRET (other parameters: 1)."""
    for route in routes(get_resolver().url_patterns):
        if "<str:token>" in route or "(?P<key>" in route:
            path = route.replace("<str:token>", SECRET)
            path = re.sub(r"\(\?P<key>[^)]*\)", SECRET, path)
            path = re.sub(r"\(\?P<\w+>[^)]*\)|<\w+:\w+>", "1", path)
            yield "/" + path.replace("^", "").replace("$", "")


def test_every_route_with_a_token_is_redacted():
    paths = list(token_paths())
    # manage, join, newsletter (4), invitation, email confirmation, password reset
    assert len(paths) >= 9
    for path in paths:
        line = f'127.0.0.1 "GET {path}?x=1 HTTP/1.1" 200 "https://portal.example{path}"'
        assert SECRET not in redact(line), path
        assert "[redacted]" in redact(line)


def test_application_log_lines_are_redacted():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (f"/de/x/anmeldung/{SECRET}/",),
        None,
    )
    assert RedactTokensFilter().filter(record)
    assert SECRET not in record.getMessage() and "[redacted]" in record.getMessage()


def test_gunicorn_access_log_atoms_are_redacted():
    path = f"/de/veranstaltungen/3/teilnehmen/{SECRET}/"
    logger = GunicornLogger(Config())
    req = SimpleNamespace(
        method="GET", path=path, query="", uri=path, version=(1, 1), headers=[("REFERER", path)]
    )
    resp = SimpleNamespace(status="302 Found", sent=0, headers=[], response_length=0)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": path, "PATH_INFO": path,
               "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_REFERER": path}  # fmt: skip

    atoms = logger.atoms(resp, req, environ, timedelta(milliseconds=3))
    assert SECRET not in " ".join(str(v) for v in atoms.values())
    assert "[redacted]" in atoms["r"]


WORKER_LOG = f"""
import logging, django
django.setup()
from celery.utils.log import get_task_logger
from portal.celery import app

# What a worker (and beat) does at start: Celery sets up logging for the process.
app.log.setup(loglevel="INFO", redirect_stdouts=True)
logger = get_task_logger("portal.tasks")
logger.warning("Sending /de/veranstaltungen/3/anmeldung/{SECRET}/ to the worker")
try:
    raise ValueError("bad link /de/mein-bereich/einladung/{SECRET}/")
except ValueError:
    logging.getLogger("celery.app.trace").exception("Task failed")
print("printed /de/newsletter/abmelden/{SECRET}/")
"""


def test_celery_workers_and_beat_log_through_the_redaction():
    """A worker's log lines, tracebacks included, go through the portal's handlers."""
    import subprocess
    import sys
    from pathlib import Path

    result = subprocess.run(
        [sys.executable, "-c", WORKER_LOG],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    output = result.stdout + result.stderr
    assert "Sending /de/veranstaltungen/3/anmeldung/[redacted]/" in output
    assert "ValueError: bad link /de/mein-bereich/einladung/[redacted]/" in output
    assert SECRET not in output
