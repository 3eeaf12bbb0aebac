import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_content_security_policy_and_headers(client):
    response = client.get("/de/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/de/", "/uk/beratung/", "/en/impressum/"])
def test_pages_load_nothing_from_third_party_hosts(client, path):
    html = client.get(path).content.decode()
    for tag in re.findall(r"<(?:script|link|img|iframe)[^>]*>", html):
        assert not re.search(r"(?:src|href)=\"(?:https?:)?//", tag), tag
    assert "<script>" not in html  # no inline scripts (the CSP forbids them)
    assert ' style="' not in html


def test_home_page_query_count_is_small_and_constant(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/de/").status_code == 200


def test_language_switch_links_keep_page_and_query(client):
    html = client.get("/de/kontakt/?a=1").content.decode()
    assert 'href="/uk/kontakt/?a=1"' in html
    assert 'href="/en/kontakt/?a=1"' in html
    assert 'aria-current="true">Deutsch' in html


def test_production_static_files_are_collected_with_hashed_names(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "false",
        "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "portal.partnerschaften-nrw.test",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "portal.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    hashed = list((tmp_path / "static" / "css").glob("portal.*.css"))
    assert hashed, "portal.css has no hashed copy"
    assert (tmp_path / "static" / "staticfiles.json").exists()
