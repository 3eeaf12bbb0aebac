"""The register's emails (outbox rows, ``portal/outbox.py``): invitations of editors, access
requests and their decisions, the staff's daily digest. The invitation link is made here, in
the worker; the rows hold ids only."""

from datetime import date

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from partnerships.models import AccessRequest, Invitation
from partnerships.selectors import digest_changes
from partnerships.services.digest import digest_window
from portal.models import OutboundEmail
from portal.outbox import message_for, render


@message_for("partnerships/emails/invitation")
def invitation_message(email: OutboundEmail) -> EmailMessage | None:
    invitation = (
        Invitation.objects.select_related("actor").filter(pk=email.context["invitation_id"]).first()
    )
    if invitation is None or invitation.accepted_at is not None or invitation.is_expired():
        return None
    with translation.override(email.language):
        path = reverse("partnerships:invitation_accept", kwargs={"token": invitation.token})
    return render(
        email,
        {"invitation": invitation, "accept_path": path, "expires_at": invitation.expires_at()},
    )


def _access_request(email: OutboundEmail) -> AccessRequest | None:
    return (
        AccessRequest.objects.select_related("user", "actor")
        .filter(pk=email.context["access_request_id"])
        .first()
    )


@message_for("partnerships/emails/access_request_staff")
def access_request_staff_message(email: OutboundEmail) -> EmailMessage | None:
    request = _access_request(email)
    if request is None or request.status != AccessRequest.Status.PENDING:
        return None  # decided before the email went out
    return render(email, {"access_request": request})


@message_for("partnerships/emails/access_decision")
def access_decision_message(email: OutboundEmail) -> EmailMessage | None:
    request = _access_request(email)
    return None if request is None else render(email, {"access_request": request})


@message_for("partnerships/emails/daily_digest")
def daily_digest_message(email: OutboundEmail) -> EmailMessage | None:
    start, end = digest_window(date.fromisoformat(email.context["day"]))
    changes = digest_changes(start=start, end=end)
    return render(email, {"changes": changes, "day": start.date()}) if changes else None
