"""Background work of the Bedarfsbörse (beat): expiry, use-report reminders, digests."""

from celery import shared_task

from partnerships.exchange import services


@shared_task(name="exchange.expire_items")
def expire_items_task() -> int:
    return services.items_expire()


@shared_task(name="exchange.use_report_reminders")
def use_report_reminders_task() -> list[int]:
    """Reminders 60 days after a handover, staff alerts after 90 — each once."""
    return list(services.use_report_reminders_send())


@shared_task(name="exchange.digests")
def digests_task() -> int:
    return services.digests_send()
