"""Background work of the library: text extraction, PDF guides, staff notifications."""

from celery import shared_task

from portal.emails import RETRY_DELAYS, retry_or_raise


@shared_task(name="knowledge.extract_resource_text")
def extract_resource_text(resource_id: int, file_id: int | None = None) -> str:
    from knowledge.services import resource_extract_text

    return resource_extract_text(resource_id=resource_id, file_id=file_id)


@shared_task(name="knowledge.render_guide_pdf")
def render_guide_pdf(guide_id: int, force: bool = False) -> str:
    from knowledge.guides import guide_render_pdf

    return guide_render_pdf(guide_id=guide_id, force=force)


@shared_task(bind=True, name="knowledge.best_practice_notify_staff", max_retries=len(RETRY_DELAYS))
def best_practice_notify_staff(self, resource_id: int) -> None:
    from knowledge.services import best_practice_notify_staff as notify

    try:
        notify(resource_id=resource_id)
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)
