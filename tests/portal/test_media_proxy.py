"""deploy/Caddyfile as production runs it: Caddy in front of the app, uploads via X-Accel-Redirect.

Runs Debian's ``caddy`` (``apt-get install caddy``; skipped, with the reason, where it is
not installed) on the unchanged Caddyfile, pointed at the test's live server through the
file's ``{$VAR:default}`` placeholders.
"""

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from partnerships.models import Partnership
from tests.events.factories import EventFactory
from tests.partnerships.factories import PartnershipFactory
from tests.upload_samples import image_bytes, ooxml_bytes, pdf_bytes, upload

ROOT = Path(__file__).resolve().parents[2]
CADDYFILE = ROOT / "deploy" / "Caddyfile"
CADDY = shutil.which("caddy")
pytestmark = pytest.mark.skipif(CADDY is None, reason="caddy is not installed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _caddy_env(tmp_path: Path, **extra) -> dict:
    home = tmp_path / "caddy-home"
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "CADDY_ADMIN": "off",
        **extra,
    }


def test_caddyfile_is_valid_for_caddy(tmp_path):
    result = subprocess.run(
        [CADDY, "adapt", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
        env=_caddy_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    routes = json.dumps(json.loads(result.stdout))
    assert '"handle_response"' in routes and "X-Accel-Redirect" in routes
    assert "/srv/media" not in routes  # no public file server for uploads any more


@pytest.fixture
def app_server():
    """The portal's WSGI app in a thread (not pytest-django's live server, which serves
    /media/ by itself and so would bypass the view under test)."""
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    wsgi = get_wsgi_application()

    def app(environ, start_response):
        try:
            return wsgi(environ, start_response)
        finally:
            connections.close_all()  # no idle connection of this thread outlives the test

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, app, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def proxy(app_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "protected-media"
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    port = _free_port()
    process = subprocess.Popen(
        [CADDY, "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
        env=_caddy_env(
            tmp_path,
            SITE_DOMAIN=f"http://127.0.0.1:{port}",
            WEB_UPSTREAM=app_server,
            PROTECTED_MEDIA_PARENT=str(tmp_path),
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(process.stderr.read().decode()) from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - http only
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.django_db(transaction=True)
def test_uploads_through_caddy_have_safe_headers_and_drafts_stay_hidden(proxy):
    published = PartnershipFactory()
    image = published.images.create(file=upload("f.png", image_bytes()), alt_text="a", credit="b")
    document = published.documents.create(title="V", file=upload("v.pdf", pdf_bytes()))
    draft = PartnershipFactory(publication_state=Partnership.Publication.DRAFT)
    hidden = draft.documents.create(title="Entwurf", file=upload("e.pdf", pdf_bytes()))
    event = EventFactory(slides=upload("folien.pptx", ooxml_bytes("pptx")))

    status, headers, body = _get(proxy + image.file.url)
    assert status == 200
    with image.file.open("rb") as handle:
        assert body == handle.read()  # the bytes came from Caddy's file server
    assert headers["Content-Type"] == "image/png"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert headers["Content-Disposition"].startswith("inline")
    assert headers["Cache-Control"].startswith("public")
    assert headers["Server"] == "Caddy" and "X-Accel-Redirect" not in headers

    status, headers, body = _get(proxy + document.file.url)
    assert status == 200 and body.startswith(b"%PDF-")
    assert headers["Content-Security-Policy"] == "default-src 'none'"
    assert headers["Content-Type"] == "application/pdf"

    status, headers, _body = _get(proxy + event.slides.url)
    assert status == 200
    assert headers["Content-Disposition"].startswith("attachment")
    assert headers["X-Content-Type-Options"] == "nosniff"

    assert _get(proxy + hidden.file.url)[0] == 404
    assert _get(proxy + "/protected-media/" + hidden.file.name)[0] == 404
    assert _get(proxy + "/protected-media/" + image.file.name)[0] == 404
