"""Render HTML to PDF with WeasyPrint, safely, and keep each PDF under a name by its content.

Documents are rendered in Celery tasks declared with ``PDF_TASK_OPTIONS``: a hard time limit
kills a process that renders too long, a task whose process died is not delivered again (a
pathological document cannot loop), and the worker replaces a process that grew past
``CELERY_WORKER_MAX_MEMORY_PER_CHILD``. WeasyPrint is imported once per process, so no
document pays its start-up again.

The URL fetcher serves only the portal's own static and media files and ``data:`` URIs;
nothing is fetched from the network. In templates, reference assets by their normal URLs
(``{% static %}``, ``file.url``) and pass no ``base_url``: relative URLs are resolved
against an internal origin that only the fetcher understands.
"""

import hashlib
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

INTERNAL_ORIGIN = "https://portal.internal/"

# For every task that renders PDFs: a hard limit on its time, no second delivery of a task
# whose worker process died while rendering.
PDF_TASK_OPTIONS = {
    "time_limit": 180,
    "soft_time_limit": 150,
    "acks_late": True,
    "reject_on_worker_lost": False,
}


class PdfRenderError(RuntimeError):
    """The document could not be rendered (a WeasyPrint error, no PDF)."""


def _static_roots() -> list[tuple[str, Path]]:
    """(URL prefix below STATIC_URL, directory) pairs, the collected root first."""
    roots: list[tuple[str, Path]] = []
    if settings.STATIC_ROOT and Path(settings.STATIC_ROOT).is_dir():
        roots.append(("", Path(settings.STATIC_ROOT)))
    for finder in get_finders():
        for prefix, root in getattr(finder, "locations", []):  # FileSystemFinder
            roots.append((prefix.strip("/"), Path(root)))
        for storage in getattr(finder, "storages", {}).values():  # AppDirectoriesFinder
            location = getattr(storage, "location", None)
            if location and Path(location).is_dir():
                roots.append(("", Path(location)))
    return list(dict.fromkeys(roots))


def _file(root: Path, relative: str) -> Path:
    candidate = (root / relative).resolve()
    if root.resolve() not in candidate.parents or not candidate.is_file():
        raise FileNotFoundError(relative)
    return candidate


def _local_file(path: str) -> Path:
    """The file behind a /static/ or /media/ URL path (never outside those roots)."""
    if path.startswith(settings.MEDIA_URL):
        return _file(Path(settings.MEDIA_ROOT), path[len(settings.MEDIA_URL) :])
    if path.startswith(settings.STATIC_URL):
        relative = path[len(settings.STATIC_URL) :]
        for prefix, root in _static_roots():
            if prefix and not relative.startswith(prefix + "/"):
                continue
            try:
                return _file(root, relative[len(prefix) + 1 :] if prefix else relative)
            except FileNotFoundError:
                continue
    raise FileNotFoundError(path)


def _local_only_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    origin = urlsplit(INTERNAL_ORIGIN).netloc

    class LocalOnlyFetcher(URLFetcher):
        """Serves data: URIs and the portal's own static/media files; refuses the rest."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme != "https" or parts.netloc != origin:
                raise ValueError(f"external resource refused: {url}")
            path = _local_file(unquote(parts.path))
            mime, _ = mimetypes.guess_type(path.name)
            return URLFetcherResponse(
                url, path.read_bytes(), {"Content-Type": mime or "application/octet-stream"}
            )

    return LocalOnlyFetcher(timeout=1, allowed_protocols={"data", "https"})


def render_pdf(*, html: str) -> bytes:
    """Render ``html`` to PDF bytes; raises ``PdfRenderError`` on any failure.

    Call it from a task declared with ``PDF_TASK_OPTIONS`` (its time limit applies there).
    """
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        document = HTML(string=html, base_url=INTERNAL_ORIGIN, url_fetcher=_local_only_fetcher())
        return document.write_pdf()
    except Exception as exc:  # WeasyPrint fails in many ways (markup, fonts, images)
        raise PdfRenderError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from exc


def stored_pdf_path(*, prefix: str, html: str, version: str = "") -> tuple[str, str]:
    """(storage path, hash) of the PDF of ``html``: ``<prefix>-<hash>.pdf``, the SHA-256 of
    the HTML and ``version`` (bumped when the template's CSS changes). An unchanged document
    keeps its file; any change of content makes a new one."""
    digest = hashlib.sha256(f"{version}\n{html}".encode()).hexdigest()
    return f"{prefix}-{digest[:20]}.pdf", digest


def stored_pdf_render(*, path: str, html: str, force: bool = False) -> bytes | None:
    """Render ``html`` and store it at ``path`` unless a file is there already (``force``:
    render again). Returns the new PDF, or None when the stored file was kept."""
    if not force and default_storage.exists(path):
        return None
    pdf = render_pdf(html=html)
    if not pdf.startswith(b"%PDF"):
        raise PdfRenderError("the renderer returned no PDF")
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(pdf))
    return pdf
