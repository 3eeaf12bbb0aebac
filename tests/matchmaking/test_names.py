"""Names in the page's language inside the suggestions: the candidates and every name their
sentences mention (regional and Kreis–raion partnerships, regions, origins, third towns) in
Cyrillic on /uk/, the German exonym on /de/, the national romanisation on /en/ — and the
same order in every language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from partnerships.matchmaking.models import OriginStatistic
from partnerships.matchmaking.selectors import (
    actor_suggestions,
    pair_explanation,
    profile_suggestions,
)
from tests.factories import StaffFactory
from tests.matchmaking.factories import SearchProfileFactory
from tests.partnerships.factories import EditorFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

NAMES = {  # world key → (de, uk, en)
    "malyn": ("Malyn", "Малин", "Malyn"),
    "malyn_raion": ("Rajon Korosten", "Коростенський район", "Korosten Raion"),
    "malyn_oblast": ("Oblast Schytomyr", "Житомирська область", "Zhytomyr Oblast"),
    "peremyshliany": ("Peremyschljany", "Перемишляни", "Peremyshliany"),
    "peremyshliany_oblast": ("Oblast Lwiw", "Львівська область", "Lviv Oblast"),
    "kryvyi_rih": ("Krywyj Rih", "Кривий Ріг", "Kryvyi Rih"),
    "kryvyi_rih_oblast": (
        "Oblast Dnipropetrowsk",
        "Дніпропетровська область",
        "Dnipropetrovsk Oblast",
    ),
    "skawina": ("Skawina", "Скавіна", "Skawina"),
}
# What no Ukrainian page may show: the German and the Latin forms of the Ukrainian names.
LATIN_UKRAINIAN = re.compile(
    r"Malyn|Korosten|Schytomyr|Zhytomyr|Peremysh|Lwiw|Lviv|Krywyj|Kryvyi|Dnipropetrow"
)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.fixture
def named(world):
    for key, (de, uk, en) in NAMES.items():
        actor = world[key]
        actor.name_de, actor.name_uk, actor.name_en = de, uk, en
        actor.save()
    # every kind of sentence that names a place
    PartnershipFactory(partners=[world["land"], world["kryvyi_rih_oblast"]], kind="regional")
    PartnershipFactory(partners=[world["kreis"], world["malyn_raion"]], kind="district")
    PartnershipFactory(partners=[world["billerbeck"], world["skawina"]])
    PartnershipFactory(partners=[world["malyn"], world["skawina"]])
    OriginStatistic.objects.create(
        actor=world["billerbeck"],
        origin_country="UA",
        origin_region=world["malyn_oblast"],
        residents=120,
        as_of="2024-03-31",
        source="Einwohnermeldeamt",
    )
    profile = SearchProfileFactory(actor=world["billerbeck"])
    profile.preferred_regions.set([world["malyn_oblast"]])
    return world | {"profile": profile}


def sentences(suggestions):
    return {s.name: [f.sentence for f in (*s.factors, *s.flags)] for s in suggestions}


def test_candidates_and_their_sentences_in_cyrillic_on_uk(named):
    with translation.override("uk"):
        found = sentences(profile_suggestions(profile=named["profile"], staff=True))
    assert set(found) == {"Малин", "Перемишляни", "Кривий Ріг"}
    malyn = " | ".join(found["Малин"])
    for name in ("Скавіна (PL)", "Коростенський район", "Житомирська область"):
        assert name in malyn
    assert "Дніпропетровська область" in " | ".join(found["Кривий Ріг"])
    text = " | ".join(f"{name}: {' | '.join(s)}" for name, s in found.items())
    assert not LATIN_UKRAINIAN.search(text), text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", ["Oblast Dnipropetrowsk", "Krywyj Rih"]),
        ("en", ["Dnipropetrovsk Oblast", "Kryvyi Rih"]),
    ],
)
def test_exonyms_on_de_and_romanisation_on_en(named, language, expected):
    with translation.override(language):
        found = sentences(actor_suggestions(actor=named["billerbeck"]))
    oblast, city = expected
    assert city in found
    assert any(oblast in s for s in found[city])
    assert not any(CYRILLIC.search(s) for lines in found.values() for s in lines)


def test_the_order_is_the_same_in_every_language(named):
    orders = {}
    for language in ("de", "uk", "en"):
        with translation.override(language):
            orders[language] = [
                (s.actor.pk, s.score)
                for s in profile_suggestions(profile=named["profile"], staff=True, limit=None)
            ]
    assert orders["de"] == orders["uk"] == orders["en"]


def test_introduction_reasons_in_the_recipients_language(named):
    with translation.override("uk"):
        reasons = " | ".join(pair_explanation(seeker=named["billerbeck"], candidate=named["malyn"]))
    assert "Житомирська область" in reasons and "Скавіна" in reasons
    assert not LATIN_UKRAINIAN.search(reasons), reasons


def test_the_editors_page_on_uk_shows_cyrillic_names(client, named):
    editor = EditorFactory(actor=named["billerbeck"])
    client.force_login(editor.user)
    with translation.override("uk"):
        url = reverse("matchmaking:profile_edit", args=[named["profile"].pk])
    page = client.get(url).content.decode()
    listing = page[page.index('class="suggestion-list"') :]
    listing = listing[: listing.index("</ol>")]
    for name in ("Малин", "Перемишляни", "Кривий Ріг", "Житомирська область"):
        assert name in listing
    assert not LATIN_UKRAINIAN.search(listing), listing


def test_the_staff_page_on_uk_shows_cyrillic_names(client, named):
    client.force_login(StaffFactory())
    with translation.override("uk"):
        url = reverse("matchmaking:actor_suggestions", args=[named["billerbeck"].slug])
    page = client.get(url).content.decode()
    listing = page[page.index('class="suggestion-list"') :]
    listing = listing[: listing.index("</ol>")]
    assert "Малин" in listing and "Дніпропетровська область" in listing
    assert not LATIN_UKRAINIAN.search(listing), listing


def test_the_public_maps_profile_names_in_the_pages_language(client, named):
    SearchProfileFactory(actor=named["malyn"])
    names = {}
    for language in ("de", "uk", "en"):
        with translation.override(language):
            url = reverse("matchmaking:map_data")
        names[language] = [p["name"] for p in client.get(url, {"side": "UA"}).json()["profiles"]]
    assert names == {"de": ["Malyn"], "uk": ["Малин"], "en": ["Malyn"]}
