"""Background work of the register: the staff's daily digest, PDFs of portraits."""

from celery import shared_task
from django.utils import timezone

from partnerships import services
from portal.pdf import PDF_TASK_OPTIONS


@shared_task(name="partnerships.send_daily_digest")
def send_daily_digest() -> bool:
    return services.daily_digest_send(day=timezone.localdate())


@shared_task(name="partnerships.render_portrait_pdf", **PDF_TASK_OPTIONS)
def render_portrait_pdf(partnership_id: int, language: str) -> str:
    from partnerships.pdf import portrait_pdf_render

    return portrait_pdf_render(partnership_id=partnership_id, language=language)
