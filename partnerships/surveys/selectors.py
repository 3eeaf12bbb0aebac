"""Readers: response rates by area and the answers as a table (CSV/Excel)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from partnerships.surveys.models import Invitation, Question, Survey


def response_rates(*, survey: Survey, by: str) -> list[dict]:
    """Actors asked and answered per Regierungsbezirk/oblast (``by="region"``) or
    Kreis/raion (``by="district"``); an actor counts as answered when one of its invitations
    is submitted."""
    field = {"region": "actor__region__name", "district": "actor__district__name"}[by]
    rows = (
        Invitation.objects.filter(survey=survey)
        .values(field, "actor__country")
        .annotate(
            asked=Count("actor", distinct=True),
            answered=Count("actor", filter=Q(submitted_at__isnull=False), distinct=True),
        )
        .order_by("actor__country", field)
    )
    result = []
    for row in rows:
        asked = row["asked"]
        result.append(
            {
                "area": row[field] or _("ohne Zuordnung"),
                "country": row["actor__country"],
                "asked": asked,
                "answered": row["answered"],
                "rate": round(100 * row["answered"] / asked) if asked else 0,
            }
        )
    return result


def answers_table(*, survey: Survey) -> tuple[list[str], list[list]]:
    """One row per answer slot of every submitted invitation (a group's questions once per
    partnership)."""
    questions = {q.pk: q for q in survey.questions.all()}
    header = [_("Akteur"), _("Land"), _("E-Mail"), _("abgeschickt"), _("Frage"),
              _("Partnerschaft"), _("Antwort")]  # fmt: skip
    rows = []
    invitations = (
        Invitation.objects.filter(survey=survey, submitted_at__isnull=False)
        .select_related("actor")
        .order_by("actor__name", "pk")
    )
    for inv in invitations:
        rows.extend(
            [inv.actor.name, inv.actor.country, inv.email, inv.submitted_at.date().isoformat(),
             *answer]
            for answer in answers_of(invitation=inv, questions=questions)
        )  # fmt: skip
    return header, rows


def answers_of(*, invitation: Invitation, questions: dict | None = None) -> list[tuple]:
    """(question, partnership, answer) of one response, in the survey's order."""
    from partnerships.models import Partnership

    if questions is None:
        questions = {q.pk: q for q in invitation.survey.questions.all()}
    pids = [int(k.partition(":")[2]) for k in invitation.answers if ":" in k]
    titles = dict(Partnership.objects.filter(pk__in=pids).values_list("pk", "title"))
    result = []
    for key, value in invitation.answers.items():
        qid, _sep, pid = key.partition(":")
        q = questions.get(int(qid))
        if q is None or q.kind == Question.Kind.GROUP:
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        result.append((q.text, titles.get(int(pid), "") if pid else "", shown))
    order = {q.text: i for i, q in enumerate(questions.values())}
    result.sort(key=lambda r: (r[1], order.get(r[0], 0)))
    return result


# Kinds of question whose answers are counted and drawn (the results' charts).
COUNTED_KINDS = (Question.Kind.CHOICE, Question.Kind.MULTIPLE, Question.Kind.NUMBER)


def results(*, survey: Survey) -> list[dict]:
    """Per choice, several-choices and number question (also those of the per-partnership
    group, counted once per partnership answered) the answers of every submitted response:
    ``{"question", "group", "answered", "counts": {value: n}, "numbers": [...]}``, in the
    survey's order. Two queries, however many answers."""
    questions = list(survey.questions.select_related("group"))
    counted = {q.pk: q for q in questions if q.kind in COUNTED_KINDS}
    tally = {
        pk: {"question": q, "group": q.group, "answered": 0, "counts": {}, "numbers": []}
        for pk, q in counted.items()
    }
    answer_sets = Invitation.objects.filter(survey=survey, submitted_at__isnull=False).values_list(
        "answers", flat=True
    )
    for answers in answer_sets:
        for key, value in (answers or {}).items():
            qid = key.partition(":")[0]
            entry = tally.get(int(qid)) if qid.isdigit() else None
            if entry is None or value in (None, "", []):
                continue
            entry["answered"] += 1
            kind = entry["question"].kind
            if kind == Question.Kind.NUMBER:
                if isinstance(value, int | float) and not isinstance(value, bool):
                    entry["numbers"].append(value)
                continue
            for choice in value if isinstance(value, list) else [value]:
                entry["counts"][str(choice)] = entry["counts"].get(str(choice), 0) + 1
    order = {q.pk: i for i, q in enumerate(questions)}
    return sorted(
        tally.values(),
        key=lambda e: (
            order.get(e["group"].pk, 0) if e["group"] else order[e["question"].pk],
            order[e["question"].pk],
        ),
    )
