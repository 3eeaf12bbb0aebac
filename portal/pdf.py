"""Render HTML to PDF with WeasyPrint, safely.

Rendering runs outside the calling process: ``python -m portal.pdf_worker`` is a fork
server, started once per process on first use, that forks a child per document with a
wall-clock timeout and an address-space cap, so a pathological document cannot take down a
Celery worker, and no document pays Python's and WeasyPrint's start-up (about 2 s here).
The child's URL fetcher serves only the portal's own static and media files and ``data:``
URIs; nothing is fetched from the network.

In templates, reference assets by their normal URLs (``{% static %}``, ``file.url``) and
pass no ``base_url``: relative URLs are resolved against an internal origin that only the
fetcher understands.
"""

import json
import os
import select
import subprocess
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders

from portal import pdf_protocol

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


class _RendererServer:
    """The fork server of this process (restarted if it died; one job at a time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._owner = 0

    def _alive(self) -> bool:
        return (
            self._process is not None
            and self._owner == os.getpid()  # a forked worker starts its own server
            and self._process.poll() is None
        )

    def _start(self) -> subprocess.Popen:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "portal.pdf_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=str(settings.BASE_DIR),
        )
        self._owner = os.getpid()
        return self._process

    def run(self, job: dict, timeout: float) -> bytes:
        with self._lock:
            process = self._process if self._alive() else self._start()
            try:
                pdf_protocol.write_frame(process.stdin, json.dumps(job).encode())
                # The server enforces ``timeout`` on the child; the margin covers its own
                # start-up on first use. Past it, the server itself is replaced.
                ready = select.select([process.stdout], [], [], timeout + SERVER_MARGIN)[0]
                answer = pdf_protocol.read_frame(process.stdout) if ready else None
            except OSError:
                answer = None
            if answer is None:
                process.kill()
                process.wait()
                self._process = None
                raise PdfRenderError("PDF renderer did not answer")
        status, data = answer[:1], answer[1:]
        if status != pdf_protocol.OK or not data.startswith(b"%PDF"):
            raise PdfRenderError("PDF rendering failed: " + data.decode(errors="replace")[-500:])
        return data


SERVER_MARGIN = 30
_server = _RendererServer()


def render_pdf(
    *, html: str, base_url: str | None = None, timeout: int = 60, memory_mb: int = 1024
) -> bytes:
    """Render ``html`` to PDF bytes; raises ``PdfRenderError`` on any failure.

    ``timeout``: seconds of wall-clock time; ``memory_mb``: how much memory the document may
    take on top of the renderer's own (its child's address space is capped there).
    """
    job = {
        "html": html,
        "base_url": base_url or INTERNAL_ORIGIN,
        "internal_origin": INTERNAL_ORIGIN,
        "static_url": settings.STATIC_URL,
        "media_url": settings.MEDIA_URL,
        "static_roots": _static_roots(),
        "media_root": str(settings.MEDIA_ROOT),
        "timeout": timeout,
        "memory_mb": memory_mb,
    }
    return _server.run(job, timeout)
