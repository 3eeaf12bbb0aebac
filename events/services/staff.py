"""What staff do with a whole event: cancel it, copy it to a new date, message everyone."""

from django.db import transaction
from django.utils import timezone

from events.emails import Kind, registrant_email
from events.models import (
    Event,
    EventMessage,
    Registration,
)
from events.services.places import event_capacity_changed, event_lock
from portal import languages
from portal.outbox import emails_queue

Status = Registration.Status


def event_cancel(*, event: Event, note: str = "", by=None) -> int:
    """Staff cancel an event: its page says so and every registrant is emailed once."""
    with transaction.atomic():
        event = event_lock(event.pk)
        if event.status == Event.Status.CANCELLED:
            return 0
        event.status = Event.Status.CANCELLED
        event.cancelled_at = timezone.now()
        if note:
            event.cancellation_note = note
        if by is not None:
            event._history_user = by
        event.save()
        registrations = Registration.objects.filter(event=event).exclude(status=Status.CANCELLED)
        return emails_queue(
            registrant_email(r, Kind.EVENT_CANCELLED)
            for r in registrations.only("pk", "email", "language")
        )


def event_save(*, event: Event, by=None) -> int | None:
    """Save an event that staff edited as a whole (the admin form).

    Setting the status to "cancelled" cancels it through :func:`event_cancel` (everyone
    emailed once); a changed capacity moves people up from the waiting list. Returns the
    number of registrants told of the cancellation if this save cancelled the event, else
    None.
    """
    with transaction.atomic():
        stored = Event.objects.filter(pk=event.pk).values_list("status", flat=True).first()
        cancelling = event.status == Event.Status.CANCELLED and stored not in (
            None,
            Event.Status.CANCELLED,
        )
        if cancelling:
            event.status = stored
        if by is not None:
            event._history_user = by
        event.save()
        if cancelling:
            informed = event_cancel(event=event, by=by)
            event.refresh_from_db()
            return informed
        if stored is not None:
            event_capacity_changed(event=event)
    return None


def event_duplicate(*, event: Event, start) -> Event:
    """A draft copy of an event at a new start (same length, same relative window)."""
    shift = start - event.start
    themes, horizons = list(event.themes.all()), list(event.horizons.all())
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.start = event.start + shift
    copy.end = event.end + shift
    copy.registration_opens = None
    copy.registration_closes = (
        event.registration_closes + shift if event.registration_closes else None
    )
    copy.status = Event.Status.DRAFT
    copy.cancelled_at = None
    for column in [*languages.columns("cancellation_note"), *languages.columns("documentation")]:
        setattr(copy, column, "")
    copy.slides = ""
    copy.recording_url = ""
    copy.join_url = ""
    copy.save()
    copy.themes.set(themes)
    copy.horizons.set(horizons)
    return copy


def event_message_create(*, event: Event, subject: str, body: str, user=None) -> EventMessage:
    """A message from staff to everyone confirmed: one outbox row each, in this transaction."""
    with transaction.atomic():
        message = EventMessage.objects.create(
            event=event, subject=subject, body=body, created_by=user
        )
        event_message_fan_out(message_id=message.pk)
    return message


def event_message_fan_out(*, message_id: int) -> int:
    """One email per confirmed registrant (a dedupe key per message and registrant, so a
    rerun adds none); returns the number of recipients."""
    message = EventMessage.objects.get(pk=message_id)
    with transaction.atomic():
        recipients = Registration.objects.filter(
            event_id=message.event_id,
            status__in=Registration.HOLDS_PLACE,
            anonymised_at__isnull=True,
        ).only("pk", "email", "language")
        count = emails_queue(
            (registrant_email(r, Kind.MESSAGE, message_id=message.pk) for r in recipients),
            ignore_conflicts=True,
        )
        EventMessage.objects.filter(pk=message.pk).update(fanned_out_at=timezone.now())
    return count
