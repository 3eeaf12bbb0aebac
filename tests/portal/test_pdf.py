import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.conf import settings
from pypdf import PdfReader

from portal.pdf import PDF_TASK_OPTIONS, PdfRenderError, render_pdf


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_renders_cyrillic_and_the_portal_stylesheet():
    html = (
        '<html><head><link rel="stylesheet" href="/static/css/portal.css"></head>'
        "<body><h1>Партнерство Дуйсбург – Кривий Ріг</h1><p>Städtepartnerschaft</p></body></html>"
    )
    pdf = render_pdf(html=html)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "Кривий Ріг" in text
    assert "Städtepartnerschaft" in text


def test_serves_media_files_but_never_the_network(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10"/></svg>'
    )
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        html = (
            f'<img src="/media/logo.svg" alt="x">'
            f'<img src="http://127.0.0.1:{server.server_port}/tracker.png" alt="y">'
            f'<link rel="stylesheet" href="http://127.0.0.1:{server.server_port}/x.css">'
        )
        assert render_pdf(html=html).startswith(b"%PDF")
    finally:
        server.shutdown()
    assert hits == []


def test_path_traversal_outside_media_is_refused(settings, tmp_path):
    from portal import pdf

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    with pytest.raises(FileNotFoundError):
        pdf._local_file("/media/../../etc/passwd")
    # An unreadable resource is skipped, not served: rendering still succeeds.
    assert render_pdf(html='<img src="/media/../../etc/passwd" alt="">').startswith(b"%PDF")


def test_a_broken_document_raises_a_render_error(monkeypatch):
    import weasyprint

    def broken(self, *args, **kwargs):
        raise ValueError("kaputt")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    with pytest.raises(PdfRenderError, match="kaputt"):
        render_pdf(html="<p>x</p>")


def test_pdf_tasks_have_a_time_limit_and_are_not_redelivered_after_a_crash():
    """Isolation comes from Celery: a hard time limit per rendering task, no second delivery
    of a task whose worker process died (no poison loop), and worker processes replaced
    once they grew past the memory limit."""
    from knowledge.tasks import render_guide_pdf
    from partnerships.tasks import render_portrait_pdf

    for task in (render_guide_pdf, render_portrait_pdf):
        assert task.time_limit == PDF_TASK_OPTIONS["time_limit"] > 0
        assert 0 < task.soft_time_limit < task.time_limit
        assert task.reject_on_worker_lost is False
    assert settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD > 0
