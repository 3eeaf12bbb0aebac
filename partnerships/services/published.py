"""The version of the published register: map data and downloads are cached under it."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from partnerships.models import Actor, Partnership

PUBLISHED_VERSION_KEY = "partnerships:published-version"


# --- cache version of the published register ------------------------------------------------


def published_version() -> int:
    """The version of the published register (part of every cache key of the map data)."""
    version = cache.get(PUBLISHED_VERSION_KEY)
    if version is None:
        version = int(timezone.now().timestamp() * 1000)
        cache.add(PUBLISHED_VERSION_KEY, version, timeout=None)
        version = cache.get(PUBLISHED_VERSION_KEY, version)
    return version


def published_data_changed() -> None:
    """Invalidate cached map data and downloads once the surrounding transaction commits."""

    def bump():
        try:
            cache.incr(PUBLISHED_VERSION_KEY)
        except ValueError:
            cache.set(PUBLISHED_VERSION_KEY, int(timezone.now().timestamp() * 1000), None)

    transaction.on_commit(bump)


def partnership_changed(*, partnership: Partnership) -> None:
    if partnership.is_published:
        published_data_changed()


def actor_changed(*, actor: Actor) -> None:
    if actor.memberships.filter(
        partnership__publication_state=Partnership.Publication.PUBLISHED
    ).exists():
        published_data_changed()
