"""The public event page, cached whole per language (``portal.page_slots`` fills in each
visitor's CSRF token, messages and account links), so a burst of openings costs one small
query and one cache read per request instead of a full render.

A cached body is valid while nothing it shows has changed:

- the event itself and its places: the key holds the event's last change, status and the
  number of places taken (``selectors.event_page_state``, one query per request), so a
  registration, cancellation, promotion or any edit gives a new key at once;
- the published partnerships it links to: the register's version
  (``partnerships.services.published_version``) is stored with the body;
- series, themes and time horizons (names shown on the page): ``taxonomy_changed`` (signals
  connected in ``EventsConfig.ready``) bumps a version stored with the body;
- time: the body expires when registration opens or closes, the event starts or ends
  (``_seconds_valid``), and after ``PAGE_SECONDS`` at the latest (the footer's newsletter
  list comes from its own cache).

Requests with a query string are not cached (the language links keep the query).
"""

import math
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from partnerships.services import PUBLISHED_VERSION_KEY, published_version

PAGE_SECONDS = 300
TAXONOMY_VERSION_KEY = "events:page-taxonomy-version"


def page_key(*, pk: int, language: str, host: str, state: tuple) -> str:
    updated_at, status, taken = state
    return f"events:page:{pk}:{language}:{host}:{updated_at.timestamp()}:{status}:{taken}"


def _taxonomy_version() -> int:
    version = cache.get(TAXONOMY_VERSION_KEY)
    if version is None:
        version = int(timezone.now().timestamp() * 1000)
        cache.add(TAXONOMY_VERSION_KEY, version, timeout=None)
        version = cache.get(TAXONOMY_VERSION_KEY, version)
    return version


def cached_body(key: str) -> str | None:
    """The cached body under ``key`` if the versions stored with it are still current
    (one cache round trip)."""
    found = cache.get_many([key, PUBLISHED_VERSION_KEY, TAXONOMY_VERSION_KEY])
    entry = found.get(key)
    if entry is None:
        return None
    versions, body = entry
    if versions != (found.get(PUBLISHED_VERSION_KEY), found.get(TAXONOMY_VERSION_KEY)):
        return None
    return body


def store_body(key: str, body: str, *, valid_until: datetime | None) -> None:
    seconds = PAGE_SECONDS
    if valid_until is not None:
        seconds = min(seconds, math.floor((valid_until - timezone.now()).total_seconds()))
    if seconds > 0:
        versions = (published_version(), _taxonomy_version())
        cache.set(key, (versions, body), timeout=seconds)


def next_change(event, *, now=None) -> datetime | None:
    """The next moment the page changes by itself (registration opens/closes, start, end)."""
    now = now or timezone.now()
    moments = [event.registration_opens, event.registration_closes, event.start, event.end]
    future = [moment for moment in moments if moment is not None and moment > now]
    return min(future, default=None)


def taxonomy_changed(**kwargs) -> None:
    """Signal receiver: a series, theme or horizon (or an event's list of them) changed."""
    try:
        cache.incr(TAXONOMY_VERSION_KEY)
    except ValueError:
        cache.set(TAXONOMY_VERSION_KEY, int(timezone.now().timestamp() * 1000), None)
