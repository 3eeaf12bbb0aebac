"""The staff report for the funder: a chosen period's figures as PDF or Excel.

The PDF is rendered in a Celery task; meanwhile staff see a page that reloads itself until
the stored file is there. With the broker down, the request renders it itself."""

from __future__ import annotations

import logging
from datetime import date

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.statistics.report import (  # noqa: F401 - the report's names, for callers
    REPORT_FIGURES,
    REPORT_SECTIONS,
    report_data,
    report_pdf_path,
    report_xlsx,
)
from portal import languages
from portal.pdf import PDF_TASK_OPTIONS, PdfRenderError, stored_pdf_render
from portal.permissions import is_active_user, staff_may

logger = logging.getLogger(__name__)

REPORT_PERMISSION = "statistics.view_report"


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


def _pdf(request: HttpRequest, form: ReportForm, *, start: date, end: date) -> HttpResponse:
    """Serve the stored PDF of the report, or queue its rendering (once at a time per
    document) and show a page that reloads until it is there. When the broker cannot be
    reached, render it in the request instead (staff only, rare)."""
    from partnerships.statistics.tasks import render_report_pdf

    language = languages.active()
    path, html = report_pdf_path(start=start, end=end, language=language)
    if not default_storage.exists(path) and cache.add(
        f"pdf-queued:{path}", True, timeout=PDF_TASK_OPTIONS["time_limit"]
    ):
        args = (start.isoformat(), end.isoformat(), language)
        if not render_report_pdf.apply_async_or_log(args=args):
            cache.delete(f"pdf-queued:{path}")
            try:
                stored_pdf_render(path=path, html=html)
            except PdfRenderError as exc:
                logger.error("funder report %s – %s not rendered: %s", start, end, exc)
                form.add_error(
                    None,
                    _("Der Bericht konnte nicht erstellt werden. Bitte später erneut versuchen."),
                )
                return render(request, "statistics/report.html", {"form": form}, status=503)
    if default_storage.exists(path):  # eager mode, a quick worker, or rendered here
        return FileResponse(
            default_storage.open(path, "rb"),
            content_type="application/pdf",
            as_attachment=True,
            filename=f"statistik-bericht-{start.isoformat()}-{end.isoformat()}.pdf",
        )
    response = render(
        request, "statistics/report_pending.html", {"start": start, "end": end}, status=202
    )
    response["Retry-After"] = "5"
    return response


def report(request: HttpRequest) -> HttpResponse:
    if not is_active_user(request.user):
        return redirect_to_login(request.get_full_path())
    if not staff_may(request.user, REPORT_PERMISSION):
        raise PermissionDenied
    today = timezone.localdate()
    form = ReportForm(request.GET or None, initial={"start": date(today.year, 1, 1), "end": today})
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        if form.cleaned_data["format"] == "pdf":
            return _pdf(request, form, start=start, end=end)
        response = HttpResponse(
            report_xlsx(report_data(start=start, end=end)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"statistik-bericht-{start.isoformat()}-{end.isoformat()}"
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    return render(request, "statistics/report.html", {"form": form})
