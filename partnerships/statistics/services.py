"""The statistics' writes and cache: the monthly snapshot and the cached current figures."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from partnerships.services import published_version
from partnerships.statistics import figures, selectors
from partnerships.statistics.models import StatisticsSnapshot

# The headline figures a snapshot keeps (``figures.compute()["key"]``).
SNAPSHOT_FIELDS = (
    "partnerships",
    "formal",
    "municipalities_with_partner",
    "active",
    "dormant",
    "subscribers",
    "profiles",
)


def previous_month(today: date) -> date:
    return figures.months_before(today.replace(day=1), 1)


def snapshot_take(*, month: date | None = None, today: date | None = None) -> StatisticsSnapshot:
    """Record the figures at the end of ``month`` (default: the month before ``today``) once.

    An existing snapshot is returned unchanged: a past month's figures never move, whatever
    is edited in the register later. Taken on the first night of the next month, the dated
    facts as of the month's last day are today's data."""
    today = today or timezone.localdate()
    month = (month or previous_month(today)).replace(day=1)
    existing = StatisticsSnapshot.objects.filter(month=month).first()
    if existing is not None:
        return existing
    end = min(figures.month_end(month.year, month.month), today)
    data = figures.compute(today=end)
    snapshot, _created = StatisticsSnapshot.objects.get_or_create(
        month=month, defaults={"figures": {"as_of": data["as_of"], **data["key"]}}
    )
    return snapshot


def snapshot_series() -> list[dict]:
    """Every snapshot's headline figures, oldest month first (one query)."""
    return [
        {"month": month.strftime("%Y-%m"), **{k: data.get(k, 0) for k in SNAPSHOT_FIELDS}}
        for month, data in selectors.snapshot_rows()
    ]


def figures_cache_key(*, today: date | None = None) -> str:
    """The cache key of today's figures (and of what is rendered from them)."""
    today = today or timezone.localdate()
    return f"statistics:figures:{published_version()}:{today.isoformat()}"


def current_figures(*, today: date | None = None) -> dict:
    """Today's figures with the snapshot series, cached for ``STATISTICS_CACHE_SECONDS``
    and per version of the published register (an edit of the register shows at once)."""
    key = figures_cache_key(today=today)
    data = cache.get(key)
    if data is None:
        data = figures.compute(today=today or timezone.localdate())
        data["snapshots"] = snapshot_series()
        cache.set(key, data, settings.STATISTICS_CACHE_SECONDS)
    return data
