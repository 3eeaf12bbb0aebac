"""The map data's cache key comes from the validated filter values only (issue 12 §5)."""

import secrets

import pytest
from django.core.cache import cache, caches

from portal.cache import RedisCache
from tests.partnerships.factories import PartnershipFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not isinstance(caches["default"], RedisCache), reason="counts keys in Redis"
    ),
]


def map_keys() -> set[bytes]:
    client = cache._cache.get_client(write=True)
    return set(client.scan_iter(match=cache.make_key("partnerships:*"), count=1000))


def test_a_thousand_random_parameters_create_no_new_cache_entry(client):
    PartnershipFactory()
    assert client.get("/api/partnerships.geojson?kind=solidarity").status_code == 200
    assert client.get("/api/partnerships.csv").status_code == 200
    before = map_keys()
    for _ in range(1000):
        name, value = secrets.token_hex(4), secrets.token_hex(8)
        response = client.get(f"/api/partnerships.geojson?{name}={value}&kind=solidarity")
        assert response.status_code == 200
    for url in ["/api/partnerships.csv?utm_source=x", "/api/partnerships.csv?q=&lang=de"]:
        assert client.get(url).status_code == 200
    assert map_keys() == before


def test_the_same_filter_in_another_spelling_is_the_same_entry(client):
    PartnershipFactory()
    client.get("/api/partnerships.geojson?year_from=2000&kind=solidarity&kind=twinning")
    before = map_keys()
    client.get("/api/partnerships.geojson?kind=twinning&year_from=2000.0&kind=solidarity")
    assert map_keys() == before
