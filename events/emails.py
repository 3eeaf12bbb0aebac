"""The emails to registrants: one template set per kind, in the registrant's language.

Each is an outbox row (``portal/outbox.py``) written in the transaction that decided it, with
the registration's id (and the staff message's id) as its context; the manage and join links
are made here, in the worker, when the email is rendered.
"""

from django.core.mail import EmailMessage
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events.ical import event_ics
from events.models import EventMessage, Registration
from portal.models import OutboundEmail
from portal.outbox import message_for, render


class Kind(models.TextChoices):
    CONFIRMED = "confirmed", _("Anmeldebestätigung")
    WAITLISTED = "waitlisted", _("Platz auf der Warteliste")
    PROMOTED = "promoted", _("Nachgerückt")
    DUPLICATE = "duplicate", _("Erneute Anmeldung (Link)")
    CANCELLED = "cancelled", _("Stornierung bestätigt")
    CANCELLED_BY_STAFF = "cancelled_by_staff", _("Storniert durch die Netzwerkstelle")
    EVENT_CANCELLED = "event_cancelled", _("Veranstaltung abgesagt")
    REMINDER = "reminder", _("Erinnerung")
    MESSAGE = "message", _("Nachricht")


TEMPLATE = "events/emails/{}"
# Kinds whose email carries the event as an .ics attachment.
WITH_ICS = {Kind.CONFIRMED, Kind.PROMOTED, Kind.REMINDER}


def registrant_email(
    registration: Registration, kind: str, *, message_id: int | None = None
) -> OutboundEmail:
    """The (unsaved) outbox row of one email to a registrant; queue it with
    ``portal.outbox.emails_queue``. A staff message reaches each registrant once."""
    context = {"registration_id": registration.pk}
    if message_id is not None:
        context["message_id"] = message_id
    return OutboundEmail(
        template=TEMPLATE.format(kind),
        to_email=registration.email,
        language=registration.language or "de",
        context=context,
        dedupe_key=f"events.message.{message_id}.{registration.pk}" if message_id else None,
    )


@message_for(*(TEMPLATE.format(kind) for kind in Kind))
def registrant_message(email: OutboundEmail) -> EmailMessage | None:
    kind = email.template.rpartition("/")[2]
    registration = (
        Registration.objects.select_related("event__series")
        .filter(pk=email.context["registration_id"])
        .first()
    )
    if registration is None or registration.anonymised_at is not None:
        return None
    if kind == Kind.WAITLISTED and registration.status != Registration.Status.WAITLISTED:
        return None  # moved up before the notice went out: the promotion email follows
    event = registration.event
    message = None
    if "message_id" in email.context:
        message = EventMessage.objects.filter(pk=email.context["message_id"]).first()
    context = {"registration": registration, "event": event, "message": message}
    attachments = []
    with translation.override(email.language):
        context["event_url"] = event.get_absolute_url()
        context["manage_url"] = registration.manage_url()
        if kind == Kind.REMINDER and event.is_online:
            # The personal link (a redirect on the portal), never the real join link.
            context["join_link"] = registration.join_link()
        if kind in WITH_ICS:
            attachments.append(("veranstaltung.ics", event_ics(event), "text/calendar"))
    return render(
        email,
        context,
        attachments=attachments,
        headers={"Auto-Submitted": "auto-generated"},
    )
