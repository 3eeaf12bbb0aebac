"""Editors: invitations to an actor's profile and access requests."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import Actor
from portal.outbox import email_queue
from portal.services import staff_notify

# --- editors: invitations and access requests -----------------------------------------------


@transaction.atomic
def invitation_create(
    *, email: str, actor: Actor, role: str = "editor", language: str = "de", by=None
):
    """Invite a person by email; the link in the email works once, for
    ``PARTNERSHIPS_INVITATION_VALID_DAYS`` days."""
    from partnerships.models import Invitation

    invitation = Invitation.objects.create(
        email=email.strip().lower(), actor=actor, role=role, language=language, invited_by=by
    )
    email_queue(
        template="partnerships/emails/invitation",
        to=invitation.email,
        language=invitation.language,
        context={"invitation_id": invitation.pk},
    )
    return invitation


class InvitationError(Exception):
    pass


class InvitationUsed(InvitationError):
    """The invitation was accepted already (``by_this_user``: by the person now using it)."""

    def __init__(self, message: str, *, by_this_user: bool):
        super().__init__(message)
        self.by_this_user = by_this_user


@transaction.atomic
def invitation_accept(*, token: str, user):
    """Make ``user`` editor of the invited actor. The invitation is for one email address,
    works once and expires (``Invitation.is_expired``)."""
    from partnerships.models import ActorEditor, Invitation

    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None:
        raise InvitationError(_("Diese Einladung gibt es nicht (mehr)."))
    if invitation.accepted_at is not None:
        raise InvitationUsed(
            _("Diese Einladung wurde bereits angenommen; ein Einladungslink gilt nur einmal."),
            by_this_user=invitation.accepted_by_id == user.pk,
        )
    if invitation.is_expired():
        raise InvitationError(
            _(
                "Diese Einladung ist abgelaufen. Bitte fragen Sie die Netzwerkstelle nach einer "
                "neuen Einladung."
            )
        )
    if invitation.email.lower() != user.email.lower():
        raise InvitationError(
            _(
                "Die Einladung gilt für eine andere E-Mail-Adresse. Bitte melden Sie sich mit "
                "der Adresse an, an die die Einladung ging."
            )
        )
    ActorEditor.objects.get_or_create(
        user=user, actor=invitation.actor, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    _claim(actor=invitation.actor)
    return invitation


def _claim(*, actor: Actor) -> None:
    if actor.claimed_at is None:
        Actor.objects.filter(pk=actor.pk, claimed_at__isnull=True).update(claimed_at=timezone.now())


@transaction.atomic
def access_request_create(*, user, actor: Actor, message: str = ""):
    from partnerships.models import AccessRequest, ActorEditor

    if ActorEditor.objects.filter(user=user, actor=actor).exists():
        raise ValidationError(_("Sie sind bereits Redakteur*in dieses Profils."), code="already")
    if AccessRequest.objects.filter(user=user, actor=actor, status="pending").exists():
        raise ValidationError(
            _("Sie haben für dieses Profil schon eine Anfrage gestellt; wir melden uns."),
            code="pending",
        )
    request = AccessRequest.objects.create(user=user, actor=actor, message=message.strip())
    staff_notify(
        template="partnerships/emails/access_request_staff",
        context={"access_request_id": request.pk},
    )
    return request


@transaction.atomic
def access_request_decide(*, access_request, approve: bool, by=None, note: str = ""):
    """Approve (→ editor) or refuse a pending request; the requester gets an email."""
    from partnerships.models import AccessRequest, ActorEditor

    locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if locked.status != AccessRequest.Status.PENDING:
        return locked
    locked.status = AccessRequest.Status.APPROVED if approve else AccessRequest.Status.REFUSED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.decision_note = note
    locked.save()
    if approve:
        ActorEditor.objects.get_or_create(user=locked.user, actor=locked.actor)
        _claim(actor=locked.actor)
    email_queue(
        template="partnerships/emails/access_decision",
        to=locked.user.email,
        language=locked.user.language or "de",
        context={"access_request_id": locked.pk},
    )
    return locked
