"""Email links use the address the portal really runs on (SITE_URL), whatever the Site
object's domain says, and ``make run PORT=...`` sets SITE_URL from the port."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sites.models import Site

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_port(settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    Site.objects.update(domain="127.0.0.1:8000")
    Site.objects.clear_cache()


def test_confirmation_link_uses_site_url(
    client, other_port, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/de/konto/signup/",
            {"email": "port@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    [mail] = mailoutbox
    assert "http://127.0.0.1:8123/de/konto/confirm-email/" in mail.body
    assert ":8000" not in mail.body


def test_password_reset_link_uses_site_url(
    client, other_port, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/de/konto/password/reset/", {"email": user.email})
    [mail] = mailoutbox
    assert "http://127.0.0.1:8123/de/konto/password/reset/key/" in mail.body
    assert ":8000" not in mail.body


def test_make_run_passes_the_port_into_site_url():
    out = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "SITE_URL=http://127.0.0.1:8123" in out
    assert "runserver --noreload 127.0.0.1:8123" in out
