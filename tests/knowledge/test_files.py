"""Uploads: validation, versions, text extraction (also of broken PDFs)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import services
from knowledge.models import Resource
from knowledge.search import parse_query
from knowledge.selectors import resource_list
from knowledge.validators import MAX_ATTACHMENT_BYTES, validate_attachment
from tests.knowledge.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def text_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(
        string="<h1>Bericht</h1><p>Die Feuerwehren aus Hürth lieferten Ausrüstung.</p>"
    ).write_pdf()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_valid_pdf_is_accepted(text_pdf):
    assert validate_attachment(SimpleUploadedFile("a.pdf", text_pdf)) == "application/pdf"


def test_docx_is_accepted():
    mime = validate_attachment(SimpleUploadedFile("a.docx", docx_bytes()))
    assert mime.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("rechnung.pdf", b"MZ\x90\x00 this is an executable", "mismatch"),
        ("notiz.pdf", b"just some text pretending", "mismatch"),
        ("tabelle.docx", b"%PDF-1.4 a pdf named docx", "mismatch"),
        ("programm.exe", b"MZ\x90\x00", "extension"),
        ("ohne_endung", b"%PDF-1.4", "extension"),
        ("leer.pdf", b"", "empty"),
    ],
)
def test_wrong_types_are_rejected_with_clear_message(name, content, code):
    with pytest.raises(ValidationError) as info:
        validate_attachment(SimpleUploadedFile(name, content))
    assert info.value.code == code
    assert info.value.messages[0]


def test_oversized_file_is_rejected():
    content = b"%PDF-1.4\n" + b"0" * (MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(ValidationError) as info:
        validate_attachment(SimpleUploadedFile("gross.pdf", content))
    assert info.value.code == "too_large"
    assert "25" in info.value.messages[0]


def test_rejected_upload_changes_nothing():
    resource = ResourceFactory()
    with pytest.raises(ValidationError):
        services.resource_attach_file(
            resource=resource, uploaded=SimpleUploadedFile("x.pdf", b"not a pdf")
        )
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


def test_broken_pdf_still_saves_and_records_failure(django_capture_on_commit_callbacks):
    resource = ResourceFactory(slug="kaputt")
    broken = b"%PDF-1.7\n" + b"\x00garbage" * 200
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_attach_file(
            resource=resource, uploaded=SimpleUploadedFile("kaputt.pdf", broken)
        )
    resource.refresh_from_db()
    assert resource.current_file is not None
    assert resource.extraction_status == Resource.Extraction.FAILED
    assert resource.extraction_error
    assert resource.extracted_text == ""


def test_office_file_is_kept_without_extraction(django_capture_on_commit_callbacks):
    resource = ResourceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_attach_file(
            resource=resource, uploaded=SimpleUploadedFile("plan.docx", docx_bytes())
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


def test_admin_upload_rejects_fake_pdf_and_keeps_input(client, staff_user):
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
            "new_attachment": SimpleUploadedFile("fake.pdf", b"<html>nope</html>"),
            "files-TOTAL_FORMS": "0",
            "files-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "passt nicht zur Endung" in content
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
    assert len(callbacks) == 1  # queued after the commit, only for the resource with a file
    callbacks[0]()
    resource.refresh_from_db()
    assert resource.extraction_status == Resource.Extraction.DONE
    assert "Feuerwehren" in resource.extracted_text
