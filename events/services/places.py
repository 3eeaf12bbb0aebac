"""Taking and giving back places: registration, cancellation, the waiting list.

Capacity is taken under a row lock on the event (``SELECT ... FOR UPDATE`` on PostgreSQL;
on SQLite a no-op UPDATE of the event row takes the database's write lock first), so two
registrations for the last place are serialised and the event is never overbooked. On
PostgreSQL a registration takes its place in one round trip, through the database function
of migration 0005 (as replaced in 0008: its email is a row of the portal's outbox).
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Lower
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.emails import Kind, registrant_email
from events.models import (
    Event,
    Registration,
    new_token,
)
from portal.outbox import dispatch_after_commit, emails_queue

Status = Registration.Status


class RegistrationError(Exception):
    """A registration that is not possible, with a message for the person registering."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class RegistrationResult:
    outcome: str  # "confirmed", "waitlisted" or "duplicate"
    registration: Registration


def event_lock(event_id: int) -> Event:
    """Lock the event row for the rest of the transaction (must be inside atomic())."""
    if connection.vendor == "sqlite":
        # SQLite has no row locks: a write takes the database's RESERVED lock, which
        # serialises writers for the rest of the transaction.
        Event.objects.filter(pk=event_id).update(updated_at=F("updated_at"))
        return Event.objects.get(pk=event_id)
    return Event.objects.select_for_update(of=("self",)).get(pk=event_id)


def _notify(registration: Registration, kind: str) -> None:
    emails_queue([registrant_email(registration, kind)])


def _local(dt) -> str:
    return formats.date_format(timezone.localtime(dt), "DATETIME_FORMAT")


def registration_check_open(*, event: Event, now=None) -> None:
    """Raise RegistrationError with a clear message when the event takes no registrations."""
    now = now or timezone.now()
    if event.status == Event.Status.DRAFT:
        raise _not_found()
    if event.status == Event.Status.CANCELLED:
        raise RegistrationError(
            _("Diese Veranstaltung wurde abgesagt. Eine Anmeldung ist nicht mehr möglich."),
            code="cancelled",
        )
    if event.start <= now:
        raise RegistrationError(
            _("Diese Veranstaltung hat bereits begonnen oder ist vorbei."), code="past"
        )
    if event.registration_opens and now < event.registration_opens:
        raise RegistrationError(
            _("Die Anmeldung ist ab %(date)s möglich.")
            % {"date": _local(event.registration_opens)},
            code="not_open",
        )
    if event.registration_closes and now > event.registration_closes:
        raise RegistrationError(
            _("Die Anmeldefrist ist am %(date)s abgelaufen.")
            % {"date": _local(event.registration_closes)},
            code="closed",
        )


def _places_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=Registration.HOLDS_PLACE).count()


def _occupancy(event: Event, email: str) -> tuple[int, int, int | None]:
    """(places taken, last waiting-list position or 0, id of the registration with this
    email in any spelling or None), in one query."""
    counts = (
        Registration.objects.filter(event=event)
        .alias(email_ci=Lower("email"))
        .aggregate(
            taken=Count("pk", filter=Q(status__in=Registration.HOLDS_PLACE)),
            last=Max("waitlist_position", filter=Q(status=Status.WAITLISTED)),
            same_email=Max("pk", filter=Q(email_ci=email.lower())),
        )
    )
    return counts["taken"], counts["last"] or 0, counts["same_email"]


# Where the database function of migrations 0005/0008 exists (tests empty it to run the ORM path).
SQL_FUNCTION_VENDORS = {"postgresql"}


def registration_create(
    *,
    event: Event | int,
    name: str,
    email: str,
    organisation: str = "",
    organisation_kind: str = "",
    accessibility_needs: str = "",
    question: str = "",
    language: str = "de",
    consent_text: str,
    now=None,
) -> RegistrationResult:
    """Register someone for an event: a place if one is free, else the waiting list.

    ``event`` may be the event or its id: the row is locked and read again either way
    (a missing id raises ``RegistrationError`` with code ``not_found``). If the email is
    already registered (case-insensitive), nothing is created: the existing registration
    gets a fresh copy of its manage link by email (outcome ``duplicate``).

    On PostgreSQL the database function ``events_registration_take`` does this in one
    round trip (the registration burst's hot path); elsewhere, and for a cancelled
    registration coming back, the ORM path below does the same under the same lock.
    """
    now = now or timezone.now()
    event_id = event.pk if isinstance(event, Event) else event
    fields = {
        "name": name.strip(),
        "email": email.strip(),
        "organisation": organisation.strip(),
        "organisation_kind": organisation_kind,
        "accessibility_needs": accessibility_needs.strip(),
        "question": question.strip(),
        "language": language,
        "consent": True,
        "consent_text": consent_text,
        "consent_at": now,
    }
    if connection.vendor in SQL_FUNCTION_VENDORS:
        result = _registration_take_sql(event_id, fields, now)
        if result is not None:
            return result
    return _registration_create_orm(event_id, fields, now)


