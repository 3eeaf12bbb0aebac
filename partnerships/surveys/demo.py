"""Demo data of the surveys: one finished Bestandsaufnahme (``data/demo/survey.yaml``) with
one submitted response of the first German member of a demo partnership, applied to the
register. Idempotent: rows are found again by their natural keys."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from partnerships.models import PartnershipMember
from partnerships.services.content import content_as_of
from partnerships.surveys import services
from partnerships.surveys.models import Invitation, Question, Survey
from portal import languages
from portal.seeding import read_data, seed_row

DATA = Path(__file__).parent / "data" / "demo"


def _texts(field: str, spec: dict) -> dict:
    values = spec.get(field) or {}
    return {f"{field}_{code}": values.get(code, "") for code in languages.CODES}


def _questions(survey: Survey, specs: list[dict], group: Question | None = None) -> list:
    result = []
    for spec in specs:
        question, _changed = seed_row(
            Question,
            {"survey": survey, "group": group, "position": spec["position"]},
            {
                "kind": spec["kind"],
                "required": spec.get("required", False),
                "maps_to": spec.get("maps_to", ""),
                **_texts("text", spec),
                **_texts("choices", spec),
            },
        )
        if question is None:
            continue
        result.append(question)
        result.extend(_questions(survey, spec.get("questions", []), question))
    return result


def load_demo(*, stdout, **options) -> None:
    data = read_data(DATA / "survey.yaml")
    spec = data["survey"]
    survey, _changed = seed_row(
        Survey,
        {"key": spec["key"], "version": spec["version"]},
        {
            "state": spec["state"],
            "source_label": spec["source_label"],
            **_texts("title", spec),
            **_texts("intro", spec),
        },
    )
    if survey is None:
        return
    questions = _questions(survey, spec["questions"])
    member = (
        PartnershipMember.objects.filter(actor__country="DE", role="partner")
        .select_related("actor", "partnership")
        .order_by("partnership__slug", "position")
        .first()
    )
    if member is None:
        stdout.write("Demo survey: no partnership to answer for.")
        return
    response = data["response"]
    if Invitation.objects.filter(survey=survey, email=response["email"]).exists():
        stdout.write("Demo survey: already there.")
        return
    submitted = timezone.make_aware(datetime.combine(response["submitted"], time(10)))
    invitation = Invitation.objects.create(
        survey=survey,
        actor=member.actor,
        email=response["email"],
        language=response["language"],
        sent_at=submitted - timedelta(days=9),
        expires_at=submitted + timedelta(days=30),
        reminded_7_at=submitted - timedelta(days=2),
    )
    by_target = {q.maps_to: q for q in questions if q.maps_to}
    themes = next(q for q in questions if q.kind == Question.Kind.MULTIPLE)
    projects = next(q for q in questions if q.kind == Question.Kind.NUMBER)
    answers = response["answers"]
    raw = {
        services.answer_key(by_target["contact_current"]): answers["contact_current"],
        services.answer_key(projects): str(answers["projects"]),
    }
    for partnership in services.partnerships_of(member.actor):
        raw[services.answer_key(by_target["status"], partnership)] = answers["status"]
        raw[services.answer_key(by_target["last_activity"], partnership)] = str(
            answers["last_activity"]
        )
        raw[services.answer_key(themes, partnership)] = answers["themes"]
    services.answers_save(invitation=invitation, raw=raw, submit=True, now=submitted)
    invitation.refresh_from_db()
    if invitation.submitted_at and invitation.applied_at is None:
        # the portraits change as of the answer, not as of this load
        with content_as_of(invitation.submitted_at):
            services.answers_apply(invitation=invitation, by=None)
    stdout.write(f"Demo survey: {survey} answered for {member.actor}.")
