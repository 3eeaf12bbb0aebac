import pytest
from django.core.files.storage import default_storage

from partnerships import pdf as portrait_pdf
from tests.partnerships.factories import MilestoneFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_pdf_rendered_once_per_content(client, monkeypatch):
    p = PartnershipFactory(title="Hürth – Peremyshlyany")
    MilestoneFactory(partnership=p, title="Freundschaftsvereinbarung")
    response = client.get(f"/de/partnerschaften/{p.slug}/pdf/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF")
    path, _html = portrait_pdf.portrait_pdf_path(partnership=p, language="de")
    assert default_storage.exists(path)

    calls = []
    import portal.pdf

    monkeypatch.setattr(portal.pdf, "render_pdf", lambda **kw: calls.append(kw) or b"%PDF-1.7 x")
    assert client.get(f"/de/partnerschaften/{p.slug}/pdf/").status_code == 200
    assert calls == []  # unchanged content: the stored file is served
    p.summary_de = "Neuer Text"
    p.save()
    assert client.get(f"/de/partnerschaften/{p.slug}/pdf/").status_code == 200
    assert len(calls) == 1 and "Neuer Text" in calls[0]["html"]
    assert client.get(f"/uk/partnerschaften/{p.slug}/pdf/").status_code == 200
    assert len(calls) == 2  # another language, another file


def test_pdf_of_draft_is_not_public(client):
    p = PartnershipFactory(publication_state="draft")
    assert client.get(f"/de/partnerschaften/{p.slug}/pdf/").status_code == 404


def test_pdf_pending_page_queues_one_rendering_per_document(client, monkeypatch):
    from django.core.cache import cache

    from partnerships import tasks

    cache.clear()
    queued = []
    monkeypatch.setattr(
        tasks.render_portrait_pdf, "apply_async_or_log", lambda **kw: queued.append(kw["args"])
    )
    p = PartnershipFactory()
    for _ in range(3):  # the waiting page asks again every 5 s
        response = client.get(f"/de/partnerschaften/{p.slug}/pdf/")
        assert response.status_code == 202 and response["Retry-After"] == "5"
    assert queued == [(p.pk, "de")]
    client.get(f"/uk/partnerschaften/{p.slug}/pdf/")  # another document: its own rendering
    assert queued == [(p.pk, "de"), (p.pk, "uk")]
