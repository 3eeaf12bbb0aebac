"""axe-core on every public page the journeys visit, in German and in Ukrainian (the journeys
themselves check each page as they pass it, mostly in German)."""

import pytest

from events.models import Event
from knowledge.models import Resource
from partnerships.matchmaking.models import SearchProfile
from partnerships.models import Actor, Partnership

pytestmark = pytest.mark.django_db(transaction=True)


def public_paths() -> list[str]:
    partnership = Partnership.objects.get(slug="duisburg-kryvyi-rih")
    actor = Actor.objects.filter(memberships__partnership=partnership, country="UA").first()
    event = Event.objects.filter(status="published").order_by("-start").first()
    publication = Resource.objects.get(slug="migration-und-integration-in-staedtepartnerschaften")
    profile = SearchProfile.objects.published().order_by("pk").first()
    return [
        "",
        "karte/",
        "partnerschaften/",
        f"partnerschaften/{partnership.slug}/",
        f"akteure/{actor.slug}/",
        "veranstaltungen/",
        f"veranstaltungen/{event.pk}/",
        "newsletter/",
        "newsletter/archiv/",
        "wissen/",
        "wissen/?q=Partnerschaft",
        f"wissen/{publication.slug}/",
        "foerderung/",
        "suche/?q=Kyjiw",
        "beratung/",
        "partnersuche/",
        f"partnersuche/{profile.pk}/kontakt/",
        "partnersuche/wir-suchen/",
        "kontakt/",
        "impressum/",
        "datenschutz/",
        "barrierefreiheit/",
        "konto/login/",
        "konto/signup/",
    ]


@pytest.mark.parametrize("language", ["de", "uk"])
def test_no_serious_or_critical_axe_violations(page, journey, demo_data, language):
    failures = []
    for path in public_paths():
        response = page.goto(f"{page.base_url}/{language}/{path}")
        assert response.status == 200, path
        if path == "karte/":
            page.wait_for_selector(".leaflet-marker-icon, .marker-cluster")
        if path == "partnersuche/":
            page.locator("#profile-map[data-state=ready]").wait_for()
        try:
            journey.check(f"{language}-{path.strip('/').replace('/', '-') or 'home'}")
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)
