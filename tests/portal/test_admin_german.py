"""The admin speaks German whatever the browser asks for: field labels, Django's own strings
and its JavaScript catalogue ("Choose Themen"), event languages as check boxes."""

import pytest
from django.urls import reverse

from tests.events.factories import EventFactory
from tests.partnerships.factories import EditorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user, settings):
    settings.ADMIN_REQUIRE_2FA = False
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    return client


def test_admin_is_german_for_an_english_browser(admin_client):
    editor = EditorFactory()
    url = reverse("admin:partnerships_actoreditor_change", args=[editor.pk])
    html = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert ">Person<" in html or ">Person:<" in html
    assert ">Akteur<" in html or ">Akteur:<" in html
    assert ">User:<" not in html and ">Actor:<" not in html
    js = admin_client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Choose %s" not in js or "Auswahl" in js


def test_event_languages_are_check_boxes(admin_client):
    event = EventFactory(languages="de,uk")
    url = reverse("admin:events_event_change", args=[event.pk])
    html = admin_client.get(url).content.decode()
    assert 'type="checkbox" name="languages" value="uk"' in html
    assert 'value="uk" id="id_languages_1" checked' in html or (
        'value="uk"' in html and "checked" in html
    )
