"""Use cases of the portal app that change state."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from portal import languages
from portal.models import ConsultationReply, ConsultationRequest, OutboundEmail
from portal.outbox import email_queue, emails_queue

STAFF_GROUP = "Netzwerkstelle"


def model_set_fields(instance, fields: dict) -> None:
    """Set model fields by name (for services taking ``**fields``); a name that is no field
    of the model raises ``FieldDoesNotExist`` (no silent typo)."""
    for name, value in fields.items():
        instance._meta.get_field(name)
        setattr(instance, name, value)


def model_set_relations(instance, **relations) -> None:
    """Replace the given many-to-many relations of a saved instance (objects or ids); a
    relation given as None is left as it is."""
    for name, values in relations.items():
        if values is not None:
            getattr(instance, name).set(values)


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


def staff_notify(*, template: str, context: dict, reply_to: str = "") -> int:
    """Queue one email to each staff recipient (in the staff's language, German); returns
    how many. Call it in the transaction that records what the email is about."""
    recipients = staff_notification_recipients()
    return emails_queue(
        OutboundEmail(
            template=template,
            to_email=address,
            reply_to=reply_to,
            language=settings.LANGUAGE_CODE,
            context=context,
        )
        for address in recipients
    )


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
    country: str = ConsultationRequest.Country.GERMANY,
) -> ConsultationRequest:
    """Store an advice request, email the staff about it and confirm its receipt to the
    requester (both once it is committed)."""
    with transaction.atomic():
        request = ConsultationRequest.objects.create(
            name=name,
            organisation=organisation,
            organisation_kind=organisation_kind,
            email=email,
            country=country,
            topic=topic,
            message=message,
            language=language,
            consent_text=consent_text,
            consent_at=timezone.now(),
            ip_address=ip_address,
        )
        staff_notify(
            template="portal/emails/consultation_staff",
            context={"request_id": request.pk},
            reply_to=email,
        )
        email_queue(
            template="portal/emails/consultation_received",
            to=email,
            language=languages.known(language),
            context={"request_id": request.pk},
            dedupe_key=f"consultation-received-{request.pk}",
        )
    return request


def consultation_request_purge_ip_addresses() -> int:
    """Erase IP addresses of requests older than the retention period."""
    cutoff = timezone.now() - timedelta(days=settings.CONSULTATION_IP_RETENTION_DAYS)
    return ConsultationRequest.objects.filter(
        created_at__lt=cutoff, ip_address__isnull=False
    ).update(ip_address=None)


def consultation_reply_send(
    *, request: ConsultationRequest, subject: str, body: str, sent_by
) -> ConsultationReply:
    """Answer an advice request by email in the requester's language; the answer is kept with
    the request, which is then "in Bearbeitung" unless it was done already."""
    with transaction.atomic():
        reply = ConsultationReply.objects.create(
            request=request, subject=subject, body=body, sent_by=sent_by
        )
        email_queue(
            template="portal/emails/consultation_reply",
            to=request.email,
            language=languages.known(request.language),
            context={"reply_id": reply.pk},
            dedupe_key=f"consultation-reply-{reply.pk}",
        )
        ConsultationRequest.objects.filter(
            pk=request.pk, status=ConsultationRequest.Status.NEW
        ).update(status=ConsultationRequest.Status.IN_PROGRESS)
    return reply


def consultation_requests_set_status(
    *, requests: QuerySet[ConsultationRequest], status: str
) -> int:
    """Staff mark advice requests as in progress or done."""
    return requests.update(status=status)
