"""/media/: only what the visitor may see, with headers that never let a file act as a page."""

import pytest
from django.urls import reverse

from events.models import Event
from knowledge import services as knowledge_services
from partnerships import services as partnership_services
from partnerships.models import Partnership
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.knowledge.factories import ResourceFactory
from tests.partnerships.factories import EditorFactory, PartnershipFactory
from tests.upload_samples import image_bytes, ooxml_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _assert_safe(response, *, inline: bool, sandbox: bool = True):
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert ("sandbox" in policy) is sandbox
    assert response["Content-Disposition"].startswith("inline" if inline else "attachment")


@pytest.fixture
def draft():
    partnership = PartnershipFactory(publication_state=Partnership.Publication.DRAFT)
    document = partnership.documents.create(title="Vertrag", file=upload("v.pdf", pdf_bytes()))
    image = partnership.images.create(
        file=upload("foto.png", image_bytes()), alt_text="Foto", credit="Stadt"
    )
    return partnership, document, image


def test_published_image_and_pdf_are_served_inline_with_safe_headers(client):
    partnership = PartnershipFactory()
    image = partnership.images.create(file=upload("f.png", image_bytes()), alt_text="a", credit="b")
    document = partnership.documents.create(title="V", file=upload("v.pdf", pdf_bytes()))

    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    _assert_safe(response, inline=True)
    assert response["Cache-Control"].startswith("public, max-age=")
    with image.file.open("rb") as handle:
        assert _body(response) == handle.read()

    response = client.get(document.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    _assert_safe(response, inline=True, sandbox=False)  # PDF viewers do not run sandboxed
    assert _body(response).startswith(b"%PDF-")


def test_event_slides_other_than_pdf_are_a_download(client):
    event = EventFactory(slides=upload("folien.pptx", ooxml_bytes("pptx")))
    response = client.get(event.slides.url)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("presentationml.presentation")
    _assert_safe(response, inline=False)


def test_draft_files_are_404_for_the_public_and_200_for_staff_and_editors(
    client, staff_user, draft
):
    partnership, document, image = draft
    stranger = UserFactory()
    editor = EditorFactory(actor=partnership.members.first().actor).user
    for item in (document, image):
        client.logout()
        assert client.get(item.file.url).status_code == 404
        client.force_login(stranger)
        assert client.get(item.file.url).status_code == 404
        for user in (staff_user, editor):
            client.force_login(user)
            response = client.get(item.file.url)
            assert response.status_code == 200
            assert response["Cache-Control"] == "private, no-cache"


def test_publication_makes_the_files_public_at_once(client, staff_user, draft):
    partnership, document, image = draft
    assert client.get(document.file.url).status_code == 404
    partnership_services.partnership_publish(partnership=partnership, by=staff_user)
    assert client.get(document.file.url).status_code == 200
    assert client.get(image.file.url).status_code == 200
    partnership.publication_state = Partnership.Publication.REVIEW
    partnership.save()
    assert client.get(document.file.url).status_code == 404


def test_replaced_and_deleted_files_are_gone_for_the_public(client):
    partnership = PartnershipFactory()
    document = partnership.documents.create(title="V", file=upload("v1.pdf", pdf_bytes()))
    old_url = document.file.url
    assert client.get(old_url).status_code == 200
    document.file = upload("v2.pdf", pdf_bytes(2))
    document.save()
    assert document.file.url != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(document.file.url).status_code == 200
    url = document.file.url
    document.delete()
    assert client.get(url).status_code == 404


def test_draft_event_materials_are_404_until_published(client, staff_user):
    event = EventFactory(status=Event.Status.DRAFT, slides=upload("f.pdf", pdf_bytes()))
    assert client.get(event.slides.url).status_code == 404
    client.force_login(staff_user)
    assert client.get(event.slides.url).status_code == 200
    client.logout()
    event.status = Event.Status.PUBLISHED
    event.save()
    assert client.get(event.slides.url).status_code == 200


def test_unpublished_library_attachment_is_404_for_the_public(client, staff_user):
    resource = ResourceFactory(slug="in-pruefung", state="review")
    resource_file = knowledge_services.resource_attach_file(
        resource=resource, uploaded=upload("studie.pdf", pdf_bytes())
    )
    for url in (resource_file.file.url, resource.get_download_url()):
        assert client.get(url).status_code == 404
    client.force_login(staff_user)
    for url in (resource_file.file.url, resource.get_download_url()):
        assert client.get(url).status_code == 200
    client.logout()
    knowledge_services.resource_publish(resource=resource, user=staff_user)
    response = client.get(resource.get_download_url())
    assert response.status_code == 200
    _assert_safe(response, inline=True, sandbox=False)
    assert 'filename="studie.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-cache"


def test_office_attachment_download_keeps_its_name_and_is_never_inline(client, staff_user):
    resource = ResourceFactory(slug="plan", state="published")
    knowledge_services.resource_attach_file(
        resource=resource, uploaded=upload("Plan 2026.docx", ooxml_bytes("docx"))
    )
    response = client.get(resource.get_download_url())
    _assert_safe(response, inline=False)
    assert "Plan 2026.docx" in response["Content-Disposition"]


@pytest.mark.parametrize(
    "path",
    [
        "/media/../portal/settings.py",
        "/media/%2e%2e/portal/settings.py",
        "/media/partnerships/documents/",
        "/media/partnerships/pdf/anything.pdf",
        "/media/partnerships/documents/00000000000000000000000000000000.pdf",
    ],
)
def test_paths_that_belong_to_no_record_are_404_even_for_staff(client, staff_user, path):
    client.force_login(staff_user)
    assert client.get(path).status_code == 404


def test_file_on_disk_without_record_is_not_reachable(client, staff_user, settings):
    stray = settings.MEDIA_ROOT / "partnerships" / "documents" / "alt.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(pdf_bytes())
    client.force_login(staff_user)
    assert client.get("/media/partnerships/documents/alt.pdf").status_code == 404


def test_only_get_and_head(client):
    partnership = PartnershipFactory()
    image = partnership.images.create(file=upload("f.png", image_bytes()), alt_text="a", credit="b")
    assert client.head(image.file.url).status_code == 200
    assert client.post(image.file.url).status_code == 405


def test_behind_the_proxy_the_app_only_names_the_file(client, settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    partnership = PartnershipFactory()
    image = partnership.images.create(file=upload("f.png", image_bytes()), alt_text="a", credit="b")
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{image.file.name}"
    _assert_safe(response, inline=True)
    image.file.storage.delete(image.file.name)  # the record is there, the file is not
    assert client.get(image.file.url).status_code == 404


def test_one_file_costs_a_few_queries_however_many_records(client, django_assert_max_num_queries):
    partnership = PartnershipFactory()
    for n in range(30):
        partnership.images.create(file=upload(f"{n}.png", image_bytes()), alt_text="a", credit="b")
    image = partnership.images.last()
    with django_assert_max_num_queries(1):
        assert client.get(image.file.url).status_code == 200
    resource = ResourceFactory(slug="viele", state="published")
    for n in range(10):
        resource_file = knowledge_services.resource_attach_file(
            resource=resource, uploaded=upload(f"{n}.pdf", pdf_bytes())
        )
    with django_assert_max_num_queries(2):  # the file with its resource; "published now?"
        assert client.get(resource_file.file.url).status_code == 200


def test_media_url_name_is_stable():
    assert reverse("media", kwargs={"path": "a/b.pdf"}) == "/media/a/b.pdf"
