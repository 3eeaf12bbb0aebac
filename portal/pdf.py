"""Render HTML to PDF with WeasyPrint, safely.

Rendering runs in a child process (``python -m portal.pdf_worker``) with a wall-clock
timeout and an address-space cap, so a pathological document cannot take down a Celery
worker. The child's URL fetcher serves only the portal's own static and media files and
``data:`` URIs; nothing is fetched from the network.

In templates, reference assets by their normal URLs (``{% static %}``, ``file.url``) and
pass no ``base_url``: relative URLs are resolved against an internal origin that only the
fetcher understands.
"""

import json
import resource
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders

INTERNAL_ORIGIN = "https://portal.internal/"


class PdfRenderError(RuntimeError):
    """The document could not be rendered (timeout, memory cap, WeasyPrint error)."""


def _static_roots() -> list[tuple[str, str]]:
    """(URL prefix below STATIC_URL, directory) pairs, the collected root first."""
    roots: list[tuple[str, str]] = []
    if settings.STATIC_ROOT and Path(settings.STATIC_ROOT).is_dir():
        roots.append(("", str(settings.STATIC_ROOT)))
    for finder in get_finders():
        for prefix_dir in getattr(finder, "locations", []):  # FileSystemFinder: (prefix, root)
            prefix, root = prefix_dir
            roots.append((prefix.strip("/"), str(root)))
        for storage in getattr(finder, "storages", {}).values():  # AppDirectoriesFinder
            location = getattr(storage, "location", None)
            if location and Path(location).is_dir():
                roots.append(("", str(location)))
    seen, unique = set(), []
    for item in roots:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


def render_pdf(
    *, html: str, base_url: str | None = None, timeout: int = 60, memory_mb: int = 1024
) -> bytes:
    """Render ``html`` to PDF bytes; raises ``PdfRenderError`` on any failure."""
    payload = json.dumps(
        {
            "html": html,
            "base_url": base_url or INTERNAL_ORIGIN,
            "internal_origin": INTERNAL_ORIGIN,
            "static_url": settings.STATIC_URL,
            "media_url": settings.MEDIA_URL,
            "static_roots": _static_roots(),
            "media_root": str(settings.MEDIA_ROOT),
        }
    ).encode()
    limit = memory_mb * 1024 * 1024

    def cap_memory() -> None:  # runs in the child before exec
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    try:
        result = subprocess.run(
            [sys.executable, "-m", "portal.pdf_worker"],
            input=payload,
            capture_output=True,
            timeout=timeout,
            preexec_fn=cap_memory,
            cwd=str(settings.BASE_DIR),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise PdfRenderError(f"PDF rendering took longer than {timeout} s") from exc
    if result.returncode != 0 or not result.stdout.startswith(b"%PDF"):
        detail = result.stderr.decode(errors="replace").strip().splitlines()[-3:]
        if result.returncode < 0 or "MemoryError" in " ".join(detail):
            detail.insert(0, f"stopped (memory cap {memory_mb} MB or signal {-result.returncode})")
        raise PdfRenderError("PDF rendering failed: " + " | ".join(detail))
    return result.stdout
