"""Background work of the statistics."""

from celery import shared_task

from partnerships.statistics import services


@shared_task(name="statistics.monthly_snapshot")
def monthly_snapshot_task() -> str:
    """Beat (daily): last month's snapshot, recorded once (a no-op on later days)."""
    return str(services.snapshot_take())
