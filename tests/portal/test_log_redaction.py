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
