"""Print version of a portrait as PDF, rendered by WeasyPrint in a Celery task.

The file is named by a hash of its rendered HTML, so an unchanged portrait is never rendered
twice and any change to its content (text, partners, milestones, language) makes a new one.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

from partnerships import selectors
from partnerships.models import Partnership

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
    digest = hashlib.sha256(html.encode()).hexdigest()[:20]
    return f"{PDF_DIR}/{partnership.slug}-{language}-{digest}.pdf", html


def portrait_pdf_render(*, partnership_id: int, language: str) -> str:
    """Render and store the PDF unless a file for the same content exists; returns its path."""
    from portal.pdf import render_pdf

    partnership = selectors.partnership_detail_queryset().get(pk=partnership_id)
    path, html = portrait_pdf_path(partnership=partnership, language=language)
    if not default_storage.exists(path):
        pdf = render_pdf(html=html)
        default_storage.save(path, ContentFile(pdf))
    return path
