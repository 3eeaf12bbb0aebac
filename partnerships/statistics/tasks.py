"""Background work of the statistics."""

from datetime import date

from celery import shared_task

from partnerships.statistics import services
from portal.pdf import PDF_TASK_OPTIONS


@shared_task(name="statistics.monthly_snapshot")
def monthly_snapshot_task() -> str:
    """Beat (daily): last month's snapshot, recorded once (a no-op on later days)."""
    return str(services.snapshot_take())


@shared_task(name="statistics.render_report_pdf", **PDF_TASK_OPTIONS)
def render_report_pdf(start: str, end: str, language: str) -> str:
    """The funder report of a period (ISO dates) as PDF, stored by its content."""
    from partnerships.statistics.report import report_pdf_render

    return report_pdf_render(
        start=date.fromisoformat(start), end=date.fromisoformat(end), language=language
    )
