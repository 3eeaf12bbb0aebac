"""What a Ukrainian hromada official met on the wave-2 pages (Partnersuche, Bedarfsbörse,
Statistik) and around them: names in Cyrillic on the maps, numbers in the language's form,
an empty result that says so, the office in the page's language, a need written only in
Ukrainian marked as such on /de/."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.exchange import services as exchange
from partnerships.statistics import charts, presentation
from portal.models import Horizon
from tests.matchmaking.factories import SearchProfileFactory
from tests.partnerships.factories import ActorFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db


def url(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def korosten():
    oblast = UkrainianActorFactory(
        kind="oblast", name="Oblast Schytomyr", name_uk="Житомирська область", slug="zhytomyr"
    )
    return UkrainianActorFactory(name="Korosten", name_uk="Коростень", slug="korosten",
                                 region=oblast)  # fmt: skip


def _item(actor, **title):
    return exchange.item_save(
        item=None, by=None, kind="need", actor=actor, category="generator",
        horizon=Horizon.objects.get(slug=Horizon.HUMANITARIAN), title=title,
        description={}, quantity=2, valid_until=timezone.localdate() + timedelta(days=30),
        publish=True, source_language=next(iter(title)),
    )  # fmt: skip


def test_map_data_names_ukrainian_places_in_cyrillic_on_uk(client, korosten):
    SearchProfileFactory(actor=korosten)
    profiles = client.get(url("matchmaking:map_data", "uk")).json()["profiles"]
    assert [p["name"] for p in profiles] == ["Коростень"]
    assert client.get(url("matchmaking:map_data", "de")).json()["profiles"][0]["name"] == (
        "Korosten"
    )
    _item(korosten, uk="Генератори")
    items = client.get(url("exchange:map_data", "uk")).json()["items"]
    assert [i["name"] for i in items] == ["Коростень"]


def test_sensitive_place_is_named_by_its_oblast_in_the_page_language(client, korosten):
    korosten.is_sensitive = True
    korosten.save()
    _item(korosten, uk="Генератори")
    items = client.get(url("exchange:map_data", "uk")).json()["items"]
    assert [i["name"] for i in items] == ["Житомирська область"]


def test_percentages_and_decimals_in_the_language_form():
    with translation.override("uk"):
        assert presentation.percent_text(9.1) == "9,1\u202f%"
        assert charts.format_number(9.1) == "9,1"
    with translation.override("de"):
        assert presentation.percent_text(9.1) == "9,1\u202f%"
    with translation.override("en"):
        assert presentation.percent_text(9.1) == "9.1\u202f%"


def test_empty_exchange_result_says_so(client):
    body = client.get(url("exchange:list", "uk"), {"kind": "need"}).content.decode()
    assert "Жоден запис не відповідає цим фільтрам." in body


def test_need_written_only_in_ukrainian_is_marked_on_de(client, korosten):
    item = _item(korosten, uk="Генератори для лікарні")
    body = client.get(url("exchange:detail", "de", item.pk)).content.decode()
    assert '<span class="fallback" lang="uk">Генератори для лікарні</span>' in body
    assert "auf Ukrainisch" in body


def test_office_in_the_page_language_and_operator_marked_german(client):
    body = client.get(url("portal:home", "uk")).content.decode()
    footer = body.split('<footer class="site-footer">', 1)[1]
    assert "Мережеве бюро партнерств міст NRW" in footer
    assert "Netzwerkstelle Städtepartnerschaften NRW" not in footer
    assert '<span lang="de">Auslandsgesellschaft.de e.V.</span>' in footer
    assert 'data-label-zoom-in="Збільшити"' in body  # the map's zoom buttons


def test_german_place_of_a_profile_keeps_its_german_name(client):
    SearchProfileFactory(actor=ActorFactory(name="Nottuln", slug="nottuln"))
    profiles = client.get(url("matchmaking:map_data", "uk")).json()["profiles"]
    assert [p["name"] for p in profiles] == ["Nottuln"]
