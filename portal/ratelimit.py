"""A fixed-window rate limit per client, kept in the shared cache (Redis in production)."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; X-Forwarded-For only when a trusted proxy sets it."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def rate_limit_hit(*, scope: str, key: str, limit: int, window: int) -> bool:
    """Count one request for ``key`` in ``scope``; True while the limit is not exceeded."""
    cache_key = f"ratelimit:{scope}:{key}"
    if hasattr(cache, "incr_window"):  # portal.cache.RedisCache: one round trip
        return cache.incr_window(cache_key, window) <= limit
    try:
        count = cache.incr(cache_key)
    except ValueError:  # first request of the window (or the window just expired)
        if cache.add(cache_key, 1, timeout=window):
            return limit >= 1
        try:
            count = cache.incr(cache_key)  # another request started the window meanwhile
        except ValueError:
            cache.set(cache_key, 1, timeout=window)
            count = 1
    return count <= limit
