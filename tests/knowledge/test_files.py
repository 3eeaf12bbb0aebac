"""Uploads: validation, versions, text extraction (also of broken PDFs)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import services
from knowledge.models import Resource
from knowledge.search import parse_query
from knowledge.selectors import resource_list
from tests.callbacks import without_page_cache
from tests.knowledge.factories import ResourceFactory
from tests.upload_samples import ooxml_bytes, pdf_bytes, polyglot_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def text_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(
        string="<h1>Bericht</h1><p>Die Feuerwehren aus Hürth lieferten Ausrüstung.</p>"
    ).write_pdf()


def test_attachment_is_stored_under_a_random_name_with_its_original_name_kept():
    resource = ResourceFactory()
    resource_file = services.resource_attach_file(
        resource=resource, uploaded=upload("Bericht Müller 2026.docx", ooxml_bytes("docx"))
    )
    assert re.fullmatch(r"knowledge/resources/[0-9a-f]{32}\.docx", resource_file.file.name)
    assert resource_file.original_name == "Bericht Müller 2026.docx"
    assert resource_file.content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content"),
    [("polyglot.pdf", polyglot_bytes()), ("polyglot.html", polyglot_bytes())],
)
def test_polyglot_attachment_is_refused(name, content):
    resource = ResourceFactory()
    with pytest.raises(ValidationError):
        services.resource_attach_file(resource=resource, uploaded=upload(name, content))
    assert resource.files.count() == 0


def test_rejected_upload_changes_nothing():
    resource = ResourceFactory()
    with pytest.raises(ValidationError):
        services.resource_attach_file(resource=resource, uploaded=upload("x.pdf", b"not a pdf"))
    assert resource.files.count() == 0
    resource.refresh_from_db()
    assert resource.current_file is None


def test_pdf_text_is_extracted_after_commit_and_searchable(
    text_pdf, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(title="Anhang", slug="anhang", summary="", body="")
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_attach_file(
            resource=resource, uploaded=SimpleUploadedFile("bericht.pdf", text_pdf)
        )
    resource.refresh_from_db()
    assert resource.extraction_status == Resource.Extraction.DONE
    assert "Feuerwehren" in resource.extracted_text
    found = list(resource_list(parsed=parse_query("Feuerwehr")))
    assert [r.slug for r in found] == ["anhang"]


def test_broken_pdf_from_before_the_check_records_failure(django_capture_on_commit_callbacks):
    """Broken PDFs are refused at upload now; one stored earlier still fails gracefully."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    resource = ResourceFactory(slug="kaputt")
    resource_file = services.resource_attach_file(
        resource=resource, uploaded=upload("kaputt.pdf", pdf_bytes())
    )
    default_storage.delete(resource_file.file.name)
    default_storage.save(resource_file.file.name, ContentFile(b"%PDF-1.7\n" + b"\x00garbage" * 9))
    assert services.resource_extract_text(resource_id=resource.pk) == Resource.Extraction.FAILED
    resource.refresh_from_db()
    assert resource.current_file is not None
    assert resource.extraction_error
    assert resource.extracted_text == ""


def test_office_file_is_kept_without_extraction(django_capture_on_commit_callbacks):
    resource = ResourceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_attach_file(
            resource=resource, uploaded=upload("plan.docx", ooxml_bytes("docx"))
        )
    resource.refresh_from_db()
    assert resource.extraction_status == Resource.Extraction.UNSUPPORTED


def test_stale_extraction_for_replaced_file_does_nothing(text_pdf):
    resource = ResourceFactory()
    first = services.resource_attach_file(
        resource=resource, uploaded=SimpleUploadedFile("a.pdf", text_pdf)
    )
    services.resource_attach_file(resource=resource, uploaded=SimpleUploadedFile("b.pdf", text_pdf))
    assert services.resource_extract_text(resource_id=resource.pk, file_id=first.pk) == "stale"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\n1 0 obj<<>>endobj", "keine echte PDF-Datei"),
        (polyglot_bytes(), "Webseiten-Code"),
    ],
)
def test_admin_upload_rejects_fake_pdf_and_keeps_input(client, staff_user, content, message):
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    resource = ResourceFactory(slug="admin-upload")
    response = client.post(
        f"/admin/knowledge/resource/{resource.pk}/change/",
        {
            "kind": "publication",
            "title_de": "Neuer Titel",
            "slug": "admin-upload",
            "language": "de",
            "state": "published",
            "published_at_0": "2024-01-01",
            "published_at_1": "10:00:00",
            "new_attachment": SimpleUploadedFile("fake.pdf", content),
            "files-TOTAL_FORMS": "0",
            "files-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Neuer Titel" in content
    assert resource.files.count() == 0


def test_admin_reads_the_text_again_after_the_commit(
    client, staff_user, text_pdf, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(slug="nochmal")
    without_file = ResourceFactory(slug="ohne-datei")
    with django_capture_on_commit_callbacks(execute=False):
        services.resource_attach_file(
            resource=resource, uploaded=SimpleUploadedFile("bericht.pdf", text_pdf)
        )
    resource.refresh_from_db()
    assert resource.extraction_status == Resource.Extraction.PENDING
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            "/admin/knowledge/resource/",
            {
                "action": "reextract_resources",
                "_selected_action": [resource.pk, without_file.pk],
            },
        )
    assert response.status_code == 302
    # queued after the commit, only for the resource with a file
    (reextract,) = without_page_cache(callbacks)
    reextract()
    resource.refresh_from_db()
    assert resource.extraction_status == Resource.Extraction.DONE
    assert "Feuerwehren" in resource.extracted_text
