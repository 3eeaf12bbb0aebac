"""PDF guides: compose the HTML, render it (in a Celery task) and store it by content hash
(``portal.pdf.stored_pdf_path``).

The file name carries a hash of the rendered HTML (the guide's inputs), so

- an unchanged guide is not rendered again,
- a changed guide gets a new file, and the public URL (``knowledge:guide_pdf``) switches
  to it only once it has been rendered completely,
- a failed rendering records the error and leaves the last good file in place.
"""

import io
import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from knowledge.models import Guide
from portal.markdown import render_markdown
from portal.pdf import stored_pdf_path, stored_pdf_render

logger = logging.getLogger(__name__)

# Bump when the PDF template or its CSS changes so that every guide is rendered again.
TEMPLATE_VERSION = "1"


def guide_context(*, guide: Guide) -> dict:
    sections = []
    for number, section in enumerate(
        guide.sections.select_related("resource").order_by("position", "id"),
        start=1,
    ):
        resource = section.resource
        parts = []
        if resource is not None:
            if resource.summary:
                parts.append(render_markdown(resource.summary))
            if resource.body:
                parts.append(render_markdown(resource.body))
        if section.text:
            parts.append(render_markdown(section.text))
        sections.append(
            {
                "number": number,
                "anchor": f"kapitel-{number}",
                "heading": section.display_heading,
                "html": "\n".join(parts),
                "resource": resource,
                "url": (
                    settings.SITE_URL + resource.get_absolute_url() if resource is not None else ""
                ),
            }
        )
    return {
        "guide": guide,
        "introduction_html": render_markdown(guide.introduction or ""),
        "sections": sections,
        "site_url": settings.SITE_URL,
        "public_url": settings.SITE_URL + guide.get_absolute_url(),
    }


def guide_build_html(*, guide: Guide) -> str:
    with translation.override(guide.language or settings.LANGUAGE_CODE):
        return render_to_string("knowledge/guide_pdf.html", guide_context(guide=guide))


def guide_request_pdf(*, guide: Guide, force: bool = False) -> None:
    """Mark the guide pending and queue its rendering after the commit.

    The current file (if any) stays public until the new one is ready.
    """
    from knowledge.tasks import render_guide_pdf

    Guide.objects.filter(pk=guide.pk).update(pdf_status=Guide.PdfStatus.PENDING, pdf_error="")
    guide.pdf_status = Guide.PdfStatus.PENDING
    render_guide_pdf.delay_on_commit(guide.pk, force)


def _count_pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def guide_render_pdf(*, guide_id: int, force: bool = False) -> str:
    """Render a guide's PDF unless an identical one exists. Returns the outcome."""
    guide = Guide.objects.filter(pk=guide_id).first()
    if guide is None:
        return "missing"
    html = guide_build_html(guide=guide)
    path, digest = stored_pdf_path(
        prefix=f"knowledge/guides/{guide.slug}", html=html, version=TEMPLATE_VERSION
    )
    if not force and guide.pdf_file.name == path and default_storage.exists(path):
        Guide.objects.filter(pk=guide.pk).update(pdf_status=Guide.PdfStatus.READY, pdf_error="")
        return "unchanged"
    try:
        pdf = stored_pdf_render(path=path, html=html, force=True)
        pages = _count_pages(pdf)
    # WeasyPrint and pypdf can fail in many ways (bad markup, fonts, a broken file); every
    # failure is recorded on the guide and the last good file stays.
    except Exception as exc:  # noqa: BLE001
        logger.warning("rendering guide %s failed: %r", guide_id, exc)
        Guide.objects.filter(pk=guide.pk).update(
            pdf_status=Guide.PdfStatus.FAILED, pdf_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        return "failed"
    Guide.objects.filter(pk=guide.pk).update(
        pdf_file=path,
        pdf_hash=digest,
        pdf_status=Guide.PdfStatus.READY,
        pdf_error="",
        pdf_generated_at=timezone.now(),
        pdf_pages=pages,
    )
    return "rendered"
