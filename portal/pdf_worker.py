"""The PDF renderer process behind ``portal.pdf.render_pdf``.

``python -m portal.pdf_worker`` is a small fork server: it imports WeasyPrint once, warms
up fonts with a document of its own, then reads jobs (length-prefixed JSON) from stdin.
Each job is rendered in a freshly forked child with an address-space cap; the server
waits for it at most ``timeout`` seconds (then kills it) and answers on stdout with a
status byte and the PDF or the error. A pathological document can therefore kill only its
own child, never the server or the Celery worker, and no job pays Python's and
WeasyPrint's start-up again.

Does not set up Django; everything it needs comes in the job.
"""

import json
import logging
import mimetypes
import os
import resource
import select
import signal
import sys
import time
import traceback
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from portal.pdf_protocol import FAILED, OK, read_frame, write_frame


class LocalOnlyFetcher(URLFetcher):
    """Serves data: URIs and the portal's own static/media files; refuses everything else."""

    def __init__(self, job: dict):
        super().__init__(timeout=1, allowed_protocols={"data", "https"})
        self.origin = urlsplit(job["internal_origin"]).netloc
        self.static_url = job["static_url"]
        self.media_url = job["media_url"]
        self.static_roots = [(p, Path(r)) for p, r in job["static_roots"]]
        self.media_root = Path(job["media_root"])

    def _file(self, root: Path, relative: str) -> Path:
        candidate = (root / relative).resolve()
        if root.resolve() not in candidate.parents or not candidate.is_file():
            raise FileNotFoundError(relative)
        return candidate

    def _lookup(self, path: str) -> Path:
        if path.startswith(self.media_url):
            return self._file(self.media_root, path[len(self.media_url) :])
        if path.startswith(self.static_url):
            relative = path[len(self.static_url) :]
            for prefix, root in self.static_roots:
                if prefix and not relative.startswith(prefix + "/"):
                    continue
                try:
                    return self._file(root, relative[len(prefix) + 1 :] if prefix else relative)
                except FileNotFoundError:
                    continue
        raise FileNotFoundError(path)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.netloc != self.origin:
            raise ValueError(f"external resource refused: {url}")
        path = self._lookup(unquote(parts.path))
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url, path.read_bytes(), {"Content-Type": mime or "application/octet-stream"}
        )


WARM_UP = "<html><body><h1>Partnerschaft</h1><p>Партнерство <b>Städte</b></p></body></html>"


def render(job: dict) -> bytes:
    document = HTML(string=job["html"], base_url=job["base_url"], url_fetcher=LocalOnlyFetcher(job))
    return document.write_pdf()


def _child(job: dict, out_fd: int) -> None:
    """Runs in the forked child: cap memory, render, write status + result, exit."""
    # The child starts with the server's memory (WeasyPrint loaded); the cap is what a
    # document may add to that.
    pages = int(Path("/proc/self/statm").read_text().split()[0])
    limit = pages * resource.getpagesize() + job["memory_mb"] * 1024 * 1024
    status, data = FAILED, b"unknown error"
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        data, status = render(job), OK
    except MemoryError:
        data = f"stopped (memory cap: {job['memory_mb']} MB more than the renderer)".encode()
    except BaseException as exc:  # noqa: BLE001 - reported to the caller, child exits
        data = "".join(traceback.format_exception_only(exc)).strip().encode(errors="replace")
    try:
        with os.fdopen(out_fd, "wb") as out:
            out.write(status + data)
    finally:
        os._exit(0)


def _collect(pid: int, in_fd: int, timeout: float) -> tuple[bytes, bytes]:
    """Read the child's answer within ``timeout`` seconds; kill it when time is up."""
    deadline = time.monotonic() + timeout
    chunks = []
    with os.fdopen(in_fd, "rb", buffering=0) as pipe:
        while True:
            remaining = deadline - time.monotonic()
            ready = select.select([pipe], [], [], max(remaining, 0))[0] if remaining > 0 else []
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return FAILED, f"PDF rendering took longer than {timeout:g} s".encode()
            chunk = pipe.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, wait_status = os.waitpid(pid, 0)
    answer = b"".join(chunks)
    if not answer:
        code = os.waitstatus_to_exitcode(wait_status)
        return FAILED, f"stopped (memory cap or signal {-code if code < 0 else code})".encode()
    return answer[:1], answer[1:]


def serve() -> None:
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    HTML(string=WARM_UP).write_pdf()  # fonts and caches loaded once, shared by every fork
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while (frame := read_frame(stdin)) is not None:
        job = json.loads(frame)
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(job, write_fd)
        os.close(write_fd)
        status, data = _collect(pid, read_fd, job["timeout"])
        write_frame(stdout, status + data)


if __name__ == "__main__":
    serve()
