"""The partner search's emails (outbox rows, ``portal/outbox.py``): requests for the staff and
their forwarding, introductions with their one-click answer links, the staff's reminders,
editors' notices of mutual matches and expiring profiles. The rows hold ids; the signed
answer and opt-out links are made here, in the worker, when the email is rendered."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from partnerships.matchmaking.models import (
    ContactRequest,
    IntroductionAnswer,
    MatchCase,
    PartnerRequest,
    SearchProfile,
)
from partnerships.matchmaking.services.cases import CASE_REMINDER_STAFF
from partnerships.matchmaking.services.introductions import (
    ANSWER_STAFF,
    INTRODUCTION,
    introduction_context,
)
from partnerships.matchmaking.services.notifications import (
    MUTUAL_MATCHES,
    PROFILE_EXPIRY,
    opt_out_token,
)
from partnerships.matchmaking.services.requests import (
    CONTACT_FORWARD,
    CONTACT_STAFF,
    PARTNER_REQUEST_STAFF,
)
from portal.models import OutboundEmail
from portal.outbox import message_for, render


def _absolute(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


@message_for(CONTACT_STAFF, CONTACT_FORWARD)
def contact_request_message(email: OutboundEmail) -> EmailMessage | None:
    request = (
        ContactRequest.objects.select_related("profile__actor")
        .filter(pk=email.context["contact_request_id"])
        .first()
    )
    if request is None:
        return None
    return render(email, {"contact": request, "profile": request.profile})


@message_for(PARTNER_REQUEST_STAFF)
def partner_request_message(email: OutboundEmail) -> EmailMessage | None:
    request = PartnerRequest.objects.filter(pk=email.context["partner_request_id"]).first()
    return None if request is None else render(email, {"partner_request": request})


def _answer(email: OutboundEmail) -> IntroductionAnswer | None:
    return (
        IntroductionAnswer.objects.select_related("actor", "other", "case")
        .filter(pk=email.context["answer_id"])
        .first()
    )


@message_for(INTRODUCTION)
def introduction_message(email: OutboundEmail) -> EmailMessage | None:
    answer = _answer(email)
    if answer is None or answer.answered_at is not None:
        return None
    return render(email, introduction_context(answer=answer))


@message_for(ANSWER_STAFF)
def answer_staff_message(email: OutboundEmail) -> EmailMessage | None:
    answer = _answer(email)
    return None if answer is None else render(email, {"answer": answer})


@message_for(CASE_REMINDER_STAFF)
def case_reminder_message(email: OutboundEmail) -> EmailMessage | None:
    cases = list(
        MatchCase.objects.open()
        .filter(pk__in=email.context["case_ids"])
        .select_related("actor", "partner")
        .order_by("state_changed_at", "pk")
    )
    return render(email, {"cases": cases}) if cases else None


@message_for(MUTUAL_MATCHES)
def mutual_matches_message(email: OutboundEmail) -> EmailMessage | None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=email.context["user_id"], is_active=True).first()
    pairs = email.context["pairs"]
    profiles = SearchProfile.objects.select_related("actor").in_bulk(
        [pk for pair in pairs for pk in pair]
    )
    pairs = [(profiles.get(a), profiles.get(b)) for a, b in pairs]
    pairs = [(own, other) for own, other in pairs if own is not None and other is not None]
    if user is None or not pairs:
        return None
    with translation.override(email.language):
        items = [
            {
                "own": own.actor.name,
                "other": other.actor.name,
                "own_url": _absolute("matchmaking:profile_edit", own.pk),
                "other_url": _absolute("matchmaking:list") + f"#profil-{other.pk}",
            }
            for own, other in pairs
        ]
        opt_out_url = _absolute("matchmaking:opt_out", opt_out_token(user=user))
    return render(email, {"user": user, "items": items, "opt_out_url": opt_out_url})


@message_for(PROFILE_EXPIRY)
def profile_expiry_message(email: OutboundEmail) -> EmailMessage | None:
    profile = (
        SearchProfile.objects.select_related("actor").filter(pk=email.context["profile_id"]).first()
    )
    if profile is None:
        return None
    with translation.override(email.language):
        url = _absolute("matchmaking:profile_edit", profile.pk)
    return render(email, {"profile": profile, "url": url})
