"""Public pages cached whole for anonymous visitors (portal/page_cache.py)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Partnership
from partnerships.services import published_data_changed
from portal import page_slots
from tests.factories import StaffFactory
from tests.partnerships.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


@pytest.fixture
def portrait():
    return PartnershipFactory(title="Kreis Coesfeld – Malyn", publication_state="published")


def test_a_second_visit_is_served_without_a_query_and_without_markers(client, portrait):
    url = f"/de/partnerschaften/{portrait.slug}/"
    first, first_queries = get(client, url)
    second, second_queries = get(client, url)
    assert first_queries > 3
    assert second_queries == 0
    assert "Kreis Coesfeld – Malyn" in second
    for marker in page_slots.markers().values():
        assert marker not in first and marker not in second


def test_each_visitor_gets_their_own_csrf_token(client):
    from django.test import Client

    from newsletter.models import Newsletter

    Newsletter.objects.create(name="Im Blickpunkt: Ukraine", slug="ukraine")  # footer form
    other = Client(enforce_csrf_checks=True)
    mine, _ = get(client, "/de/")  # renders and stores
    theirs, _ = get(other, "/de/")  # from the cache
    assert TOKEN.findall(theirs), "the page carries a form with a token"
    assert set(TOKEN.findall(mine)).isdisjoint(TOKEN.findall(theirs))
    response = other.post(
        "/de/newsletter/",
        {"csrfmiddlewaretoken": TOKEN.findall(theirs)[0]},
    )
    assert response.status_code != 403


def test_a_saved_change_is_shown_at_once(client, portrait):
    url = f"/de/partnerschaften/{portrait.slug}/"
    get(client, url)
    portrait.title = "Kreis Coesfeld – Malyn (neu)"
    portrait.save()
    page, queries = get(client, url)
    assert "Kreis Coesfeld – Malyn (neu)" in page and queries > 0


def test_a_bulk_change_of_the_register_is_shown_at_once(
    client, portrait, django_capture_on_commit_callbacks
):
    url = f"/de/partnerschaften/{portrait.slug}/"
    get(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        Partnership.objects.filter(pk=portrait.pk).update(title="Per Update geändert")
        published_data_changed()
    page, _ = get(client, url)
    assert "Per Update geändert" in page


def test_technical_rows_do_not_empty_the_cache(client, portrait):
    from django.utils import timezone

    from portal.models import Heartbeat

    url = f"/de/partnerschaften/{portrait.slug}/"
    get(client, url)
    Heartbeat.objects.create(name="worker", at=timezone.now())
    _, queries = get(client, url)
    assert queries == 0


def test_languages_and_parameters(client, portrait):
    german, _ = get(client, "/de/")
    ukrainian, _ = get(client, "/uk/")
    assert '<html lang="de">' in german and '<html lang="uk">' in ukrainian
    # a named parameter with a valid value is cached, anything else renders uncached
    get(client, "/de/veranstaltungen/?monat=2027-01")
    assert get(client, "/de/veranstaltungen/?monat=2027-01")[1] == 0
    assert get(client, "/de/veranstaltungen/?monat=2027-01&x=1")[1] > 0
    assert get(client, "/de/veranstaltungen/?monat=2027-01&x=1")[1] > 0
    assert get(client, "/de/partnerschaften/?q=Malyn")[1] > 0


def test_random_parameters_store_nothing(client):
    from django.core.cache import cache

    redis = cache._cache.get_client()
    get(client, "/de/karte/")
    before = redis.dbsize()
    for number in range(50):
        client.get(f"/de/karte/?x{number}={number}")
        client.get(f"/de/veranstaltungen/?monat=abc{number}")
    assert redis.dbsize() == before


def test_logged_in_users_always_get_a_fresh_page(client, portrait):
    url = f"/de/partnerschaften/{portrait.slug}/"
    get(client, url)  # cached for the public
    client.force_login(StaffFactory())
    page, queries = get(client, url)
    assert queries > 0 and "Abmelden" in page and "Mein Bereich" in page
    client.logout()
    page, queries = get(client, url)
    assert queries == 0 and "Abmelden" not in page and "Anmelden" in page


def test_a_visitors_message_is_shown_to_them_only(client, rf, portrait):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import Client

    url = f"/de/partnerschaften/{portrait.slug}/"
    get(client, url)  # cached
    storage = CookieStorage(rf.get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Nur für Sie")])
    mine, queries = get(client, url)
    assert queries == 0 and "Nur für Sie" in mine
    assert "Nur für Sie" not in get(Client(), url)[0]
    assert "Nur für Sie" not in get(client, url)[0]  # shown once


def test_a_missing_page_is_not_cached_and_has_no_markers(client):
    response = client.get("/de/partnerschaften/gibt-es-nicht/")
    assert response.status_code == 404
    body = response.content.decode()
    for marker in page_slots.markers().values():
        assert marker not in body
