"""Background work of the portal app: the outbox of emails and housekeeping."""

from celery import shared_task
from django.conf import settings

from portal import outbox, services


@shared_task(name="portal.outbox_dispatch")
def outbox_dispatch() -> int:
    """After commits (debounced) and every minute from beat: queue the pending emails."""
    return outbox.emails_dispatch()


@shared_task(
    bind=True,
    name="portal.outbound_email_send",
    autoretry_for=(outbox.TemporaryMailError,),
    retry_backoff=settings.OUTBOX_RETRY_BACKOFF,
    retry_backoff_max=settings.OUTBOX_RETRY_BACKOFF_MAX,
    retry_jitter=False,
    max_retries=settings.OUTBOX_MAX_RETRIES,
)
def outbound_email_send(self, email_id: int) -> bool:
    """Send one outbox row; Celery retries temporary SMTP failures with backoff. Where tasks
    run in-process (the embedded mode) no worker could retry later: a failure is final."""
    final = self.request.retries >= self.max_retries or self.app.conf.task_always_eager
    return outbox.email_send(email_id=email_id, final=final)


@shared_task(name="portal.outbox_purge")
def outbox_purge() -> int:
    return outbox.emails_purge()


@shared_task(name="portal.consultation_purge_ip_addresses")
def consultation_purge_ip_addresses() -> int:
    return services.consultation_request_purge_ip_addresses()


@shared_task(name="portal.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Beat sends this every minute; the worker that runs it records its sign of life."""
    from portal.readiness import heartbeat_record

    heartbeat_record(name="worker")
