"""Editors: invitations to an actor's profile and access requests."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import Actor

# --- editors: invitations and access requests -----------------------------------------------


def _send_once(*, model, pk: int, stamp_field: str, send) -> bool:
    """Claim ``stamp_field`` (NULL → now) and send; release the claim if sending fails."""
    claimed = model.objects.filter(pk=pk, **{f"{stamp_field}__isnull": True}).update(
        **{stamp_field: timezone.now()}
    )
    if not claimed:
        return False
    try:
        send(model.objects.get(pk=pk))
    except BaseException:
        model.objects.filter(pk=pk).update(**{stamp_field: None})
        raise
    return True


@transaction.atomic
def invitation_create(
    *, email: str, actor: Actor, role: str = "editor", language: str = "de", by=None
):
    from partnerships.models import Invitation
    from partnerships.tasks import send_invitation

    invitation = Invitation.objects.create(
        email=email.strip().lower(), actor=actor, role=role, language=language, invited_by=by
    )
    transaction.on_commit(lambda: send_invitation.delay(invitation.pk))
    return invitation


def invitation_send(*, invitation_id: int) -> bool:
    from django.urls import reverse
    from django.utils import translation

    from partnerships.models import Invitation
    from portal.emails import send_email

    def send(invitation):
        with translation.override(invitation.language):
            path = reverse("partnerships:invitation_accept", kwargs={"token": invitation.token})
        send_email(
            template_prefix="partnerships/emails/invitation",
            to=[invitation.email],
            context={"invitation": invitation, "accept_path": path},
            language=invitation.language,
        )

    return _send_once(model=Invitation, pk=invitation_id, stamp_field="sent_at", send=send)


class InvitationError(Exception):
    pass


@transaction.atomic
def invitation_accept(*, token: str, user):
    """Make ``user`` editor of the invited actor. The invitation is for one email address."""
    from partnerships.models import ActorEditor, Invitation

    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None:
        raise InvitationError(_("Diese Einladung gibt es nicht (mehr)."))
    if invitation.accepted_at is not None:
        if invitation.accepted_by_id == user.pk:
            return invitation
        raise InvitationError(_("Diese Einladung wurde bereits angenommen."))
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
    from partnerships.tasks import notify_staff_access_request

    if ActorEditor.objects.filter(user=user, actor=actor).exists():
        raise ValidationError(_("Sie sind bereits Redakteur*in dieses Profils."), code="already")
    if AccessRequest.objects.filter(user=user, actor=actor, status="pending").exists():
        raise ValidationError(
            _("Sie haben für dieses Profil schon eine Anfrage gestellt; wir melden uns."),
            code="pending",
        )
    request = AccessRequest.objects.create(user=user, actor=actor, message=message.strip())
    transaction.on_commit(lambda: notify_staff_access_request.delay(request.pk))
    return request


@transaction.atomic
def access_request_decide(*, access_request, approve: bool, by=None, note: str = ""):
    """Approve (→ editor) or refuse a pending request; the requester gets an email."""
    from partnerships.models import AccessRequest, ActorEditor
    from partnerships.tasks import send_access_request_decision

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
    transaction.on_commit(lambda: send_access_request_decision.delay(locked.pk))
    return locked


def access_request_send_decision(*, access_request_id: int) -> bool:
    from partnerships.models import AccessRequest
    from portal.emails import send_email

    def send(req):
        send_email(
            template_prefix="partnerships/emails/access_decision",
            to=[req.user.email],
            context={"access_request": req},
            language=req.user.language or "de",
        )

    return _send_once(
        model=AccessRequest, pk=access_request_id, stamp_field="notified_at", send=send
    )


def access_request_notify_staff(*, access_request_id: int) -> None:
    from django.conf import settings

    from partnerships.models import AccessRequest
    from portal.emails import send_email
    from portal.services import staff_notification_recipients

    req = AccessRequest.objects.select_related("user", "actor").get(pk=access_request_id)
    recipients = staff_notification_recipients()
    if recipients and req.status == AccessRequest.Status.PENDING:
        send_email(
            template_prefix="partnerships/emails/access_request_staff",
            to=recipients,
            context={"access_request": req},
            language=settings.LANGUAGE_CODE,
        )
