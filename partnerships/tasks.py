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


@shared_task(bind=True, name="partnerships.send_invitation", max_retries=len(RETRY_DELAYS))
def send_invitation(self, invitation_id: int) -> None:
    try:
        services.invitation_send(invitation_id=invitation_id)
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)


@shared_task(
    bind=True, name="partnerships.send_access_request_decision", max_retries=len(RETRY_DELAYS)
)
def send_access_request_decision(self, access_request_id: int) -> None:
    try:
        services.access_request_send_decision(access_request_id=access_request_id)
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)


@shared_task(
    bind=True, name="partnerships.notify_staff_access_request", max_retries=len(RETRY_DELAYS)
)
def notify_staff_access_request(self, access_request_id: int) -> None:
    try:
        services.access_request_notify_staff(access_request_id=access_request_id)
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)


@shared_task(name="partnerships.render_portrait_pdf", acks_late=True)
def render_portrait_pdf(partnership_id: int, language: str) -> str:
    from partnerships.pdf import portrait_pdf_render

    return portrait_pdf_render(partnership_id=partnership_id, language=language)
