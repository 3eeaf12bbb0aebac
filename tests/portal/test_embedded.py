"""The embedded default, as `make run` starts it: SQLite, eager tasks, mail to files.

Runs in subprocesses with a clean environment, so it does not touch the PostgreSQL test
database of the rest of the suite.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.embedded


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def embedded_env(tmp_path_factory):
    var = tmp_path_factory.mktemp("embedded-var")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_", "REDIS_", "EMAIL_", "CELERY_", "DJANGO_"))
        and k not in {"DEBUG", "CACHE_KEY_PREFIX"}
    }
    env.update({"PORTAL_VAR_DIR": str(var), "MEDIA_ROOT": str(var / "media")})
    return env, var


def manage(env, *args, timeout=600):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_migrate_seed_twice_and_serve_three_languages(embedded_env):
    env, var = embedded_env
    result = manage(env, "migrate", "--no-input", "-v0")
    assert result.returncode == 0, result.stderr
    assert (var / "portal.sqlite3").exists()

    first = manage(env, "seed_demo")
    assert first.returncode == 0, first.stderr
    assert "password:" in first.stdout
    second = manage(env, "seed_demo")
    assert second.returncode == 0, second.stderr
    assert "password:" not in second.stdout  # the login is printed once only

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        pages = {}
        for language in ("de", "uk", "en"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{language}/", timeout=20) as r:
                assert r.status == 200
                pages[language] = r.read().decode()
        assert '<html lang="de">' in pages["de"]
        assert "Kommunale Partnerschaften zwischen Nordrhein-Westfalen" in pages["de"]
        assert '<html lang="uk">' in pages["uk"]
        assert '<html lang="en">' in pages["en"]
        assert "Консультації та супровід" in pages["uk"]
        assert "Town Twinning Network Office NRW" in pages["en"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/uk/partnersuche/", timeout=20) as r:
            assert r.status == 200 and "Коростень" in r.read().decode()  # names in Cyrillic

        # The site search in the embedded mode: SQLite FTS5 (a word inside compounds), the
        # staff-edited synonyms (Jugendaustausch finds Jugendbegegnungen), funding programmes,
        # places by any spelling.
        def search(query):
            url = f"http://127.0.0.1:{port}/de/suche/?" + urllib.parse.urlencode({"q": query})
            with urllib.request.urlopen(url, timeout=30) as r:
                return r.read().decode()

        assert "Migration und Integration in Städtepartnerschaften" in search("partnerschaften")
        youth = search("Jugendaustausch")
        assert "MEET UP! Deutsch-Ukrainische Jugendbegegnungen" in youth
        assert "Jugendbegegnungen mit der Ukraine" in youth
        assert "/de/partnerschaften/duisburg-kryvyi-rih/" in search("Kriwoi Rog")
        # uploaded files: served by the app itself in the embedded mode, with the same headers
        stored = next((var / "media" / "knowledge" / "resources").glob("*.pdf"))
        url = f"http://127.0.0.1:{port}/media/knowledge/resources/{stored.name}"
        with urllib.request.urlopen(url, timeout=20) as r:
            assert r.read() == stored.read_bytes()
            assert r.headers["X-Content-Type-Options"] == "nosniff"
            assert r.headers["Content-Security-Policy"] == "default-src 'none'"
    finally:
        server.terminate()
        server.wait(timeout=20)
