"""Use cases of the portal app that change state."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
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


def staff_notify_once(*, rows, template_prefix: str, build) -> bool:
    """Email the staff about one row (of a model with ``staff_notified_at``) at most once.

    ``rows`` selects the row (and any further condition). It is claimed by setting
    ``staff_notified_at`` in a conditional UPDATE before sending; if sending fails the claim
    is released, so a retried task sends exactly once. ``build(row)`` returns the email's
    context and reply-to list. Returns False when there was nothing (more) to send.
    """
    if not rows.filter(staff_notified_at__isnull=True).update(staff_notified_at=timezone.now()):
        return False
    try:
        recipients = staff_notification_recipients()
        if not recipients:
            rows.update(staff_notified_at=None)
            return False
        context, reply_to = build(rows.get())
        send_email(
            template_prefix=template_prefix,
            to=recipients,
            reply_to=reply_to,
            context=context,
            language=settings.LANGUAGE_CODE,
        )
    except BaseException:
        rows.update(staff_notified_at=None)
        raise
    return True


def consultation_request_notify_staff(*, request_id: int) -> bool:
    """Email the staff about one advice request, at most once."""
    return staff_notify_once(
        rows=ConsultationRequest.objects.filter(pk=request_id),
        template_prefix="portal/emails/consultation_staff",
        build=lambda request: ({"request_obj": request}, [request.email]),
    )


def consultation_request_purge_ip_addresses() -> int:
    """Erase IP addresses of requests older than the retention period."""
    cutoff = timezone.now() - timedelta(days=settings.CONSULTATION_IP_RETENTION_DAYS)
    return ConsultationRequest.objects.filter(
        created_at__lt=cutoff, ip_address__isnull=False
    ).update(ip_address=None)


def consultation_requests_set_status(
    *, requests: QuerySet[ConsultationRequest], status: str
) -> int:
    """Staff mark advice requests as in progress or done."""
    return requests.update(status=status)
