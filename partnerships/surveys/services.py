"""Sending a survey, personal links, reminders, saving answers and applying them to the
register."""

from __future__ import annotations

from datetime import date, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.imports.models import PartnershipFact
from partnerships.models import Actor, Partnership
from partnerships.services import actor_changed, partnership_changed
from partnerships.surveys.models import Invitation, Question, Survey
from portal import languages
from portal.outbox import email_queue

INVITATION = "surveys/emails/invitation"
REMINDER = "surveys/emails/reminder"
SALT = "surveys.invitation"
REMINDER_DAYS = (7, 14)


# --- links ----------------------------------------------------------------------------------


def invitation_token(*, invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT, compress=True)


class LinkError(Exception):
    """The link is forged, expired or already used; ``code`` says which."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def invitation_from_token(*, token: str, now=None) -> Invitation:
    try:
        data = signing.loads(token, salt=SALT)
        invitation = Invitation.objects.select_related("survey", "actor").get(
            pk=data["i"], nonce=data["n"]
        )
    except (signing.BadSignature, KeyError, TypeError, Invitation.DoesNotExist) as exc:
        raise LinkError("forged") from exc
    if invitation.submitted_at is not None:
        raise LinkError("submitted")
    if (now or timezone.now()) >= invitation.expires_at:
        raise LinkError("expired")
    return invitation


# --- sending --------------------------------------------------------------------------------


def recipients(*, actor: Actor) -> list[tuple[str, str, object]]:
    """(email, language, user) of the actor's contact and editors, each address once."""
    result: dict[str, tuple[str, str, object]] = {}
    for editor in actor.editors.select_related("user"):
        email = (editor.user.email or "").strip().lower()
        if email:
            language = languages.known(getattr(editor.user, "language", "") or "")
            result.setdefault(email, (email, language, editor.user))
    contact = (actor.contact_email or "").strip().lower()
    if contact:
        language = "uk" if actor.country == "UA" else languages.SOURCE
        result.setdefault(contact, (contact, language, None))
    return list(result.values())


@transaction.atomic
def survey_send(*, survey: Survey, actors, now=None) -> int:
    """Invite the contacts and editors of ``actors`` (once per address and actor)."""
    now = now or timezone.now()
    if survey.state == Survey.State.DRAFT:
        survey.state = Survey.State.OPEN
        survey.save(update_fields=["state"])
    count = 0
    for actor in actors.prefetch_related("editors__user"):
        for email, language, user in recipients(actor=actor):
            invitation, created = Invitation.objects.get_or_create(
                survey=survey,
                actor=actor,
                email=email,
                defaults={
                    "language": language,
                    "user": user,
                    "sent_at": now,
                    "expires_at": now + timedelta(days=survey.valid_days),
                },
            )
            if created:
                email_queue(
                    template=INVITATION,
                    to=email,
                    language=language,
                    context={"invitation_id": invitation.pk},
                )
                count += 1
    return count


@transaction.atomic
def reminders_send(*, now=None) -> int:
    """Remind once after 7 and once after 14 days those who have not submitted."""
    now = now or timezone.now()
    count = 0
    for days, column in zip(REMINDER_DAYS, ("reminded_7_at", "reminded_14_at"), strict=True):
        due = (
            Invitation.objects.select_for_update(skip_locked=True)
            .filter(
                submitted_at__isnull=True,
                expires_at__gt=now,
                sent_at__lte=now - timedelta(days=days),
                survey__state=Survey.State.OPEN,
                **{f"{column}__isnull": True},
            )
            .order_by("pk")
        )
        for invitation in due:
            if column == "reminded_7_at" and invitation.sent_at <= now - timedelta(days=14):
                # Both are due (e.g. beat was down): one reminder, not two at once.
                Invitation.objects.filter(pk=invitation.pk).update(reminded_7_at=now)
                continue
            setattr(invitation, column, now)
            invitation.save(update_fields=[column])
            email_queue(
                template=REMINDER,
                to=invitation.email,
                language=invitation.language,
                context={"invitation_id": invitation.pk, "days": days},
                dedupe_key=f"survey-reminder-{invitation.pk}-{days}",
            )
            count += 1
    return count


# --- answers --------------------------------------------------------------------------------


def questions_of(survey: Survey) -> list[Question]:
    return list(survey.questions.all())


def partnerships_of(actor: Actor) -> list[Partnership]:
    return list(Partnership.objects.filter(members__actor=actor).distinct().order_by("title"))


def answer_key(question: Question, partnership: Partnership | None = None) -> str:
    return f"{question.pk}" if partnership is None else f"{question.pk}:{partnership.pk}"


def _clean(question: Question, raw) -> object:
    """The typed value of one answer ("" or [] when unanswered); ValidationError if wrong."""
    if question.kind == Question.Kind.MULTIPLE:
        values = [v for v in (raw or []) if v]
        allowed = {v for v, _label in question.choice_list()}
        if set(values) - allowed:
            raise ValidationError(_("Bitte nur angebotene Antworten wählen."))
        return values
    raw = (raw or "").strip() if isinstance(raw, str) else raw
    if raw in ("", None):
        return ""
    if question.kind == Question.Kind.CHOICE:
        if raw not in {v for v, _label in question.choice_list()}:
            raise ValidationError(_("Bitte eine der angebotenen Antworten wählen."))
        return raw
    if question.kind == Question.Kind.NUMBER:
        try:
            number = float(str(raw).replace(",", "."))
        except ValueError as exc:
            raise ValidationError(_("Bitte eine Zahl eingeben.")) from exc
        return int(number) if number.is_integer() else number
    if question.kind == Question.Kind.DATE:
        try:
            value = date.fromisoformat(str(raw))
        except ValueError as exc:
            raise ValidationError(_("Bitte ein Datum eingeben (JJJJ-MM-TT).")) from exc
        if value > timezone.localdate():
            raise ValidationError(_("Das Datum liegt in der Zukunft."))
        return value.isoformat()
    return str(raw)[:5000]


