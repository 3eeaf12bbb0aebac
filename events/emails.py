"""The emails to registrants: one template set per Notification kind, in their language."""

from django.core.mail import EmailMultiAlternatives
from django.utils import translation

from events.ical import event_ics
from events.models import Notification
from portal.emails import render_email

# Kinds whose email carries the event as an .ics attachment.
WITH_ICS = {
    Notification.Kind.CONFIRMED,
    Notification.Kind.PROMOTED,
    Notification.Kind.REMINDER,
}


def notification_message(notification: Notification) -> EmailMultiAlternatives:
    registration = notification.registration
    event = registration.event
    language = registration.language or "de"
    context = {
        "registration": registration,
        "event": event,
        "event_url": "",
        "manage_url": "",
        "message": notification.message,
    }
    attachments = []
    with translation.override(language):
        context["event_url"] = event.get_absolute_url()
        context["manage_url"] = registration.manage_url()
        if notification.kind == Notification.Kind.REMINDER and event.is_online:
            # The personal link (a redirect on the portal), never the real join link.
            context["join_link"] = registration.join_link()
        if notification.kind in WITH_ICS:
            attachments.append(("veranstaltung.ics", event_ics(event), "text/calendar"))
    return render_email(
        template_prefix=f"events/emails/{notification.kind}",
        to=[registration.email],
        context=context,
        language=language,
        attachments=attachments,
        headers={"Auto-Submitted": "auto-generated"},
    )