def _not_found() -> RegistrationError:
    return RegistrationError(_("Diese Veranstaltung gibt es nicht."), code="not_found")


_TAKE_SQL = "SELECT * FROM events_registration_take(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"


def _registration_take_sql(event_id: int, fields: dict, now) -> RegistrationResult | None:
    """One call of the database function; None when the ORM path must take over."""
    tokens = {"manage_token": new_token(), "join_token": new_token()}
    params = [
        event_id,
        *(fields[key] for key in (*Registration.FILLED_IN, "language", "consent_text")),
        tokens["manage_token"],
        tokens["join_token"],
        now,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_TAKE_SQL, params)
        outcome, registration_id, position = cursor.fetchone()
    if outcome == "not_found":
        raise _not_found()
    if outcome == "closed":
        event = Event.objects.filter(pk=event_id).first()
        if event is None:
            raise _not_found()
        registration_check_open(event=event, now=now)  # raises with the reason
        raise RegistrationError(_("Eine Anmeldung ist nicht möglich."), code="closed")
    if outcome == "revive":
        return None
    dispatch_after_commit()  # after commit (at once outside a transaction)
    if outcome == "duplicate":
        return RegistrationResult(outcome, Registration.objects.get(pk=registration_id))
    # What the function inserted, without reading it back.
    registration = Registration(
        pk=registration_id,
        event_id=event_id,
        status=outcome,
        waitlist_position=position,
        created_at=now,
        updated_at=now,
        **fields,
        **tokens,
    )
    registration._state.adding = False
    registration._state.db = connection.alias
    return RegistrationResult(outcome, registration)


def _registration_create_orm(event_id: int, fields: dict, now) -> RegistrationResult:
    with transaction.atomic():
        try:
            event = event_lock(event_id)
        except Event.DoesNotExist as exc:
            raise _not_found() from exc
        registration_check_open(event=event, now=now)
        taken, last_position, existing_id = _occupancy(event, fields["email"])
        existing = Registration.objects.get(pk=existing_id) if existing_id else None
        if existing is not None and existing.status != Status.CANCELLED:
            _notify(existing, Kind.DUPLICATE)
            return RegistrationResult("duplicate", existing)

        free = event.capacity is None or taken < event.capacity
        if free and not last_position:
            status, position = Status.CONFIRMED, None
        else:
            status, position = Status.WAITLISTED, last_position + 1
        fields = {**fields, "status": status, "waitlist_position": position}
        if existing is not None:  # a cancelled registration comes back to life
            for key, value in fields.items():
                setattr(existing, key, value)
            existing.cancelled_at = None
            existing.reminder_sent_at = None
            existing.save()
            registration = existing
        else:
            registration = Registration.objects.create(event=event, **fields)
        _notify(registration, Kind.CONFIRMED if status == Status.CONFIRMED else Kind.WAITLISTED)
    return RegistrationResult(status, registration)


def _close_waitlist_gap(event: Event, position: int) -> None:
    Registration.objects.filter(
        event=event, status=Status.WAITLISTED, waitlist_position__gt=position
    ).update(waitlist_position=F("waitlist_position") - 1)


def event_fill_from_waitlist(*, event: Event) -> list[Registration]:
    """Promote waitlisted people (in order) into free places. Call with the event locked."""
    if event.status != Event.Status.PUBLISHED or event.start <= timezone.now():
        return []
    queue = Registration.objects.filter(event=event, status=Status.WAITLISTED).order_by(
        "waitlist_position", "pk"
    )
    if event.capacity is None:
        promoted = list(queue)
    else:
        free = event.capacity - _places_taken(event)
        promoted = list(queue[: max(free, 0)])
    if not promoted:
        return []
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.waitlist_position = None
        registration.save(update_fields=["status", "waitlist_position", "updated_at"])
    # The promoted held positions 1..k: the rest move up by k (no gaps, order kept).
    Registration.objects.filter(event=event, status=Status.WAITLISTED).update(
        waitlist_position=F("waitlist_position") - len(promoted)
    )
    emails_queue(registrant_email(r, Kind.PROMOTED) for r in promoted)
    return promoted


def registration_cancel(*, registration: Registration, by_staff: bool = False) -> bool:
    """Cancel a registration; the first on the waiting list moves up in the same transaction.

    Returns False if it was cancelled already (nothing changes, nothing is sent).
    """
    with transaction.atomic():
        event = event_lock(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return False
        held_place = registration.holds_place
        position = registration.waitlist_position
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.waitlist_position = None
        registration.save(
            update_fields=["status", "cancelled_at", "waitlist_position", "updated_at"]
        )
        if position is not None:
            _close_waitlist_gap(event, position)
        _notify(registration, Kind.CANCELLED_BY_STAFF if by_staff else Kind.CANCELLED)
        if held_place:
            event_fill_from_waitlist(event=event)
    return True


def event_capacity_changed(*, event: Event) -> list[Registration]:
    """After staff raise the capacity: the waiting list moves up into the new places."""
    with transaction.atomic():
        event = event_lock(event.pk)
        return event_fill_from_waitlist(event=event)
