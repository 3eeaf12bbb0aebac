"""PDF guides: hash naming, no re-rendering of unchanged guides, failures, PDF structure."""

import io

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

import portal.pdf
from knowledge import guides
from knowledge.models import Guide
from tests.knowledge.factories import GuideFactory, GuideSectionFactory, ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    guide = GuideFactory(
        title="Leitfaden Partnerschaften",
        slug="leitfaden",
        introduction="Wie Kommunen **Partnerschaften** mit der Ukraine beginnen.",
    )
    resource = ResourceFactory(
        title="Versmold – Tui",
        slug="versmold",
        body="## Herkunftsstatistik\n\nDie größte Gruppe: Polen.\n\n[SKEW](https://skew.engagement-global.de/)",
    )
    GuideSectionFactory(guide=guide, position=1, resource=resource, heading="")
    GuideSectionFactory(
        guide=guide, position=2, heading="Партнерство громад", text="Досвід громади Малин."
    )
    return guide


def generate(guide, django_capture_on_commit_callbacks, force=False):
    with django_capture_on_commit_callbacks(execute=True):
        guides.guide_request_pdf(guide=guide, force=force)
    guide.refresh_from_db()
    return guide


def test_generated_pdf_has_toc_bookmarks_footer_and_cyrillic(
    guide, client, django_capture_on_commit_callbacks
):
    guide = generate(guide, django_capture_on_commit_callbacks)
    assert guide.pdf_status == Guide.PdfStatus.READY, guide.pdf_error
    assert guide.pdf_file.name == f"knowledge/guides/leitfaden-{guide.pdf_hash[:20]}.pdf"
    response = client.get("/de/wissen/leitfaden/leitfaden/pdf/")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(reader.pages) == guide.pdf_pages >= 4  # cover, toc, intro, 2 chapters
    outline_titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "1. Versmold – Tui" in outline_titles
    assert "2. Партнерство громад" in outline_titles
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Партнерство громад" in text
    assert "Досвід громади Малин" in text
    assert f"Seite 2 von {len(reader.pages)}" in text
    toc_text = reader.pages[1].extract_text()
    assert "Versmold – Tui" in toc_text and "4" in toc_text
    links = [
        annot.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for annot in page.get("/Annots", []) or []
    ]
    assert "https://skew.engagement-global.de/" in links


def test_unchanged_guide_is_not_rendered_again(
    guide, monkeypatch, django_capture_on_commit_callbacks
):
    guide = generate(guide, django_capture_on_commit_callbacks)
    first_name = guide.pdf_file.name

    def fail(**kwargs):
        raise AssertionError("must not render")

    monkeypatch.setattr(portal.pdf, "render_pdf", fail)
    guide = generate(guide, django_capture_on_commit_callbacks)
    assert guide.pdf_status == Guide.PdfStatus.READY
    assert guide.pdf_file.name == first_name


def test_changed_guide_gets_new_file_same_public_url(
    guide, client, django_capture_on_commit_callbacks
):
    guide = generate(guide, django_capture_on_commit_callbacks)
    first_name = guide.pdf_file.name
    guide.title = "Leitfaden Partnerschaften 2024"
    guide.save()
    guide = generate(guide, django_capture_on_commit_callbacks)
    assert guide.pdf_file.name != first_name
    assert guide.get_pdf_url() == "/de/wissen/leitfaden/leitfaden/pdf/"
    pdf = b"".join(client.get(guide.get_pdf_url()).streaming_content)
    cover = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "2024" in cover


def test_failure_keeps_last_good_file_and_records_error(
    guide, monkeypatch, client, django_capture_on_commit_callbacks
):
    guide = generate(guide, django_capture_on_commit_callbacks)
    good_name = guide.pdf_file.name
    guide.title = "Geändert"
    guide.save()

    def broken(**kwargs):
        raise RuntimeError("WeasyPrint ist abgestürzt")

    monkeypatch.setattr(portal.pdf, "render_pdf", broken)
    guide = generate(guide, django_capture_on_commit_callbacks)
    assert guide.pdf_status == Guide.PdfStatus.FAILED
    assert "WeasyPrint ist abgestürzt" in guide.pdf_error
    assert guide.pdf_file.name == good_name
    response = client.get(guide.get_pdf_url())
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    files = default_storage.listdir("knowledge/guides")[1]
    own_language = [f for f in files if not f.startswith(("leitfaden-uk-", "leitfaden-en-"))]
    assert own_language == [good_name.rsplit("/", 1)[-1]]


def test_failure_without_previous_file_gives_404_not_broken_file(
    guide, monkeypatch, client, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(portal.pdf, "render_pdf", lambda **kwargs: b"<html>not a pdf</html>")
    guide = generate(guide, django_capture_on_commit_callbacks)
    assert guide.pdf_status == Guide.PdfStatus.FAILED
    assert not guide.pdf_file
    assert client.get(guide.get_pdf_url()).status_code == 404


def test_guide_page_and_admin_action(guide, client, staff_user, django_capture_on_commit_callbacks):
    assert client.get("/de/wissen/leitfaden/leitfaden/").status_code == 200
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/knowledge/guide/",
            {"action": "generate_pdf", "_selected_action": [guide.pk]},
        )
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.pdf_status == Guide.PdfStatus.READY
    changelist = client.get("/admin/knowledge/guide/").content.decode()
    assert "fertig" in changelist
