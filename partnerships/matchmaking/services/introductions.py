"""Introductions: each side's email with a signed, expiring, single-use answer link."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.matchmaking.models import CaseEvent, IntroductionAnswer, SearchProfile
from portal.outbox import email_queue
from portal.services import staff_notify

SALT = "matchmaking.introduction"
INTRODUCTION = "partnerships/matchmaking/emails/introduction"
ANSWER_STAFF = "partnerships/matchmaking/emails/answer_staff"

VALID, EXPIRED, INVALID, USED = "valid", "expired", "invalid", "used"


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def answer_token(*, answer: IntroductionAnswer, choice: str) -> str:
    return _signer().sign_object({"id": answer.pk, "n": answer.nonce, "c": choice})


def answer_url(*, answer: IntroductionAnswer, choice: str) -> str:
    with translation.override(answer.language):
        path = reverse(
            "matchmaking:answer", kwargs={"token": answer_token(answer=answer, choice=choice)}
        )
    return f"{settings.SITE_URL}{path}"


def answer_check(*, token: str) -> tuple[str, IntroductionAnswer | None, str]:
    """(VALID/EXPIRED/INVALID/USED, the answer row, the choice) — changes nothing."""
    try:
        data = _signer().unsign_object(
            token, max_age=settings.MATCHMAKING_ANSWER_LINK_DAYS * 24 * 3600
        )
    except signing.SignatureExpired:
        return EXPIRED, None, ""
    except signing.BadSignature:
        return INVALID, None, ""
    if not isinstance(data, dict) or data.get("c") not in IntroductionAnswer.Answer.values:
        return INVALID, None, ""
    answer = (
        IntroductionAnswer.objects.select_related("actor", "other", "case")
        .filter(pk=data.get("id"), nonce=data.get("n"))
        .first()
    )
    if answer is None:
        return INVALID, None, ""
    if answer.answered_at is not None:
        return USED, answer, data["c"]
    return VALID, answer, data["c"]


@transaction.atomic
def introduction_answer_record(*, token: str) -> tuple[str, IntroductionAnswer | None]:
    """Record the one-click answer once (the staff hear of it by email after the commit);
    a forged, expired or used link changes nothing."""
    status, answer, choice = answer_check(token=token)
    if status != VALID:
        return status, answer
    claimed = IntroductionAnswer.objects.filter(pk=answer.pk, answered_at__isnull=True).update(
        answer=choice, answered_at=timezone.now()
    )
    if not claimed:
        return USED, answer
    answer.refresh_from_db()
    CaseEvent.objects.create(
        case=answer.case,
        kind=CaseEvent.Kind.ANSWER,
        note=f"{answer.actor.name}: {IntroductionAnswer.Answer(choice).label}",
    )
    staff_notify(template=ANSWER_STAFF, context={"answer_id": answer.pk})
    return VALID, answer


def introduction_email(*, answer: IntroductionAnswer) -> None:
    """Queue one side's email (sent after the commit; its answer links are made then)."""
    email_queue(
        template=INTRODUCTION,
        to=answer.email,
        language=answer.language,
        context={"answer_id": answer.pk},
    )


def introduction_context(*, answer: IntroductionAnswer) -> dict:
    """What one side's email says: the other side, why they fit, the two answer links."""
    from partnerships.matchmaking.selectors import pair_explanation

    with translation.override(answer.language):
        other_profile = (
            SearchProfile.objects.active().filter(actor=answer.other).order_by("-pk").first()
        )
        return {
            "answer": answer,
            "other": answer.other,
            "other_needs": other_profile.needs if other_profile else "",
            "other_offers": other_profile.offers if other_profile else "",
            "reasons": pair_explanation(seeker=answer.actor, candidate=answer.other),
            "interested_url": answer_url(answer=answer, choice="interested"),
            "not_now_url": answer_url(answer=answer, choice="not_now"),
            "link_days": settings.MATCHMAKING_ANSWER_LINK_DAYS,
        }
