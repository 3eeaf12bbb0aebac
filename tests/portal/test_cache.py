"""The Redis cache backend: one client per pool, and a fixed-window counter in one trip."""

import uuid

import pytest
from django.core.cache import cache, caches

from portal.cache import RedisCache
from portal.ratelimit import rate_limit_hit

pytestmark = pytest.mark.skipif(
    not isinstance(caches["default"], RedisCache), reason="needs the Redis cache (REDIS_URL)"
)


def test_one_client_object_per_pool():
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)


def test_incr_window_counts_and_sets_the_expiry_only_on_the_first_count():
    key = f"test-window-{uuid.uuid4()}"
    raw = cache._cache.get_client(write=True)
    full_key = cache.make_and_validate_key(key)

    assert cache.incr_window(key, 60) == 1
    assert 0 < raw.ttl(full_key) <= 60
    raw.expire(full_key, 5)  # the window is nearly over
    assert cache.incr_window(key, 60) == 2
    assert raw.ttl(full_key) <= 5  # a later count does not extend the window
    assert cache.get(key) == 2  # the same value Django's own incr/get see
    assert cache.incr(key) == 3


def test_rate_limit_allows_the_limit_then_refuses():
    key = str(uuid.uuid4())
    hits = [rate_limit_hit(scope="test", key=key, limit=2, window=60) for _ in range(4)]
    assert hits == [True, True, False, False]
