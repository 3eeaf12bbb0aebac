"""A fixed-window rate limit per client, kept in the shared cache (Redis in production).

With Redis down the counters live in each process's memory (portal/cache.py): the limits
still hold, per process (README, "Degraded mode")."""

from django.conf import settings
from django.core.cache import cache
from django.forms import Form
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. Behind ``TRUSTED_PROXY_COUNT`` proxies that each append the
    address they saw to X-Forwarded-For, the client is the entry that many places from the
    right: whatever a client writes into the header itself stays to the left of it."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if forwarded:
            return forwarded[-min(settings.TRUSTED_PROXY_COUNT, len(forwarded))]
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


def form_refused(
    request: HttpRequest, form: Form, *, scope: str, limit: tuple[int, int], message: str
) -> int | None:
    """The rate-limited form flow of the public forms: validate ``form``, then count the
    submission against this client's ``limit`` (count, seconds) in ``scope``.

    None: the form is valid and within the limit — process it. Otherwise the status to
    answer with: 400 (the form shows its errors) or 429 (``message`` is added to the form,
    the typed input stays). An invalid form does not count against the limit."""
    if not form.is_valid():
        return 400
    count, window = limit
    if not rate_limit_hit(scope=scope, key=client_ip(request) or "-", limit=count, window=window):
        form.add_error(None, message)
        return 429
    return None
