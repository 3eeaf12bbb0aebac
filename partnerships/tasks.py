"""Background work of the register: emails to editors and staff, PDFs of portraits."""

from celery import shared_task
from django.utils import timezone

from partnerships import services
from portal.emails import RETRY_DELAYS, retry_or_raise


@shared_task(bind=True, name="partnerships.send_daily_digest", max_retries=len(RETRY_DELAYS))
def send_daily_digest(self) -> None:
    try:
        services.daily_digest_send(day=timezone.localdate())
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)
