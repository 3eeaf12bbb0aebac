"""Demo data of the statistics: the monthly snapshots of the past year, backfilled from the
register's dated facts (as the beat task would have recorded them), so the page's monthly
series is not empty in the demo. Idempotent: an existing month is never changed."""

from __future__ import annotations

from django.utils import timezone

from partnerships.statistics import figures, services
from partnerships.statistics.models import StatisticsSnapshot

DEMO_MONTHS = 12


def load_demo(*, stdout, **options) -> None:
    today = timezone.localdate()
    first = today.replace(day=1)
    created = 0
    for back in range(DEMO_MONTHS, 0, -1):
        month = figures.months_before(first, back)
        before = StatisticsSnapshot.objects.filter(month=month).exists()
        services.snapshot_take(month=month, today=today)
        created += not before
    stdout.write(f"statistics: {created} monthly snapshots recorded")
