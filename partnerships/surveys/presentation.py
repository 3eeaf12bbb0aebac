"""A survey's results for staff, drawn as the public statistics are: per counted question a
section (``statistics.presentation.Section``) with a server-rendered SVG chart
(``statistics.charts``), the data table beside it and a short text summary."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.statistics import charts
from partnerships.statistics.presentation import Section, percent_text
from partnerships.surveys import selectors
from partnerships.surveys.models import Question, Survey

# Numbers with at most this many different values get one row each, else equal ranges.
NUMBER_ROWS = 8
NUMBER_RANGES = 5


def _answers(n: int) -> str:
    return ngettext("%(n)s Antwort", "%(n)s Antworten", n) % {"n": n}


def _number(value: float) -> str:
    """A number in the reader's notation (one decimal when it is not whole)."""
    if float(value).is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(round(value, 1), decimal_pos=1, force_grouping=True)


def _number_rows(numbers: list[float]) -> list[tuple[str, int]]:
    """(value or range, how many answers) of a number question, smallest first."""
    distinct = sorted(set(numbers))
    if len(distinct) <= NUMBER_ROWS:
        return [(_number(v), numbers.count(v)) for v in distinct]
    low, high = distinct[0], distinct[-1]
    integer = all(float(v).is_integer() for v in numbers)
    width = (high - low) / NUMBER_RANGES
    rows = []
    for i in range(NUMBER_RANGES):
        start = low + i * width
        end = high if i == NUMBER_RANGES - 1 else low + (i + 1) * width
        last = i == NUMBER_RANGES - 1
        inside = [v for v in numbers if start <= v < end or (last and v == end)]
        if integer:
            first = int(-(-start // 1))  # the smallest whole number in the range
            top = int(end) if last or not float(end).is_integer() else int(end) - 1
            label = _number(first) if first == top else f"{_number(first)}–{_number(top)}"
        else:
            label = f"{_number(start)}–{_number(end)}"
        rows.append((label, len(inside)))
    return rows


def _section(entry: dict) -> Section:
    question: Question = entry["question"]
    group: Question | None = entry["group"]
    title = f"{group.text}: {question.text}" if group else question.text
    answered = entry["answered"]
    per_partnership = (
        " " + _("Gefragt je Partnerschaft: jede Partnerschaft zählt einmal.") if group else ""
    )
    if question.kind == Question.Kind.NUMBER:
        numbers = entry["numbers"]
        headers = [_("Wert"), _("Anzahl")]
        rows = [list(r) for r in _number_rows(numbers)]
        if numbers:
            summary = _(
                "%(answers)s; Summe %(sum)s, Mittelwert %(mean)s, kleinster Wert %(min)s, "
                "größter %(max)s."
            ) % {
                "answers": _answers(len(numbers)),
                "sum": _number(sum(numbers)),
                "mean": _number(sum(numbers) / len(numbers)),
                "min": _number(min(numbers)),
                "max": _number(max(numbers)),
            }
        else:
            summary = _("Noch keine Antworten.")
    else:
        labels = dict(question.choice_list())
        counts = entry["counts"]
        values = list(labels)
        values += sorted(v for v in counts if v not in labels)  # answers to older choices
        headers = [_("Antwort"), _("Anzahl"), _("Anteil in %")]
        rows = [
            [
                labels.get(v, v),
                counts.get(v, 0),
                round(100 * counts.get(v, 0) / answered, 1) if answered else 0,
            ]
            for v in values
        ]
        if answered:
            top = max(rows, key=lambda r: r[1])
            summary = _("%(answers)s. Am häufigsten: %(label)s (%(count)s, %(share)s).") % {
                "answers": _answers(answered),
                "label": top[0],
                "count": top[1],
                "share": percent_text(top[2]),
            }
            if question.kind == Question.Kind.MULTIPLE:
                summary += " " + _("Mehrere Antworten je Frage möglich.")
        else:
            summary = _("Noch keine Antworten.")
    summary += per_partnership
    svgs = []
    if answered and rows:
        svgs.append(charts.hbar_chart([(r[0], r[1]) for r in rows], title=title, desc=summary))
    return Section(
        key=f"frage-{question.pk}",
        title=title,
        summary=summary,
        definition=question.help_text,
        headers=headers,
        rows=rows,
        charts=svgs,
    )


def result_sections(*, survey: Survey) -> list[Section]:
    """One section per choice, several-choices and number question, in the survey's order."""
    return [_section(entry) for entry in selectors.results(survey=survey)]
