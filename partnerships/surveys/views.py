"""The personal survey page: answer, save in between, submit (no login: the signed link)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from partnerships.surveys import services
from partnerships.surveys.models import Question


def _form_rows(invitation, answers: dict, errors: dict) -> list[dict]:
    """Questions in order; a group's questions once per partnership of the actor."""
    questions = services.questions_of(invitation.survey)
    partnerships = services.partnerships_of(invitation.actor)
    rows = []
    for q in questions:
        if q.group_id:
            continue
        if q.kind == Question.Kind.GROUP:
            children = [c for c in questions if c.group_id == q.pk]
            for p in partnerships:
                rows.append({"heading": q, "partnership": p})
                rows.extend(_row(c, p, answers, errors) for c in children)
        else:
            rows.append(_row(q, None, answers, errors))
    return rows


def _row(q, partnership, answers, errors) -> dict:
    key = services.answer_key(q, partnership)
    value = answers.get(key, [] if q.kind == Question.Kind.MULTIPLE else "")
    return {
        "question": q,
        "key": key,
        "value": value,
        "choices": q.choice_list(),
        "error": errors.get(key, ""),
    }


MESSAGES = {
    "forged": lambda: _("Dieser Link ist ungültig. Bitte nutzen Sie den Link aus Ihrer E-Mail."),
    "expired": lambda: _(
        "Dieser Link ist abgelaufen. Bitte wenden Sie sich an die Netzwerkstelle."
    ),
    "submitted": lambda: _("Vielen Dank – diese Antwort ist bereits abgeschickt."),
}


@never_cache
@csrf_protect
def answer(request, token: str):
    try:
        invitation = services.invitation_from_token(token=token)
    except services.LinkError as exc:
        status = 200 if exc.code == "submitted" else 404
        return render(
            request, "surveys/closed.html", {"message": MESSAGES[exc.code]()}, status=status
        )
    errors: dict = {}
    answers = dict(invitation.answers)
    saved = False
    if request.method == "POST":
        submit = "submit" in request.POST
        raw = {}
        for row in _form_rows(invitation, {}, {}):
            if "key" not in row:
                continue
            if row["question"].kind == Question.Kind.MULTIPLE:
                raw[row["key"]] = request.POST.getlist(row["key"])
            else:
                raw[row["key"]] = request.POST.get(row["key"], "")
        errors = services.answers_save(invitation=invitation, raw=raw, submit=submit)
        # After an error the typed input is shown again; otherwise what was saved.
        answers.update(raw if errors else invitation.answers)
        if not errors and submit:
            return render(
                request, "surveys/closed.html", {"message": MESSAGES["submitted"](), "done": True}
            )
        saved = not errors
    return render(
        request,
        "surveys/answer.html",
        {
            "invitation": invitation,
            "survey": invitation.survey,
            "rows": _form_rows(invitation, answers, errors),
            "errors": errors,
            "saved": saved,
        },
    )
