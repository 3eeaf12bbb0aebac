"""Use cases of the events app that change state (one module per concern).

Every email is an outbox row (``events/emails.py``, ``portal/outbox.py``) written in the same
transaction as the change it reports, and sent by Celery after commit.
"""

from events.services.mailings import registration_reminders_send
from events.services.places import (
    RegistrationError,
    RegistrationResult,
    event_capacity_changed,
    event_fill_from_waitlist,
    registration_cancel,
    registration_check_open,
    registration_create,
)
from events.services.registrants import (
    JoinDecision,
    registration_join,
    registration_mark_attended,
    registration_update,
    registrations_anonymise,
)
from events.services.staff import (
    event_cancel,
    event_duplicate,
    event_message_create,
    event_message_fan_out,
    event_save,
)

__all__ = [
    "JoinDecision",
    "RegistrationError",
    "RegistrationResult",
    "event_cancel",
    "event_capacity_changed",
    "event_duplicate",
    "event_fill_from_waitlist",
    "event_message_create",
    "event_message_fan_out",
    "event_save",
    "registration_cancel",
    "registration_check_open",
    "registration_create",
    "registration_join",
    "registration_mark_attended",
    "registration_reminders_send",
    "registration_update",
    "registrations_anonymise",
]
