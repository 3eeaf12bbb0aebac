"""Matchmaking cases: open, shortlist, introduce, move through the states, close.

Every write locks the case row, checks the state machine (``MatchCase.allowed_transitions``)
and records a ``CaseEvent`` with user and time. A case that reaches "trial/project partnership" or
"formal partnership" creates or links the partnership in the register through the register's
own services.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships import services as register
from partnerships.matchmaking.models import (
    CaseEvent,
    CaseState,
    CloseReason,
    IntroductionAnswer,
    MatchCase,
    SearchProfile,
)
from partnerships.models import Actor, Partnership, StatusStep

FORMAL_KINDS = (
    Partnership.Kind.TWINNING,
    Partnership.Kind.FRIENDSHIP,
    Partnership.Kind.SOLIDARITY,
    Partnership.Kind.DISTRICT,
    Partnership.Kind.REGIONAL,
)


class TransitionRefused(ValidationError):
    """A move the state machine does not allow (or that lacks what it needs)."""


def _locked(case: MatchCase) -> MatchCase:
    return MatchCase.objects.select_for_update().get(pk=case.pk)


def _event(case: MatchCase, kind: str, *, by=None, note: str = "", **states) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, kind=kind, user=by if by and by.is_authenticated else None, note=note, **states
    )


@transaction.atomic
def case_open(*, profile: SearchProfile, by=None, note: str = "") -> MatchCase:
    """A case for a profile's request, in the state "received"."""
    case = MatchCase.objects.create(actor=profile.actor, profile=profile, staff_owner=by)
    _event(case, CaseEvent.Kind.TRANSITION, by=by, note=note, to_state=CaseState.RECEIVED)
    return case


def _move(case: MatchCase, to_state: str, *, by, note: str = "") -> None:
    if to_state not in case.allowed_transitions():
        raise TransitionRefused(
            _("Von „%(from)s“ geht es nicht nach „%(to)s“.")
            % {"from": CaseState(case.state).label, "to": CaseState(to_state).label},
            code="transition",
        )
    _event(
        case,
        CaseEvent.Kind.TRANSITION,
        by=by,
        note=note,
        from_state=case.state,
        to_state=to_state,
    )
    case.state = to_state
    case.state_changed_at = timezone.now()
    case.reminder_sent_at = None


def _existing_partnership(case: MatchCase) -> Partnership | None:
    return (
        Partnership.objects.exclude(status=Partnership.Status.ENDED)
        .filter(members__actor=case.actor, members__role="partner")
        .filter(members__actor=case.partner, members__role="partner")
        .order_by("pk")
        .first()
    )


def _partnership_for(case: MatchCase, *, kind: str, by) -> Partnership:
    """The case's partnership: linked if the register has one between the two, else created
    (published: the office decided; the portrait is for the editors to write)."""
    if case.partnership_id:
        return case.partnership
    partnership = _existing_partnership(case)
    if partnership is None:
        today = timezone.localdate()
        partnership = register.partnership_create(
            kind=kind,
            partners=[case.actor, case.partner],
            publication_state=Partnership.Publication.PUBLISHED,
            status=Partnership.Status.ACTIVE,
            since=date(today.year, today.month, 1),
            since_precision="month",
        )
        partnership.history.filter(history_user__isnull=True).update(history_user=by)
    case.partnership = partnership
    return partnership


@transaction.atomic
def case_transition(
    *,
    case: MatchCase,
    to_state: str,
    by,
    note: str = "",
    close_reason: str = "",
    partnership_kind: str = "",
) -> MatchCase:
    """Move a case; refuses moves the state machine does not allow.

    - to "trial": creates or links a project partnership in the register;
    - to "formal": the partnership becomes ``partnership_kind`` (a twinning by default),
      signed today, kept as a step in its history;
    - to "closed": needs a reason.
    """
    case = _locked(case)
    if to_state == CaseState.CLOSED and close_reason not in CloseReason.values:
        raise TransitionRefused(
            _("Bitte geben Sie einen Grund für den Abschluss an."), code="close_reason"
        )
    if to_state in (CaseState.TRIAL, CaseState.FORMAL) and case.partner_id is None:
        raise TransitionRefused(_("Es ist noch kein Partner vorgestellt."), code="no_partner")
    if to_state == CaseState.FORMAL and partnership_kind and partnership_kind not in FORMAL_KINDS:
        raise TransitionRefused(_("Diese Art passt nicht zu einer förmlichen Partnerschaft."))
    _move(case, to_state, by=by, note=note)
    if to_state == CaseState.TRIAL:
        _partnership_for(case, kind=Partnership.Kind.PROJECT, by=by)
    elif to_state == CaseState.FORMAL:
        partnership = _partnership_for(
            case, kind=partnership_kind or Partnership.Kind.TWINNING, by=by
        )
        wanted = partnership_kind or (
            Partnership.Kind.TWINNING
            if partnership.kind == Partnership.Kind.PROJECT
            else partnership.kind
        )
        today = timezone.localdate()
        register.partnership_change_kind(
            partnership=partnership,
            kind=wanted,
            date=today,
            precision="day",
            note=note[:250],
            by=by,
        )
        register.partnership_update(
            partnership=partnership,
            status=Partnership.Status.SIGNED,
            is_formal=True,
            by=by,
        )
        StatusStep.objects.get_or_create(
            partnership=partnership,
            status=Partnership.Status.SIGNED,
            defaults={"date": today, "precision": "day", "note": _("über die Netzwerkstelle")},
        )
    elif to_state == CaseState.CLOSED:
        case.close_reason = close_reason
    case.save()
    return case


