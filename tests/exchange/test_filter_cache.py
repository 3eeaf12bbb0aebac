"""The Bedarfsbörse's cached filter panel is keyed by validated choices only."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def test_random_parameters_create_no_new_cache_entry(client):
    redis = cache._cache.get_client()
    client.get("/de/bedarfsboerse/", {"kind": "need"})
    client.get("/de/bedarfsboerse/")
    client.get("/de/bedarfsboerse/", {"x": 1})  # some parameter: the panel opens
    before = redis.dbsize()
    for number in range(100):
        assert client.get("/de/bedarfsboerse/", {f"x{number}": number}).status_code == 200
        client.get("/de/bedarfsboerse/", {"kind": "need", "seite": number + 1, "y": number})
        client.get("/de/bedarfsboerse/", {"category": f"unbekannt-{number}"})
    assert redis.dbsize() == before


def test_the_panel_follows_the_language_and_the_chosen_filter(client):
    german = client.get("/de/bedarfsboerse/", {"kind": "need"}).content.decode()
    ukrainian = client.get("/uk/bedarfsboerse/", {"kind": "need"}).content.decode()
    assert "Filter zurücksetzen" in german and "Filter zurücksetzen" not in ukrainian
    offers = client.get("/de/bedarfsboerse/", {"kind": "offer"}).content.decode()
    assert 'value="offer" selected' in offers and 'value="offer" selected' not in german
