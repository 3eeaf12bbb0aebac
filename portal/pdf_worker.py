"""Child process of ``portal.pdf.render_pdf``: reads a JSON job on stdin, writes a PDF.

Does not set up Django; everything it needs comes in the job.
"""

import json
import logging
import mimetypes
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


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


def main() -> None:
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    job = json.loads(sys.stdin.buffer.read())
    document = HTML(string=job["html"], base_url=job["base_url"], url_fetcher=LocalOnlyFetcher(job))
    sys.stdout.buffer.write(document.write_pdf())


if __name__ == "__main__":
    main()
