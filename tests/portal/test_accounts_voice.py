"""allauth's pages and emails speak like the rest of the portal: formal German ("Sie"),
the portal's name instead of an empty site name, its buttons, and Ukrainian on /uk/."""

import re

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

INFORMAL = re.compile(r"\b(du|dich|dir|dein\w*|Deine?\w*)\b")


def sign_up(client, language, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/{language}/konto/signup/",
            {"email": f"neu-{language}@example.org", "password1": PASSWORD,
             "password2": PASSWORD},
        )  # fmt: skip


def test_german_confirmation_email_is_formal_and_named(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up(client, "de", django_capture_on_commit_callbacks)
    [mail] = mailoutbox
    assert "Hallo von" not in mail.body and "von !" not in mail.body
    assert "Guten Tag," in mail.body
    assert "Netzwerkstelle Städtepartnerschaften NRW" in mail.body
    assert "Bitte bestätigen Sie Ihre Adresse" in mail.body
    assert not INFORMAL.search(mail.body), mail.body
    assert not INFORMAL.search(mail.subject)


def test_ukrainian_confirmation_email(client, mailoutbox, django_capture_on_commit_callbacks):
    sign_up(client, "uk", django_capture_on_commit_callbacks)
    [mail] = mailoutbox
    assert "Добрий день," in mail.body
    assert "підтвердьте свою адресу" in mail.body
    assert "Мережеве бюро" in mail.body
    assert "/uk/konto/confirm-email/" in mail.body


def test_password_reset_email_is_formal(client, mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/de/konto/password/reset/", {"email": user.email})
    [mail] = mailoutbox
    assert "neues Passwort angefordert" in mail.body
    assert not INFORMAL.search(mail.body + mail.subject), mail.body


@pytest.mark.parametrize(
    "page", ["/de/konto/login/", "/de/konto/signup/", "/de/konto/password/reset/"]
)
def test_account_pages_are_formal_and_styled(client, page):
    html = client.get(page).content.decode()
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    assert 'class="button' in main
    text = re.sub(r"<[^>]+>", " ", main)
    assert not INFORMAL.search(text), INFORMAL.search(text)


def test_password_reset_page_in_formal_german(client):
    html = client.get("/de/konto/password/reset/").content.decode()
    assert "Geben Sie Ihre E-Mail-Adresse" in html
