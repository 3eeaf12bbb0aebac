"""Django's Redis cache backend, made cheaper for the hot paths and harmless when Redis is down.

- Django builds a new ``redis.Redis`` client (with its ~170 response callbacks) for every
  cache command; this backend keeps one per connection pool. Django's caches are
  per-thread, and a client over a pool is safe to share anyway.
- ``incr_window(key, window)``: count a request in a fixed window in one round trip
  (``INCR`` and ``EXPIRE ... NX`` pipelined), where ``cache.incr`` needs two or three
  (``EXISTS``, ``INCR``, ``SET NX`` on the window's first request).
- Degraded mode: when Redis does not answer, the cache behaves as an empty cache that
  forgets what it is given (``get`` misses, ``set`` does nothing, ``add`` refuses, ``incr``
  finds no key) instead of raising, so every page that can be built from PostgreSQL
  renders. After a failure the backend does not try Redis again for
  ``PORTAL_CACHE_RETRY_SECONDS`` (no connection attempt per cache call during an outage).
  Rate-limit counters (``COUNTER_PREFIXES``, ``incr_window``) are kept in this process's
  memory meanwhile: the limits still hold, per process (README, "Degraded mode").
"""

import functools
import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
# Counters kept in this process's memory while Redis is down (rate limits keep limiting):
# the portal's form limits, allauth's login/sign-up limits, the newsletter's sending rate.
COUNTER_PREFIXES = ("ratelimit:", "allauth:rl:", "newsletter:rate:")


class _Client(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def incr_window(self, key, window: int) -> int:
        # No MULTI/EXEC needed: EXPIRE NX only ever sets the window's first expiry.
        pipeline = self.get_client(key, write=True).pipeline(transaction=False)
        pipeline.incr(key)
        pipeline.expire(key, window, nx=True)  # Redis >= 7: only the window's first request
        count, _ = pipeline.execute()
        return count


class _Outage:
    """This process's view of one Redis server: up, or down until a retry time."""

    _all: dict[str, "_Outage"] = {}
    _all_lock = threading.Lock()

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.local = LocMemCache(f"outage-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})

    @classmethod
    def of(cls, location: str) -> "_Outage":
        with cls._all_lock:
            return cls._all.setdefault(location, cls())

    def is_down(self) -> bool:
        return time.monotonic() < self.down_until

    def failed(self, error: Exception) -> None:
        retry = getattr(settings, "PORTAL_CACHE_RETRY_SECONDS", 5)
        with self.lock:
            first = not self.is_down()
            self.down_until = time.monotonic() + retry
        if first:
            logger.warning("cache unavailable (%s); degraded mode for %ss", error, retry)

    def count(self, key: str, window: int) -> int:
        """``incr_window`` in this process's memory."""
        if self.local.add(key, 1, timeout=window):
            return 1
        try:
            return self.local.incr(key)
        except ValueError:  # the window ended meanwhile
            self.local.set(key, 1, timeout=window)
            return 1


def _degrades(fallback=None, *, raises=None):
    """Run the cache call; while Redis is down, return ``fallback`` (or raise ``raises``)."""

    def decorate(method):
        local = hasattr(LocMemCache, method.__name__)

        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            outage = self._outage
            if not outage.is_down():
                try:
                    return method(self, *args, **kwargs)
                except OUTAGE_ERRORS as error:
                    outage.failed(error)
            if local and args and isinstance(args[0], str) and args[0].startswith(COUNTER_PREFIXES):
                return getattr(outage.local, method.__name__)(*args, **kwargs)
            if raises is not None:
                raise raises("cache unavailable")
            return fallback(self, *args, **kwargs) if callable(fallback) else fallback

        return wrapper

    return decorate


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client
        self._outage = _Outage.of(",".join(self._servers))

    def forget_outage(self) -> None:
        """Try Redis again at the next call (tests; the retry pause ends the same way)."""
        self._outage.down_until = 0.0
        self._outage.local.clear()

    def is_degraded(self) -> bool:
        return self._outage.is_down()

    @_degrades(lambda self, key, window, version=None: self._outage.count(key, window))
    def incr_window(self, key, window: int, version=None) -> int:
        """Count one more in ``key``, which expires ``window`` seconds after its first count."""
        return self._cache.incr_window(self.make_and_validate_key(key, version=version), window)

    @_degrades(lambda self, key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_degrades(lambda self, keys, version=None: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_degrades(False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_degrades(False)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    @_degrades(None)
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @_degrades(lambda self, data, *args, **kwargs: list(data))
    def set_many(self, data, *args, **kwargs):
        return super().set_many(data, *args, **kwargs)

    @_degrades(False)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @_degrades(False)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @_degrades(None)
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    @_degrades(raises=ValueError)
    def incr(self, *args, **kwargs):
        return super().incr(*args, **kwargs)

    @_degrades(False)
    def clear(self):
        return super().clear()

    def ping(self) -> bool:
        """Whether Redis answers now (the readiness probe; ignores the retry pause)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except OUTAGE_ERRORS:
            return False