@transaction.atomic
def case_shortlist(
    *, case: MatchCase, candidates: list[tuple[Actor, str]], by, suggestions=()
) -> MatchCase:
    """Add candidates (with a note why) from the suggestions; a received case moves on to
    "shortlist". ``suggestions`` keeps each candidate's score and sentences as chosen."""
    case = _locked(case)
    if case.state not in (CaseState.RECEIVED, CaseState.SHORTLIST, CaseState.INTRODUCED):
        raise TransitionRefused(
            _("In diesem Stand werden keine Kandidaten mehr ausgewählt."), code="state"
        )
    if not candidates:
        raise TransitionRefused(_("Bitte wählen Sie mindestens einen Kandidaten."))
    known = {s.actor.pk: s for s in suggestions}
    names = []
    for actor, note in candidates:
        if actor.pk == case.actor_id or actor.country == case.actor.country:
            raise TransitionRefused(
                _("%(name)s liegt nicht auf der anderen Seite.") % {"name": actor.name}
            )
        found = known.get(actor.pk)
        _candidate, created = case.candidates.get_or_create(
            actor=actor,
            defaults={
                "note": note[:500],
                "added_by": by,
                "score": found.score if found else None,
                "reasons": [f.sentence for f in found.factors] if found else [],
            },
        )
        if created:
            names.append(actor.name)
    if names:
        _event(case, CaseEvent.Kind.SHORTLIST, by=by, note=", ".join(names))
    if case.state == CaseState.RECEIVED:
        _move(case, CaseState.SHORTLIST, by=by)
    case.save()
    return case


@transaction.atomic
def case_introduce(
    *,
    case: MatchCase,
    candidate: Actor,
    partner_contact: dict,
    by,
    seeker_contact: dict | None = None,
    note: str = "",
) -> MatchCase:
    """Introduce both sides to each other: one email to each contact, in their language,
    with a one-click answer (queued after the commit)."""
    from partnerships.matchmaking.services.introductions import introduction_email

    case = _locked(case)
    if not case.candidates.filter(actor=candidate).exists():
        raise TransitionRefused(
            _("Vorgestellt werden nur Kandidaten der Auswahlliste."), code="not_shortlisted"
        )
    profile = case.profile
    seeker_contact = seeker_contact or (
        {
            "name": profile.contact_name,
            "email": profile.contact_email,
            "language": profile.contact_language,
        }
        if profile
        else None
    )
    if not seeker_contact or not seeker_contact.get("email"):
        raise TransitionRefused(_("Für die suchende Seite fehlt eine Ansprechperson."))
    _move(case, CaseState.INTRODUCED, by=by, note=note)
    case.partner = candidate
    case.partnership = None
    case.save()
    answers = [
        IntroductionAnswer.objects.create(
            case=case,
            side=side,
            actor=actor,
            other=other,
            name=contact["name"],
            email=contact["email"].strip().lower(),
            language=contact.get("language") or "de",
            nonce=secrets.token_urlsafe(16),
        )
        for side, actor, other, contact in (
            (IntroductionAnswer.Side.SEEKER, case.actor, candidate, seeker_contact),
            (IntroductionAnswer.Side.PARTNER, candidate, case.actor, partner_contact),
        )
    ]
    _event(
        case,
        CaseEvent.Kind.INTRODUCTION,
        by=by,
        note=f"{case.actor.name} – {candidate.name}",
    )
    for answer in answers:
        introduction_email(answer=answer)
    return case


CASE_REMINDER_STAFF = "partnerships/matchmaking/emails/case_reminder_staff"


def case_reminders_send() -> int:
    """Remind the staff of open cases that have waited more than the reminder period in one
    state — each case once per stay in a state (moving on resets it). The cases' marks and
    the staff's emails are one transaction. Returns the count."""
    from django.conf import settings

    from portal.services import staff_notify

    cutoff = timezone.now() - timezone.timedelta(days=settings.MATCHMAKING_CASE_REMINDER_DAYS)
    with transaction.atomic():
        due = MatchCase.objects.open().filter(
            state_changed_at__lte=cutoff, reminder_sent_at__isnull=True
        )
        ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True))
        if not ids:
            return 0
        MatchCase.objects.filter(pk__in=ids).update(reminder_sent_at=timezone.now())
        staff_notify(template=CASE_REMINDER_STAFF, context={"case_ids": ids})
    return len(ids)
