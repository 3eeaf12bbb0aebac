"""What registrants and staff do with a registration besides taking or giving back a
place: update details, join the meeting, attendance, and erasure after the event.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from events.models import (
    Attendance,
    Event,
    Registration,
)
from portal.models import OutboundEmail

Status = Registration.Status


def registration_update(
    *,
    registration: Registration,
    name: str,
    organisation: str,
    organisation_kind: str,
    accessibility_needs: str,
    question: str,
    language: str,
) -> Registration:
    """Registrants update their details through the manage link (not the email address)."""
    registration.name = name.strip()
    registration.organisation = organisation.strip()
    registration.organisation_kind = organisation_kind
    registration.accessibility_needs = accessibility_needs.strip()
    registration.question = question.strip()
    registration.language = language
    registration.save()
    return registration


@dataclass(frozen=True)
class JoinDecision:
    url: str | None  # the real join link when it may be used now
    reason: str  # "open", "too_early", "ended", "cancelled", "no_link"


def registration_join(*, registration: Registration, now=None) -> JoinDecision:
    """Decide whether the personal join link leads to the meeting now, and log each use."""
    now = now or timezone.now()
    event = registration.event
    if event.status == Event.Status.CANCELLED:
        return JoinDecision(None, "cancelled")
    if now < event.join_opens_at():
        return JoinDecision(None, "too_early")
    if now > event.end:
        return JoinDecision(None, "ended")
    if not event.join_url:
        return JoinDecision(None, "no_link")
    with transaction.atomic():
        Attendance.objects.create(
            event=event, registration=registration, source=Attendance.Source.JOIN_LINK, at=now
        )
        Registration.objects.filter(pk=registration.pk, status=Status.CONFIRMED).update(
            status=Status.ATTENDED, updated_at=now
        )
    return JoinDecision(event.join_url, "open")


def registration_mark_attended(*, registrations) -> int:
    """Staff mark people as present (each gets one attendance entry)."""
    count = 0
    with transaction.atomic():
        for registration in registrations:
            if registration.status not in Registration.HOLDS_PLACE:
                continue
            Attendance.objects.create(
                event_id=registration.event_id,
                registration=registration,
                source=Attendance.Source.STAFF,
            )
            if registration.status != Status.ATTENDED:
                registration.status = Status.ATTENDED
                registration.save(update_fields=["status", "updated_at"])
            count += 1
    return count


def registrations_anonymise(*, now=None) -> int:
    """Erase personal data of registrations some days after their event; counts stay.

    The address is replaced by a placeholder (``anonymisiert-<id>@example.invalid``) in the
    registration, and removed from its history and from its emails' outbox rows (recipient
    and error text); an email still waiting is not sent any more.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.EVENTS_ANONYMISE_AFTER_DAYS)
    with transaction.atomic():
        targets = Registration.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True)
        ids = list(targets.values_list("pk", flat=True))
        if not ids:
            return 0
        pk_text = Cast("pk", output_field=CharField())
        Registration.objects.filter(pk__in=ids).update(
            name="",
            email=Concat(Value("anonymisiert-"), pk_text, Value("@example.invalid")),
            organisation="",
            accessibility_needs="",
            question="",
            consent_text="",
            manage_token=Concat(Value("anonymised-m-"), pk_text),
            join_token=Concat(Value("anonymised-j-"), pk_text),
            anonymised_at=now,
        )
        # The history holds the old personal data too, and so do the emails' outbox rows.
        Registration.history.filter(id__in=ids).delete()
        OutboundEmail.objects.filter(
            template__startswith="events/emails/", context__registration_id__in=ids
        ).update(to_email="", last_error="")
        OutboundEmail.objects.filter(
            template__startswith="events/emails/",
            context__registration_id__in=ids,
            status=OutboundEmail.Status.PENDING,
        ).update(status=OutboundEmail.Status.SKIPPED)
    return len(ids)
