"""Background work of the library: text extraction and PDF guides."""

from celery import shared_task

from portal.pdf import PDF_TASK_OPTIONS


@shared_task(name="knowledge.extract_resource_text")
def extract_resource_text(resource_id: int, file_id: int | None = None) -> str:
    from knowledge.services import resource_extract_text

    return resource_extract_text(resource_id=resource_id, file_id=file_id)


@shared_task(name="knowledge.render_guide_pdf", **PDF_TASK_OPTIONS)
def render_guide_pdf(guide_id: int, force: bool = False) -> str:
    from knowledge.guides import guide_render_pdf

    return guide_render_pdf(guide_id=guide_id, force=force)


@shared_task(name="knowledge.render_guide_language_pdf")
def render_guide_language_pdf(guide_id: int, language: str) -> str:
    from knowledge.guides import guide_language_render_pdf

    return guide_language_render_pdf(guide_id=guide_id, language=language)
