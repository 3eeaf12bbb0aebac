"""The staff report for the funder: a chosen period's figures as PDF or Excel."""

from __future__ import annotations

import io
from datetime import date, timedelta

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from partnerships.statistics import figures, presentation
from portal import languages
from portal.exports import safe_cell
from portal.permissions import is_active_user, staff_may

REPORT_PERMISSION = "statistics.view_report"
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


class ReportForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("von"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=gettext_lazy("bis"), widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("pdf", "PDF"), ("xlsx", "Excel (xlsx)")],
        initial="pdf",
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Das Ende liegt vor dem Beginn."))
            if end > timezone.localdate():
                self.add_error("end", _("Das Datum liegt in der Zukunft."))
        return cleaned


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


def _xlsx(report: dict) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Kennzahlen")[:31]
    sheet.append(
        [
            _("Bericht für den Zeitraum %(start)s – %(end)s")
            % {"start": report["start"].isoformat(), "end": report["end"].isoformat()}
        ]
    )
    sheet["A1"].font = Font(bold=True)
    sheet.append([report["scope"]])
    sheet.append([])
    sheet.append([_("Kennzahl"), _("am Beginn"), _("am Ende"), _("Veränderung")])
    for row in report["key_rows"]:
        sheet.append([safe_cell(v) for v in row])
    for section in report["sections"]:
        ws = book.create_sheet(section.title[:31].replace("/", "-").replace(":", ""))
        ws.append([section.title])
        ws["A1"].font = Font(bold=True)
        ws.append([section.definition])
        ws.append([])
        ws.append([safe_cell(str(h)) for h in section.headers])
        for row in section.rows:
            ws.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report(request: HttpRequest) -> HttpResponse:
    if not is_active_user(request.user):
        return redirect_to_login(request.get_full_path())
    if not staff_may(request.user, REPORT_PERMISSION):
        raise PermissionDenied
    today = timezone.localdate()
    form = ReportForm(request.GET or None, initial={"start": date(today.year, 1, 1), "end": today})
    if request.GET and form.is_valid():
        data = report_data(start=form.cleaned_data["start"], end=form.cleaned_data["end"])
        name = f"statistik-bericht-{data['start'].isoformat()}-{data['end'].isoformat()}"
        if form.cleaned_data["format"] == "xlsx":
            response = HttpResponse(
                _xlsx(data),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return response
        from portal.pdf import render_pdf

        html = render_to_string(
            "statistics/report_pdf.html", {**data, "LANGUAGE_CODE": languages.active()}
        )
        response = HttpResponse(render_pdf(html=html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return render(request, "statistics/report.html", {"form": form})
