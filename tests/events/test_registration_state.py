"""After registering, the page shows that this browser registered instead of an empty form;
another browser still sees the form (nothing about who registered)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_after_registration_the_state_replaces_the_form(client, event, registration_data):
    url = event.get_absolute_url()
    response = client.post(url, registration_data, follow=True)
    html = response.content.decode()
    assert "Sie haben sich für diese Veranstaltung angemeldet." in html
    assert 'name="email"' not in html
    again = client.get(url + "?weitere=1").content.decode()
    assert 'name="email"' in again and 'value="olena@example.org"' not in again
    other = Client().get(url).content.decode()
    assert 'name="email"' in other and "angemeldet." not in other


def test_state_in_ukrainian(client, event, registration_data):
    url = f"/uk/veranstaltungen/{event.pk}/"
    html = client.post(url, registration_data, follow=True).content.decode()
    assert "Ви зареєструвалися на цей захід." in html
