"""The staff report for the funder: a chosen period's figures as PDF or Excel.

The PDF is rendered by WeasyPrint in a Celery task (``tasks.render_report_pdf``) and kept
under a name by its content (``portal.pdf.stored_pdf_path``): the same period with the same
figures in the same language is rendered once; any change of the figures makes a new file.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from partnerships.statistics import figures, presentation
from portal.exports import safe_cell, safe_row
from portal.pdf import stored_pdf_path, stored_pdf_render

PDF_DIR = "statistics/reports"
# Bump when the PDF template or its CSS changes so that every report is rendered again.
TEMPLATE_VERSION = "1"

# Key figures of the report: (key, label), compared at the start and end of the period.
REPORT_FIGURES = (
    ("partnerships", gettext_lazy("Partnerschaften NRW–Ukraine")),
    ("formal", gettext_lazy("davon förmlich vereinbart")),
    ("municipalities_with_partner", gettext_lazy("NRW-Gemeinden mit ukrainischer Partnerschaft")),
    ("share", gettext_lazy("Anteil der NRW-Gemeinden in %")),
    ("active", gettext_lazy("aktiv (Aktivität in den letzten 24 Monaten)")),
    ("dormant", gettext_lazy("ruhend")),
    ("subscribers", gettext_lazy("Newsletter-Abonnent*innen")),
    ("profiles", gettext_lazy("gültige Suchprofile")),
)
# Tables of the period's end in the report.
REPORT_SECTIONS = ("per_year_kind", "bezirke", "oblasts", "pipeline", "matchmaking", "events")


def report_data(*, start: date, end: date) -> dict:
    """The period's figures: key figures the day before it began and at its end, the end's
    tables, and the events held in the period's years."""
    before = figures.compute(today=start - timedelta(days=1))
    after = figures.compute(today=end)
    rows = []
    for key, label in REPORT_FIGURES:
        a, b = before["key"][key], after["key"][key]
        rows.append([str(label), a, b, round(b - a, 1)])
    after["events"] = [r for r in after["events"] if start.year <= r["year"] <= end.year]
    after["snapshots"] = []
    return {
        "start": start,
        "end": end,
        "key_rows": rows,
        "sections": [presentation.section(after, key) for key in REPORT_SECTIONS],
        "scope": presentation.scope(),
    }


def report_xlsx(report: dict) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Kennzahlen")[:31]
    period = {"start": report["start"].isoformat(), "end": report["end"].isoformat()}
    sheet.append(safe_row([_("Bericht für den Zeitraum %(start)s – %(end)s") % period]))
    sheet["A1"].font = Font(bold=True)
    sheet.append(safe_row([report["scope"]]))
    sheet.append([])
    sheet.append(safe_row([_("Kennzahl"), _("am Beginn"), _("am Ende"), _("Veränderung")]))
    for row in report["key_rows"]:
        sheet.append([safe_cell(v) for v in row])
    for section in report["sections"]:
        ws = book.create_sheet(section.title[:31].replace("/", "-").replace(":", ""))
        ws.append(safe_row([section.title]))
        ws["A1"].font = Font(bold=True)
        ws.append(safe_row([section.definition]))
        ws.append([])
        ws.append([safe_cell(str(h)) for h in section.headers])
        for row in section.rows:
            ws.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_pdf_path(*, start: date, end: date, language: str) -> tuple[str, str]:
    """(storage path, html) of the period's report in ``language`` for today's figures."""
    with translation.override(language):
        data = report_data(start=start, end=end)
        html = render_to_string("statistics/report_pdf.html", {**data, "LANGUAGE_CODE": language})
    path, _digest = stored_pdf_path(
        prefix=f"{PDF_DIR}/bericht-{start.isoformat()}-{end.isoformat()}-{language}",
        html=html,
        version=TEMPLATE_VERSION,
    )
    return path, html


def report_pdf_render(*, start: date, end: date, language: str) -> str:
    """Render and store the report unless a file for the same content exists; its path."""
    path, html = report_pdf_path(start=start, end=end, language=language)
    stored_pdf_render(path=path, html=html)
    return path
