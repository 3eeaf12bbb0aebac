"""Use cases of the events app that change state (one module per concern).

Every email is a :class:`~events.models.Notification` row written in the same transaction
as the change it reports, and sent by Celery after commit through the outbox
(``events/outbox.py``).
"""

from events.services.mailings import notification_send, registration_reminders_send
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
    "notification_send",
    "registration_cancel",
    "registration_check_open",
    "registration_create",
    "registration_join",
    "registration_mark_attended",
    "registration_reminders_send",
    "registration_update",
    "registrations_anonymise",
]
