"""Background work of the portal app: notifications and housekeeping."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

from portal import services
from portal.emails import RETRY_DELAYS, retry_or_raise


@shared_task(bind=True, name="portal.consultation_notify_staff", max_retries=len(RETRY_DELAYS))
def consultation_notify_staff(self, request_id: int) -> None:
    try:
        services.consultation_request_notify_staff(request_id=request_id)
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)


@shared_task(bind=True, name="portal.send_prepared_email", max_retries=len(RETRY_DELAYS))
def send_prepared_email(
    self, *, subject: str, body: str, to: list[str], html: str = "", headers: dict | None = None
) -> None:
    """Send a message rendered in the request (allauth's account emails)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)


@shared_task(name="portal.consultation_purge_ip_addresses")
def consultation_purge_ip_addresses() -> int:
    return services.consultation_request_purge_ip_addresses()