@transaction.atomic
def answers_save(*, invitation: Invitation, raw: dict, submit: bool, now=None) -> dict:
    """Save what is given (partial answers too); on ``submit`` every required question must
    be answered. Returns the errors by answer key (nothing is saved when there are any)."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    answers = dict(invitation.answers)
    questions = questions_of(invitation.survey)
    partnerships = partnerships_of(invitation.actor)
    slots = []
    for q in questions:
        if q.kind == Question.Kind.GROUP:
            continue
        if q.group_id:
            slots.extend((q, p) for p in partnerships)
        else:
            slots.append((q, None))
    for question, partnership in slots:
        key = answer_key(question, partnership)
        if key not in raw:
            continue
        try:
            answers[key] = _clean(question, raw[key])
        except ValidationError as exc:
            errors[key] = exc.messages[0]
    if submit:
        for question, partnership in slots:
            key = answer_key(question, partnership)
            if question.required and answers.get(key) in (None, "", []) and key not in errors:
                errors[key] = _("Bitte beantworten.")
    if errors:
        return errors
    invitation.answers = answers
    invitation.saved_at = now
    fields = ["answers", "saved_at"]
    if submit:
        invitation.submitted_at = now
        fields.append("submitted_at")
    invitation.save(update_fields=fields)
    return {}


# --- review: answers into the register ------------------------------------------------------


@transaction.atomic
def answers_apply(*, invitation: Invitation, by) -> list[str]:
    """Write a submitted response's status, last activity and contact to the register, with
    history and the survey's source label; returns what changed (for the staff's message)."""
    if invitation.submitted_at is None:
        raise ValidationError(_("Die Antwort ist noch nicht abgeschickt."))
    survey = invitation.survey
    source = survey.source_label
    when = invitation.submitted_at.date()
    reason = source[:100]
    changed: list[str] = []
    facts = []
    questions = questions_of(survey)
    actor = invitation.actor
    statuses = dict(Partnership.Status.choices)
    for partnership in partnerships_of(actor):
        dirty = False
        recorded = len(facts)
        for q in questions:
            if not q.group_id or not q.maps_to:
                continue
            value = invitation.answers.get(answer_key(q, partnership))
            if value in (None, "", []):
                continue
            if q.maps_to == Question.Target.STATUS and value in statuses:
                facts.append(PartnershipFact(
                    partnership=partnership, field="status", value=value, source=source,
                    source_date=when, is_current=True,
                ))  # fmt: skip
                if partnership.status != value:
                    partnership.status = value
                    dirty = True
                    changed.append(f"{partnership}: {statuses[value]}")
            elif q.maps_to == Question.Target.LAST_ACTIVITY:
                facts.append(PartnershipFact(
                    partnership=partnership, field="last_activity", date=date.fromisoformat(value),
                    precision="day", source=source, source_date=when, is_current=True,
                ))  # fmt: skip
                changed.append(f"{partnership}: {_('letzte Aktivität')} {value}")
        if dirty:
            partnership._history_user = by
            partnership._change_reason = reason
            partnership.save()
        if dirty or len(facts) > recorded:
            # A new dated fact (e.g. the last activity) changes the statistics too: the
            # cached figures are keyed by the published register's version.
            partnership_changed(partnership=partnership)
    contact_current = next(
        (invitation.answers.get(answer_key(q)) for q in questions
         if q.maps_to == Question.Target.CONTACT_CURRENT and not q.group_id),
        None,
    )  # fmt: skip
    new_email = next(
        (invitation.answers.get(answer_key(q)) for q in questions
         if q.maps_to == Question.Target.CONTACT_EMAIL and not q.group_id),
        None,
    )  # fmt: skip
    if contact_current == "no" and new_email and new_email != actor.contact_email:
        from django.core.validators import validate_email

        validate_email(new_email)
        actor.contact_email = new_email
        actor._history_user = by
        actor._change_reason = reason
        actor.save()
        actor_changed(actor=actor)
        changed.append(f"{actor}: {_('Kontakt-E-Mail')}")
    PartnershipFact.objects.bulk_create(facts)
    invitation.applied_at = timezone.now()
    invitation.save(update_fields=["applied_at"])
    return changed


@transaction.atomic
def survey_new_version(*, survey: Survey) -> Survey:
    """A copy with every question as the next version (a draft); answers stay with theirs."""
    latest = Survey.objects.filter(key=survey.key).order_by("-version").first()
    questions = list(survey.questions.order_by("group_id", "position", "pk"))
    copy = Survey.objects.get(pk=survey.pk)
    copy.pk = None
    copy.version = latest.version + 1
    copy.state = Survey.State.DRAFT
    copy.save()
    new_ids: dict[int, Question] = {}
    for q in sorted(questions, key=lambda q: q.group_id is not None):
        old_pk = q.pk
        q.pk = None
        q.survey = copy
        q.group = new_ids.get(q.group_id) if q.group_id else None
        q.save()
        new_ids[old_pk] = q
    return copy
