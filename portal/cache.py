"""Django's Redis cache backend, made cheaper for the hot paths (registration bursts).

- Django builds a new ``redis.Redis`` client (with its ~170 response callbacks) for every
  cache command; this backend keeps one per connection pool. Django's caches are
  per-thread, and a client over a pool is safe to share anyway.
- ``incr_window(key, window)``: count a request in a fixed window in one round trip
  (``INCR`` and ``EXPIRE ... NX`` pipelined), where ``cache.incr`` needs two or three
  (``EXISTS``, ``INCR``, ``SET NX`` on the window's first request).
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client

    def incr_window(self, key, window: int, version=None) -> int:
        """Count one more in ``key``, which expires ``window`` seconds after its first count."""
        return self._cache.incr_window(self.make_and_validate_key(key, version=version), window)
