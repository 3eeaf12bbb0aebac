"""Use cases of the portal app that change state."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.emails import send_email
from portal.models import ConsultationRequest

STAFF_GROUP = "Netzwerkstelle"


def staff_notification_recipients() -> list[str]:
    """Active members of the staff group plus the configured extra addresses."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=STAFF_GROUP)
        .values_list("email", flat=True)
    )
    recipients = {e.lower() for e in users if e}
    recipients.update(e.lower() for e in settings.PORTAL_STAFF_NOTIFY_EMAILS)
    return sorted(recipients)


def consultation_request_create(
    *,
    name: str,
    organisation: str,
    organisation_kind: str,
    email: str,
    topic: str,
    message: str,
    language: str,
    consent_text: str,
    ip_address: str | None,
) -> ConsultationRequest:
    """Store an advice request and notify the staff by email once it is committed."""
    from portal.tasks import consultation_notify_staff

    with transaction.atomic():
        request = ConsultationRequest.objects.create(
            name=name,
            organisation=organisation,
            organisation_kind=organisation_kind,
            email=email,
            topic=topic,
            message=message,
            language=language,
            consent_text=consent_text,
            consent_at=timezone.now(),
            ip_address=ip_address,
        )
        transaction.on_commit(lambda: consultation_notify_staff.delay(request.pk))
    return request


def consultation_request_notify_staff(*, request_id: int) -> bool:
    """Email the staff about one request, at most once.

    The request is claimed by setting ``staff_notified_at`` before sending; if sending fails
    the claim is released so a retry can send. Returns False when it was already sent.
    """
    now = timezone.now()
    claimed = ConsultationRequest.objects.filter(
        pk=request_id, staff_notified_at__isnull=True
    ).update(staff_notified_at=now)
    if not claimed:
        return False
    request = ConsultationRequest.objects.get(pk=request_id)
    recipients = staff_notification_recipients()
    if not recipients:
        ConsultationRequest.objects.filter(pk=request_id).update(staff_notified_at=None)
        return False
    try:
        send_email(
            template_prefix="portal/emails/consultation_staff",
            to=recipients,
            reply_to=[request.email],
            context={"request_obj": request},
            language=settings.LANGUAGE_CODE,
        )
    except BaseException:
        ConsultationRequest.objects.filter(pk=request_id).update(staff_notified_at=None)
        raise
    return True


def consultation_request_purge_ip_addresses() -> int:
    """Erase IP addresses of requests older than the retention period."""
    cutoff = timezone.now() - timedelta(days=settings.CONSULTATION_IP_RETENTION_DAYS)
    return ConsultationRequest.objects.filter(
        created_at__lt=cutoff, ip_address__isnull=False
    ).update(ip_address=None)
