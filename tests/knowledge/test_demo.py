"""The library's demo data: complete, searchable, idempotent."""

import io

import pytest

from knowledge.demo import demo_resources, funding_programmes, load_demo
from knowledge.models import FundingProgram, FundingSource, Guide, Resource
from knowledge.search import parse_query
from knowledge.selectors import resource_list

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "resources": Resource.objects.count(),
        "resource_history": Resource.history.count(),
        "files": sum(r.files.count() for r in Resource.objects.all()),
        "programs": FundingProgram.objects.count(),
        "program_history": FundingProgram.history.count(),
        "sources": FundingSource.objects.count(),
        "guide": list(Guide.objects.values_list("pdf_file", "pdf_hash", "pdf_status")),
        "guide_history": Guide.history.count(),
    }


def test_demo_loads_everything_and_twice_changes_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(stdout=io.StringIO())
    first = snapshot()
    assert first["resources"] == len(demo_resources())
    assert first["programs"] == len(funding_programmes()) == 13
    assert first["sources"] == sum(len(p["sources"]) for p in funding_programmes())
    assert first["files"] == 1
    [(pdf_file, pdf_hash, status)] = first["guide"]
    assert status == Guide.PdfStatus.READY and pdf_hash[:20] in pdf_file
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(stdout=io.StringIO())
    assert snapshot() == first

    publication = Resource.objects.get(slug="migration-und-integration-in-staedtepartnerschaften")
    assert publication.extraction_status == Resource.Extraction.DONE
    found = {r.slug for r in resource_list(parsed=parse_query("Partnerschaft"))}
    assert "versmold-tui-partnerschaft-aus-der-herkunftsstatistik" in found
    found = {r.slug for r in resource_list(parsed=parse_query("Krywyj Rih"))}
    assert "lessons-learned-duisburg-kryvyi-rih" in found
    skew = FundingProgram.objects.get(slug="skew-kleinprojektefonds")
    assert skew.call_year == 2025
    assert skew.sources.filter(call_year=2022).exists()


def test_demo_pages_render(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(stdout=io.StringIO())
    for url in [
        "/de/wissen/",
        "/uk/wissen/",
        "/en/wissen/?q=Tui",
        "/de/wissen/versmold-tui-partnerschaft-aus-der-herkunftsstatistik/",
        "/de/wissen/migration-und-integration-in-staedtepartnerschaften/",
        "/de/foerderung/",
        "/de/foerderung/?open_now=on",
        "/de/wissen/leitfaden/partnerschaften-mit-der-ukraine/",
        "/de/suche/?q=Wiederaufbau",
    ]:
        assert client.get(url).status_code == 200, url
    download = client.get(
        "/de/wissen/migration-und-integration-in-staedtepartnerschaften/download/"
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    pdf = client.get("/de/wissen/leitfaden/partnerschaften-mit-der-ukraine/pdf/")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    content = client.get("/de/foerderung/").content.decode()
    assert "Stand der Angaben: Aufruf 2025" in content
    assert "https://skew.engagement-global.de/kleinprojektefonds.html" in content
