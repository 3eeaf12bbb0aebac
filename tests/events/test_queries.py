"""Query budgets with many rows: 1,000 events and 50,000 registrations."""

import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventSeries, Registration
from portal.models import Theme

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(300)]


@pytest.fixture
def many_events(db):
    series = [
        EventSeries.objects.create(name=f"Reihe {i}", name_de=f"Reihe {i}", slug=f"reihe-{i}")
        for i in range(5)
    ]
    themes = list(Theme.objects.all())
    now = timezone.now()
    rng = random.Random(4)
    events = Event.objects.bulk_create(
        [
            Event(
                title_de=f"Veranstaltung {i}",
                summary_de="Austausch",
                series=series[i % 5],
                start=now + timedelta(hours=6 * (i - 300)),
                end=now + timedelta(hours=6 * (i - 300) + 2),
                status=Event.Status.PUBLISHED,
                capacity=60,
                languages="de,uk",
                join_url="https://meet.example.org/geheim",
            )
            for i in range(1000)
        ]
    )
    through = Event.themes.through
    through.objects.bulk_create(
        [through(event_id=e.pk, theme_id=rng.choice(themes).pk) for e in events]
    )
    registrations = []
    for n in range(50_000):
        event = events[n % 1000]
        status = "confirmed" if n // 1000 < 45 else "waitlisted"
        registrations.append(
            Registration(
                event=event,
                name="Person",
                email=f"p{n}@example.org",
                status=status,
                waitlist_position=(n // 1000 - 44) if status == "waitlisted" else None,
                consent=True,
                manage_token=f"m{n}",
                join_token=f"j{n}",
            )
        )
    Registration.objects.bulk_create(registrations, batch_size=5000)
    return events


def test_query_budgets(client, many_events, django_assert_max_num_queries, admin_client):
    # session/auth queries of the test client are not part of these anonymous pages
    upcoming = many_events[400]
    with django_assert_max_num_queries(8):
        response = client.get("/de/veranstaltungen/")
    assert response.status_code == 200
    month = timezone.localtime(upcoming.start).strftime("%Y-%m")
    with django_assert_max_num_queries(8):
        response = client.get(f"/de/veranstaltungen/?monat={month}&thema=migration&format=online")
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        response = client.get("/de/veranstaltungen/rueckblick/")
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        response = client.get(f"/de/veranstaltungen/{upcoming.pk}/")
    assert response.status_code == 200
    assert "noch 15 Plätze frei" in response.content.decode()
    with django_assert_max_num_queries(3):
        response = client.get("/de/veranstaltungen/feed.ics")
    assert response.content.count(b"BEGIN:VEVENT") > 300
    with django_assert_max_num_queries(3):
        response = client.get("/de/veranstaltungen/reihe/reihe-1/feed.ics")
    with django_assert_max_num_queries(10):
        response = client.get("/de/")
    assert response.status_code == 200

    from events import selectors

    with django_assert_max_num_queries(1):
        assert len(selectors.newsletter_upcoming_events(limit=5)) == 5
    with django_assert_max_num_queries(1):
        selectors.search_items(query="Veranstaltung 12", limit=10)


def test_admin_changelist_budget(admin_client, many_events, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = admin_client.get(reverse("admin:events_event_changelist") + "?all=")
    assert response.status_code == 200
    with django_assert_max_num_queries(15):
        response = admin_client.get(reverse("admin:events_registration_changelist"))
    assert response.status_code == 200
