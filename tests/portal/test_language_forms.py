"""Dates, numbers and plurals in each language's own form."""

import datetime
import html
import json

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from tests.events.factories import EventFactory
from tests.partnerships.factories import ActorFactory

pytestmark = pytest.mark.django_db

COUNT = (
    "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} Partnerschaft"
    "{% plural %}{{ counter }} Partnerschaften{% endblocktranslate %}"
)
EXPECTED = {
    "de": {1: "1 Partnerschaft", 2: "2 Partnerschaften", 5: "5 Partnerschaften",
           21: "21 Partnerschaften"},
    "uk": {1: "1 партнерство", 2: "2 партнерства", 5: "5 партнерств", 21: "21 партнерство"},
}  # fmt: skip


@pytest.mark.parametrize("language", ["de", "uk"])
@pytest.mark.parametrize("n", [1, 2, 5, 21])
def test_counts_in_each_language(language, n):
    with translation.override(language):
        assert Template(COUNT).render(Context({"n": n})) == EXPECTED[language][n]


@pytest.mark.parametrize("language", ["de", "uk"])
@pytest.mark.parametrize("n", [1, 2, 5, 21])
def test_count_forms_for_scripts_follow_the_plural_categories(language, n):
    """The map writes its counts in JavaScript with Intl.PluralRules; the categories
    (uk: 1, 21 -> one; 2 -> few; 5 -> many; de: 1 -> one, else other) pick these forms."""
    category = {"uk": {1: "one", 2: "few", 5: "many", 21: "one"},
                "de": {1: "one", 2: "other", 5: "other", 21: "other"}}[language][n]  # fmt: skip
    with translation.override(language):
        forms = json.loads(
            html.unescape(
                Template(
                    "{% load portal_tags %}"
                    "{% plural_forms '%(counter)s Partnerschaft' '%(counter)s Partnerschaften' %}"
                ).render(Context())
            )
        )
    assert forms[category].replace("{n}", str(n)) == EXPECTED[language][n]


def test_map_page_carries_the_plural_forms(client):
    page = client.get("/uk/karte/").content.decode()
    assert "партнерств" in page and "data-count-forms" in page


def test_ukrainian_dates_have_no_german_periods(client):
    start = timezone.make_aware(datetime.datetime(2027, 1, 15, 18, 0))
    event = EventFactory(start=start, end=start + datetime.timedelta(hours=2))
    uk = client.get(f"/uk/veranstaltungen/{event.pk}/").content.decode()
    assert "15 січня 2027, 18:00" in uk
    assert "15. січня" not in uk
    de = client.get(f"/de/veranstaltungen/{event.pk}/").content.decode()
    assert "15. Januar 2027, 18:00" in de
    with translation.override("uk"):
        assert Template('{{ d|date:"DATE_FORMAT" }}').render(Context({"d": start})) == (
            "15 січня 2027"
        )


@pytest.mark.parametrize(
    ("language", "shown"), [("de", "588.250"), ("uk", "588\xa0250"), ("en", "588,250")]
)
def test_population_with_thousands_separator(client, language, shown):
    actor = ActorFactory(population=588250)
    page = client.get(f"/{language}/akteure/{actor.slug}/").content.decode()
    assert shown in page
