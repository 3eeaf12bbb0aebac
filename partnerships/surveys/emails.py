"""Survey emails (outbox rows hold the invitation's id; the personal link is made here, in
the worker, when the email is rendered)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from partnerships.surveys.models import Invitation
from partnerships.surveys.services import INVITATION, REMINDER, invitation_token
from portal.models import OutboundEmail
from portal.outbox import message_for, render


@message_for(INVITATION, REMINDER)
def survey_message(email: OutboundEmail) -> EmailMessage | None:
    invitation = (
        Invitation.objects.select_related("survey", "actor")
        .filter(pk=email.context["invitation_id"])
        .first()
    )
    if invitation is None or (email.template == REMINDER and invitation.submitted_at):
        return None
    with translation.override(email.language):
        link = settings.SITE_URL + reverse(
            "surveys:answer", kwargs={"token": invitation_token(invitation=invitation)}
        )
    return render(
        email,
        {
            "invitation": invitation,
            "survey": invitation.survey,
            "actor": invitation.actor,
            "link": link,
            "days": email.context.get("days"),
        },
    )
