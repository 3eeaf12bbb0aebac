"""Print version of a portrait as PDF, rendered by WeasyPrint in a Celery task.

The file is named by a hash of its rendered HTML, so an unchanged portrait is never rendered
twice and any change to its content (text, partners, milestones, language) makes a new one.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from partnerships import selectors
from partnerships.models import Partnership
from portal.pdf import stored_pdf_path, stored_pdf_render

PDF_DIR = "partnerships/pdf"


def portrait_html(*, partnership: Partnership, language: str) -> str:
    with translation.override(language):
        members = list(partnership.members.all())
        return render_to_string(
            "partnerships/pdf.html",
            {
                "partnership": partnership,
                "partners": [m for m in members if m.role != "broker"],
                "brokers": [m for m in members if m.role == "broker"],
                "portrait_sections": selectors.portrait_sections(partnership=partnership),
                "timeline": selectors.portrait_timeline(partnership=partnership),
                "LANGUAGE_CODE": language,
            },
        )


def portrait_pdf_path(*, partnership: Partnership, language: str) -> tuple[str, str]:
    """(storage path, html) of the portrait's PDF for its current content."""
    html = portrait_html(partnership=partnership, language=language)
    path, _digest = stored_pdf_path(prefix=f"{PDF_DIR}/{partnership.slug}-{language}", html=html)
    return path, html


def portrait_pdf_render(*, partnership_id: int, language: str) -> str:
    """Render and store the PDF unless a file for the same content exists; returns its path."""
    partnership = selectors.partnership_detail_queryset().get(pk=partnership_id)
    path, html = portrait_pdf_path(partnership=partnership, language=language)
    stored_pdf_render(path=path, html=html)
    return path
