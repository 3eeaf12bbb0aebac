"""The public event page is served from a cache (events/page_cache.py) with the visitor's
own parts filled in per request (portal/page_slots.py): one query per request, nothing
personal in the cached part, a new body as soon as anything it shows changes."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from events import page_cache, selectors
from portal import page_slots
from portal.models import Theme
from tests.events.factories import EventFactory, EventSeriesFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.partnerships.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def url(event, language="de"):
    return f"/{language}/veranstaltungen/{event.pk}/"


def _cached_entries(event) -> list[str]:
    """Every cached body of the event's page (whatever the language and state)."""
    redis = cache._cache.get_client()
    values = [redis.get(k) for k in redis.keys(f"*events:page:{event.pk}:*")]
    return [cache._cache._serializer.loads(v)[1] for v in values if v is not None]


def _token(body: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)


def test_a_cached_page_costs_one_query_whatever_the_event_holds(client, django_assert_num_queries):
    event = EventFactory(capacity=500, series=EventSeriesFactory())
    event.themes.set(Theme.objects.all()[:3])
    event.related_partnerships.set(PartnershipFactory.create_batch(3))
    RegistrationFactory.create_batch(20, event=event)
    first = client.get(url(event))
    assert first.status_code == 200
    with django_assert_num_queries(1):  # the page's state; the body comes from the cache
        second = client.get(url(event))
    assert second.status_code == 200
    assert "noch 480 Plätze frei" in second.content.decode()
    assert _cached_entries(event)
    # Same number with more of everything.
    event.related_partnerships.add(*PartnershipFactory.create_batch(3))
    RegistrationFactory.create_batch(20, event=event)
    client.get(url(event))
    with django_assert_num_queries(1):
        assert "noch 460 Plätze frei" in client.get(url(event)).content.decode()


def test_each_visitor_gets_an_own_csrf_token_that_works(event, registration_data):
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    bodies = [v.get(url(event)).content.decode() for v in visitors]
    tokens = [_token(b) for b in bodies]
    assert tokens[0] != tokens[1]
    markers = page_slots.markers()
    assert not any(m in b for m in markers.values() for b in bodies)
    for body in bodies:  # the registration form (and the footer's newsletter form)
        assert body.count('name="csrfmiddlewaretoken"') >= 1
        assert len(set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', body))) == 1
    response = visitors[1].post(url(event), {**registration_data, "csrfmiddlewaretoken": tokens[1]})
    assert response.status_code == 302


def test_the_registrant_sees_the_own_message_and_the_new_count_nobody_else_does(
    client, registration_data
):
    event = EventFactory(capacity=10)
    assert "noch 10 Plätze frei" in client.get(url(event)).content.decode()
    response = client.post(url(event), registration_data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Vielen Dank für Ihre Anmeldung" in page
    assert "noch 9 Plätze frei" in page  # the registration gave a new key at once
    again = client.get(url(event)).content.decode()
    assert "Vielen Dank für Ihre Anmeldung" not in again  # a message is shown once
    other = Client().get(url(event)).content.decode()
    assert "Vielen Dank für Ihre Anmeldung" not in other and "noch 9 Plätze frei" in other
    for body in _cached_entries(event):
        assert "Vielen Dank" not in body
        assert registration_data["email"] not in body
        assert registration_data["name"] not in body
        assert "secret-room" not in body
        assert 'csrfmiddlewaretoken" value="slot-csrf_token-' in body


def test_a_signed_in_visitor_gets_the_own_account_links_from_the_shared_body(client):
    event = EventFactory()
    user = UserFactory(email="editorin@example.org")
    anonymous = Client().get(url(event)).content.decode()
    client.force_login(user)
    signed_in = client.get(url(event)).content.decode()
    assert "Mein Bereich" in signed_in and "Mein Bereich" not in anonymous
    assert Client().get(url(event)).content.decode().count("Mein Bereich") == 0
    for body in _cached_entries(event):
        assert "Mein Bereich" not in body and "editorin" not in body


def test_changes_show_at_once(client, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=5, series=EventSeriesFactory(name_de="Alte Reihe"))
    theme = Theme.objects.first()
    event.themes.add(theme)
    partnership = PartnershipFactory(title_de="Alte Partnerschaft")
    event.related_partnerships.add(partnership)
    body = client.get(url(event)).content.decode()
    assert "Alte Reihe" in body and "Alte Partnerschaft" in body

    event.title_de = "Neuer Titel"
    event.save()
    assert "Neuer Titel" in client.get(url(event)).content.decode()

    event.series.name_de = "Neue Reihe"
    event.series.save()
    theme.name_de = "Neues Thema"
    theme.save()
    body = client.get(url(event)).content.decode()
    assert "Neue Reihe" in body and "Neues Thema" in body

    from partnerships import services as partnership_services

    partnership.title_de = "Neue Partnerschaft"
    partnership.save()
    with django_capture_on_commit_callbacks(execute=True):  # the register's version
        partnership_services.partnership_changed(partnership=partnership)
    assert "Neue Partnerschaft" in client.get(url(event)).content.decode()

    RegistrationFactory.create_batch(5, event=event)
    assert "Ausgebucht" in client.get(url(event)).content.decode()
    event.status = event.Status.CANCELLED
    event.save()
    assert "Diese Veranstaltung wurde abgesagt." in client.get(url(event)).content.decode()


def test_each_language_has_its_own_body(client):
    event = EventFactory(title_de="Forum", title_uk="Форум")
    assert "Форум" in client.get(url(event, "uk")).content.decode()
    assert "Forum" in client.get(url(event, "de")).content.decode()
    assert "Форум" in client.get(url(event, "uk")).content.decode()


def test_the_body_expires_when_registration_closes_or_the_event_starts():
    now = timezone.now()
    event = EventFactory(
        start=now + timedelta(days=3), registration_closes=now + timedelta(hours=5)
    )
    assert page_cache.next_change(event, now=now) == event.registration_closes
    assert page_cache.next_change(event, now=now + timedelta(hours=6)) == event.start
    assert page_cache.next_change(event, now=now + timedelta(days=9)) is None
    state = selectors.event_page_state(pk=event.pk)
    key = page_cache.page_key(pk=event.pk, language="de", host="h", state=state)
    page_cache.store_body(key, "body", valid_until=now - timedelta(seconds=1))
    assert page_cache.cached_body(key) is None  # past its validity: not cached at all
    page_cache.store_body(key, "body", valid_until=now + timedelta(hours=5))
    assert page_cache.cached_body(key) == "body"
    assert 0 < cache._cache.get_client().ttl(cache.make_key(key)) <= page_cache.PAGE_SECONDS


def test_drafts_and_query_strings(client):
    draft = EventFactory(status="draft")
    assert client.get(url(draft)).status_code == 404
    event = EventFactory()
    assert client.get(url(event) + "?utm_source=x").status_code == 200
    assert not _cached_entries(event)  # a query string is never cached
