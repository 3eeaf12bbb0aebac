from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_events_idempotently():
    call_command("seed_demo", stdout=StringIO())
    counts = (Event.objects.count(), Registration.objects.count(), Event.history.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Event.objects.count(), Registration.objects.count(), Event.history.count()) == counts

    seed = Event.objects.get(title_de="Online-Austausch – Hilfe zum Wiederaufbau in der Ukraine")
    assert seed.start.date().isoformat() == "2023-06-20"
    assert seed.series.name == "Willkommen Online Austausch"
    assert seed.series.organiser == "Bertelsmann Stiftung"
    assert "Billerbeck – Malyn" in seed.documentation
    assert "Reallabor" in seed.documentation
    assert seed.related_partnerships.filter(slug="duisburg-kryvyi-rih").exists()

    upcoming = Event.objects.published().upcoming()
    titles = " ".join(upcoming.values_list("title_de", flat=True))
    assert "Forum Städtepartnerschaften NRW" in titles
    assert "Tag der Städtepartnerschaften" in titles
    assert "ukrainische Partnerkommune" in titles
    full = Event.objects.with_counts().get(title_de__startswith="Webinar")
    assert full.confirmed_count == full.capacity
    assert full.waitlisted_count > 0
    assert not Registration.objects.exclude(email__endswith="@example.org").exists()


def test_demo_pages_render(client):
    call_command("seed_demo", stdout=StringIO())
    for event in Event.objects.all():
        response = client.get(f"/de/veranstaltungen/{event.pk}/")
        assert response.status_code == 200
    body = client.get("/de/").content.decode()
    assert "Forum Städtepartnerschaften NRW" in body
