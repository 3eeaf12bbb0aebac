"""Emails to registrants: the 24-hour reminders."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.emails import Kind, registrant_email
from events.models import Event, Registration
from portal.outbox import emails_queue

Status = Registration.Status


def registration_reminders_send(*, now=None) -> int:
    """Queue the 24-hour reminder for every confirmed registrant, exactly once each.

    Each registration is claimed with a conditional UPDATE of ``reminder_sent_at``; the
    claim and the email's outbox row are one transaction, so two concurrent runs never both
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
    ).only("pk", "email", "language")
    queued = 0
    for registration in list(due):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                emails_queue([registrant_email(registration, Kind.REMINDER)])
                queued += 1
    return queued
