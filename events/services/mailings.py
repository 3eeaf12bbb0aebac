"""Emails to registrants: the 24-hour reminders and the sending of one email."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from events.models import (
    Event,
    Notification,
    Registration,
)
from events.outbox import dispatch_after_commit

Status = Registration.Status


def registration_reminders_send(*, now=None) -> int:
    """Queue the 24-hour reminder for every confirmed registrant, exactly once each.

    Each registration is claimed with a conditional UPDATE of ``reminder_sent_at``; the
    claim and the Notification are one transaction, so two concurrent runs never both
    remind the same person and a crash never loses a claimed reminder.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(
        status__in=Registration.HOLDS_PLACE,
        reminder_sent_at__isnull=True,
        anonymised_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__start__gt=now,
        event__start__lte=now + timedelta(hours=settings.EVENTS_REMINDER_HOURS),
    ).values_list("pk", flat=True)
    queued = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                Notification.objects.create(registration_id=pk, kind=Notification.Kind.REMINDER)
                dispatch_after_commit()
                queued += 1
    return queued


def notification_send(*, notification_id: int) -> bool:
    """Send one notification email at most once; False if it was sent (or is moot) already.

    The row is claimed by setting ``sent_at`` with a conditional UPDATE before sending; a
    failed send releases the claim and records the error, so the retry can send.
    """
    from events.emails import notification_message

    now = timezone.now()
    claimed = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).update(
        sent_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related(
        "registration__event__series", "message"
    ).get(pk=notification_id)
    registration = notification.registration
    stale_waitlist_notice = (
        notification.kind == Notification.Kind.WAITLISTED
        and registration.status != Status.WAITLISTED
    )
    if registration.anonymised_at is not None or stale_waitlist_notice:
        return False  # moved up before the notice went out: the promotion email follows
    try:
        notification_message(notification).send()
    except BaseException as exc:
        Notification.objects.filter(pk=notification_id).update(
            sent_at=None, last_error=f"{type(exc).__name__}: {exc}"[:1000]
        )
        raise
    return True
