"""Background work of the newsletter: sending issues, housekeeping (the confirmation
emails go through the outbox, ``portal/outbox.py``)."""

from celery import shared_task
from django.conf import settings

from newsletter import sending, services


@shared_task(name="newsletter.start_sending")
def start_sending(issue_id: int) -> bool:
    return sending.issue_start_sending(issue_id=issue_id)


@shared_task(name="newsletter.dispatch")
def dispatch(issue_id: int) -> int:
    """Queue one task per batch of the issue's queued deliveries (safe to call again)."""
    batches = sending.issue_batches(issue_id=issue_id)
    for ids in batches:
        send_batch.delay(issue_id, ids)
    if not batches:
        sending.issue_finish_if_done(issue_id=issue_id)
    return len(batches)


@shared_task(bind=True, name="newsletter.send_batch", max_retries=None)
def send_batch(self, issue_id: int, delivery_ids: list[int]) -> dict:
    """Send one batch; temporary failures are retried with backoff, only for those rows."""
    delays = settings.NEWSLETTER_RETRY_DELAYS
    retries = self.request.retries or 0
    outcome = sending.delivery_batch_send(
        issue_id=issue_id, delivery_ids=delivery_ids, final=retries >= len(delays)
    )
    if outcome.temporary:
        countdown = delays[min(retries, len(delays) - 1)]
        raise self.retry(args=(issue_id, outcome.temporary), countdown=countdown)
    return {"sent": outcome.sent, "failed": outcome.failed, "skipped": outcome.skipped}


@shared_task(name="newsletter.send_test")
def send_test(issue_id: int, emails_: list[str], language: str) -> None:
    from newsletter.models import Issue

    sending.issue_send_test(issue=Issue.objects.get(pk=issue_id), emails=emails_, language=language)


@shared_task(name="newsletter.dispatch_due")
def dispatch_due() -> int:
    return sending.issues_start_due()


@shared_task(name="newsletter.purge_unconfirmed")
def purge_unconfirmed() -> int:
    return services.subscription_purge_unconfirmed()
