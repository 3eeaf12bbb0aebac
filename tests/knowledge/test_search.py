"""Full-text search on PostgreSQL (and the plain fallback logic)."""

import pytest

from knowledge import search
from knowledge.models import Resource
from knowledge.selectors import resource_list, search_items

pytestmark = pytest.mark.django_db


def titles(query: str) -> set[str]:
    return {r.title for r in resource_list(parsed=search.parse_query(query))}


@pytest.fixture
def library(make_resource):
    make_resource(
        title="Versmold und Tui",
        slug="versmold",
        summary="Eine neue Städtepartnerschaft mit Galicien.",
        body="Die Stadt wählte die Partnerstadt nach der Herkunft ihrer Migrationsbevölkerung.",
    )
    make_resource(
        title="Duisburg – Kryvyi Rih",
        slug="duisburg",
        summary="Solidaritätspartnerschaft seit Februar 2023.",
        body="Gemeinsamkeiten bei Stahl und Stadtstruktur.",
    )
    make_resource(
        title="Hilfe beim Aufbau",
        slug="aufbau",
        summary="Beiträge zum Wiederaufbaus der Infrastruktur.",
        body="Generatoren und Fahrzeuge für die Partnerkommune.",
    )
    make_resource(
        title="Besuch in Kyjiw",
        slug="kyjiw",
        summary="Delegationsreise in die Hauptstadt.",
        body="Ein Bericht.",
    )
    make_resource(
        title="Партнерство громад",
        slug="ukrainisch",
        title_uk="Партнерство громад",
        summary="",
        summary_uk="Досвід відбудови в Київ та області.",
        body="",
    )
    make_resource(
        title="Entwurf über Partnerschaften",
        slug="entwurf",
        state=Resource.State.DRAFT,
    )


def test_compounds_are_found_by_their_last_part(library):
    assert titles("Partnerschaft") == {"Versmold und Tui", "Duisburg – Kryvyi Rih"}


def test_stemming_finds_inflected_forms(library):
    assert "Hilfe beim Aufbau" in titles("Wiederaufbau")


def test_place_aliases_match_all_spellings(library):
    assert titles("Kiew") == {"Besuch in Kyjiw", "Партнерство громад"}
    assert titles("Київ") == {"Besuch in Kyjiw", "Партнерство громад"}


def test_ukrainian_text_is_searchable_with_simple_config(library):
    assert titles("відбудови") == {"Партнерство громад"}


def test_several_words_must_all_match(library):
    assert titles("Partnerschaft Galicien") == {"Versmold und Tui"}
    assert titles("Partnerschaft Generatoren") == set()


@pytest.mark.parametrize(
    "query",
    [
        "&|!():*'",
        "Partnerschaft & | ! ( ) : * '",
        "'; DROP TABLE knowledge_resource; --",
        "Partner:* & !Tui",
        "((((",
        "a" * 5000,
        "Stahl" + "!" * 3000,
    ],
)
def test_special_characters_and_long_queries_do_not_fail(library, query):
    parsed = search.parse_query(query)
    list(resource_list(parsed=parsed))
    assert len(parsed.raw) <= search.MAX_QUERY_LENGTH


def test_syntax_characters_are_ignored_not_interpreted(library):
    assert titles("Partnerschaft & | ! ( ) : * '") == titles("Partnerschaft")


def test_messages_for_empty_only_symbols_and_long_queries():
    assert search.parse_query("").is_empty
    assert search.parse_query("").messages == []
    assert search.parse_query("&|!").messages
    long = search.parse_query("wort " * 100)
    assert long.truncated and long.messages
    assert len(long.terms) <= search.MAX_TERMS


def test_ranking_prefers_title_over_body(make_resource):
    make_resource(title="Über Schulen", slug="a", summary="", body="Generatoren werden gebraucht.")
    make_resource(title="Generatoren für Malyn", slug="b", summary="", body="Lieferung.")
    results = list(resource_list(parsed=search.parse_query("Generatoren")))
    assert [r.slug for r in results] == ["b", "a"]


def test_snippets_are_highlighted_and_escaped(make_resource):
    make_resource(
        title="Skript",
        slug="s",
        summary="<script>alert(1)</script> Hilfslieferungen nach Malyn",
        body="",
    )
    [item] = search_items(query="Hilfslieferungen", limit=5)
    assert "<mark>Hilfslieferungen</mark>" in item["snippet"]
    assert "<script>" not in item["snippet"]
    assert item["url"] == "/de/wissen/s/"


def test_drafts_are_never_found(library):
    assert "Entwurf über Partnerschaften" not in titles("Partnerschaften")


def test_extracted_attachment_text_is_searchable(make_resource):
    from knowledge import services

    resource = make_resource(title="Publikation", slug="pub", summary="", body="")
    resource.extracted_text = "Im Anhang steht etwas über Feuerwehren."
    resource.save()
    services.resource_index(resource=resource)
    assert titles("Feuerwehr") == {"Publikation"}


def test_sqlite_fallback_uses_contains_per_word(monkeypatch, library):
    monkeypatch.setattr(search, "uses_postgres", lambda: False)
    assert titles("partnerschaft galicien") == {"Versmold und Tui"}
    assert titles("Kiew") == {"Besuch in Kyjiw", "Партнерство громад"}
    assert titles("&|!()") == titles("")


def test_aliases_of_the_partnership_register(make_resource):
    from tests.partnerships.factories import UkrainianActorFactory

    UkrainianActorFactory(name="Kryvyi Rih", aliases="Krywyj Rih\nКривий Ріг\nKriwoi Rog")
    make_resource(title="Besuch in Krywyj Rih", slug="krywyj", summary="", body="")
    make_resource(title="Кривий Ріг сьогодні", slug="kyrillisch", summary="", body="")
    make_resource(title="Rih allein", slug="rih", summary="", body="Kein Ort.")
    assert "кривий ріг" in search.expand_aliases("kryvyi")
    assert titles("Kryvyi") == {"Besuch in Krywyj Rih", "Кривий Ріг сьогодні"}
    assert titles("Kriwoi Rog") == {"Besuch in Krywyj Rih", "Кривий Ріг сьогодні"}


def test_long_attachment_texts_are_found_but_cut_for_the_snippet(make_resource):
    from knowledge import services

    filler = "Verwaltung Haushalt Bericht " * 20_000  # ~560,000 characters of PDF text
    resource = make_resource(title="Jahresbericht", slug="bericht", summary="", body="")
    resource.extracted_text = "Wasserwerk Malyn. " + filler + " Zum Schluss: Feuerwehrleiter."
    resource.save()
    services.resource_index(resource=resource)
    [early] = list(resource_list(parsed=search.parse_query("Wasserwerk")))
    assert "⟦Wasserwerk⟧" in early.snippet_raw
    [late] = list(resource_list(parsed=search.parse_query("Feuerwehrleiter")))
    assert late.slug == "bericht"  # found through the whole text ...
    assert "⟦" not in late.snippet_raw  # ... but the snippet comes from the first part
    assert len(late.snippet_raw) < 1000


def test_long_texts_leave_the_row_and_the_search_vector_stays_in_it():
    """The storage settings the ranked search's speed depends on (migration 0006)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reloptions, a.attstorage FROM pg_class c "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'search_vector' "
            "WHERE c.relname = %s",
            [Resource._meta.db_table],
        )
        options, storage = cursor.fetchone()
    assert "toast_tuple_target=256" in options
    assert storage == "m"
