"""The Bedarfsbörse's matches in the page's language: Ukrainian communities in Cyrillic on
/uk/ (never their Latin-script names), and the same order in every language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from partnerships.exchange import matching
from partnerships.matchmaking.models import SearchProfile
from portal.models import Theme
from tests.partnerships.factories import ActorFactory

pytestmark = pytest.mark.django_db

LATIN_UKRAINIAN = re.compile(r"Malyn|Peremysh|Schytomyr|Zhytomyr|Lwiw|Lviv")


@pytest.fixture
def named(world):
    for key, uk, en in (
        ("malyn", "Малин", "Malyn"),
        ("peremyshliany", "Перемишляни", "Peremyshliany"),
        ("zhytomyr", "Житомирська область", "Zhytomyr Oblast"),
        ("lviv", "Львівська область", "Lviv Oblast"),
    ):
        actor = world[key]
        actor.name_uk, actor.name_en = uk, en
        actor.save()
    return world


def test_an_offers_matching_needs_on_uk_in_cyrillic(client, named, make_item):
    offer = make_item(kind="offer", actor=named["billerbeck"])
    make_item(actor=named["malyn"])
    make_item(actor=named["peremyshliany"])
    with translation.override("uk"):
        found = matching.offer_matches(offer=offer)
        shown = [c.actor.name for c in found]
        sentences = " | ".join(s for c in found for s in c.sentences)
    assert shown == ["Малин", "Перемишляни"]
    assert not LATIN_UKRAINIAN.search(sentences)
    client.force_login(named["de_editor"])
    with translation.override("uk"):
        url = reverse("exchange:detail", args=[offer.pk])
    page = client.get(url).content.decode()
    listing = page[page.index('class="suggestion-list"') :]
    listing = listing[: listing.index("</ol>")]
    assert "Малин" in listing and "Перемишляни" in listing
    assert not LATIN_UKRAINIAN.search(listing), listing


def test_helpers_keep_their_order_in_every_language(named, make_item):
    """Two NRW actors whose profiles offer the same help tie; the tie is broken by the German
    name, not by the name of the page's language (which would sort them the other way)."""
    theme = Theme.objects.get(slug="humanitaere-hilfe")
    helpers = []
    for de, uk in (("Alpha", "Я-місто"), ("Beta", "А-місто")):
        actor = ActorFactory(name=de)
        actor.name_uk = uk
        actor.save()
        profile = SearchProfile.objects.create(
            actor=actor, contact_name="Bench", contact_email=f"{de}@example.org"
        )
        profile.offer_themes.set([theme])
        helpers.append(actor.pk)
    need = make_item(actor=named["peremyshliany"])
    orders = {}
    for language in ("de", "uk"):
        with translation.override(language):
            found = matching.need_matches(need=need)["actors"]
        orders[language] = [c.actor.pk for c in found if c.actor.pk in helpers]
    assert orders["de"] == orders["uk"] == helpers
