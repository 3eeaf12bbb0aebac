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
from portal import languages
from portal.pdf import stored_pdf_path, stored_pdf_render

logger = logging.getLogger(__name__)

# Bump when the PDF template or its CSS changes so that every guide is rendered again.
TEMPLATE_VERSION = "1"


def _marked_markdown(obj, field: str) -> str:
    """A translated Markdown field for the active language; German fallback text is wrapped
    in ``lang="de"`` with a note (as ``{% content %}`` does on the web pages)."""
    from portal.templatetags.portal_tags import content

    return str(content(obj, field, markdown=True))


def guide_has_language(*, guide: Guide, language: str) -> bool:
    """Whether any of the guide's own text exists in ``language`` (else its PDF in that
    language is the German text with a note)."""
    if language == languages.SOURCE:
        return True
    if any(getattr(guide, f"{f}_{language}", "") for f in ("title", "subtitle", "introduction")):
        return True
    for section in guide.sections.select_related("resource"):
        if getattr(section, f"heading_{language}", "") or getattr(section, f"text_{language}", ""):
            return True
        resource = section.resource
        if resource is not None and any(
            getattr(resource, f"{f}_{language}", "") for f in ("title", "summary", "body")
        ):
            return True
    return False


def guide_context(*, guide: Guide) -> dict:
    language = languages.active()
    sections = []
    for number, section in enumerate(
        guide.sections.select_related("resource").order_by("position", "id"),
        start=1,
    ):
        resource = section.resource
        parts = []
        if resource is not None:
            parts.append(_marked_markdown(resource, "summary"))
            parts.append(_marked_markdown(resource, "body"))
        parts.append(_marked_markdown(section, "text"))
        sections.append(
            {
                "number": number,
                "anchor": f"kapitel-{number}",
                "heading": section.display_heading,
                "heading_language": languages.shown(
                    section if section.heading else resource,
                    "heading" if section.heading else "title",
                )[1],
                "html": "\n".join(part for part in parts if part),
                "resource": resource,
                "url": (
                    settings.SITE_URL + resource.get_absolute_url() if resource is not None else ""
                ),
            }
        )
    return {
        "guide": guide,
        "introduction_html": _marked_markdown(guide, "introduction"),
        "only_german": not guide_has_language(guide=guide, language=language),
        "LANGUAGE_CODE": language,
        "sections": sections,
        "site_url": settings.SITE_URL,
        "public_url": settings.SITE_URL + guide.get_absolute_url(),
    }


def guide_build_html(*, guide: Guide, language: str | None = None) -> str:
    """The guide's PDF source in ``language`` (default: its own PDF language)."""
    with translation.override(language or guide.language or settings.LANGUAGE_CODE):
        return render_to_string("knowledge/guide_pdf.html", guide_context(guide=guide))


def guide_language_pdf_path(*, guide: Guide, language: str) -> tuple[str, str]:
    """(storage path, html) of the guide's PDF in another language than its own, named by
    the hash of its HTML as the portrait PDFs are, so a change makes a new file."""
    html = guide_build_html(guide=guide, language=language)
    path, _digest = stored_pdf_path(
        prefix=f"knowledge/guides/{guide.slug}-{language}", html=html, version=TEMPLATE_VERSION
    )
    return path, html


def guide_language_render_pdf(*, guide_id: int, language: str) -> str:
    """Render the guide's PDF in ``language`` unless the file for its content exists."""
    guide = Guide.objects.filter(pk=guide_id).first()
    if guide is None:
        return "missing"
    path, html = guide_language_pdf_path(guide=guide, language=language)
    try:
        pdf = stored_pdf_render(path=path, html=html)
    # As in guide_render_pdf: every renderer failure is logged, the last good file stays.
    except Exception as exc:  # noqa: BLE001
        logger.warning("rendering guide %s in %s failed: %r", guide_id, language, exc)
        return "failed"
    return "unchanged" if pdf is None else "rendered"


def guide_request_pdf(*, guide: Guide, force: bool = False) -> None:
    """Mark the guide pending and queue its rendering after the commit.

    The current file (if any) stays public until the new one is ready.
    """
    from knowledge.tasks import render_guide_language_pdf, render_guide_pdf

    Guide.objects.filter(pk=guide.pk).update(pdf_status=Guide.PdfStatus.PENDING, pdf_error="")
    guide.pdf_status = Guide.PdfStatus.PENDING
    render_guide_pdf.delay_on_commit(guide.pk, force)
    for language in languages.CODES:
        if language != guide.language:
            render_guide_language_pdf.delay_on_commit(guide.pk, language)


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
