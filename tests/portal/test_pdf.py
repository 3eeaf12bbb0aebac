import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from pypdf import PdfReader

from portal.pdf import PdfRenderError, render_pdf


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
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    # An unreadable resource is skipped, not served: rendering still succeeds.
    assert render_pdf(html='<img src="/media/../../etc/passwd" alt="">').startswith(b"%PDF")


def test_timeout_is_enforced():
    huge = "<table>" + "<tr><td>x</td></tr>" * 200_000 + "</table>"
    with pytest.raises(PdfRenderError, match="longer than"):
        render_pdf(html=huge, timeout=1)


def test_memory_cap_is_enforced():
    # A 3,000-row table needs ~130 MB more than the renderer holds (measured): refused under
    # a 20 MB cap (as MemoryError, a C library's error or a signal, depending on where the
    # allocation fails), while a small document renders under the same cap.
    table = "<table>" + "<tr><td>x</td><td>y</td></tr>" * 3000 + "</table>"
    with pytest.raises(PdfRenderError):
        render_pdf(html=table, memory_mb=20)
    assert "Hallo" in _text(render_pdf(html="<p>Hallo</p>", memory_mb=20))


def test_one_renderer_process_serves_every_document_and_survives_a_killed_job():
    from portal import pdf

    render_pdf(html="<p>eins</p>")
    server = pdf._server._process
    with pytest.raises(PdfRenderError, match="longer than"):
        render_pdf(html="<table>" + "<tr><td>x</td></tr>" * 200_000 + "</table>", timeout=1)
    assert "zwei" in _text(render_pdf(html="<p>zwei</p>"))
    assert pdf._server._process is server  # the job's child was killed, not the server


def test_a_dead_renderer_process_is_replaced():
    from portal import pdf

    render_pdf(html="<p>eins</p>")
    pdf._server._process.kill()
    pdf._server._process.wait()
    assert "drei" in _text(render_pdf(html="<p>drei</p>"))
