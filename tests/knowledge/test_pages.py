"""Public pages: list with facets, resource page, downloads, funding guide, search."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import services
from knowledge.models import FundingDeadline, FundingProgram, FundingSource, TargetGroup
from portal.models import Theme
from tests.knowledge.factories import FundingProgramFactory, ResourceFactory
from tests.upload_samples import pdf_bytes

pytestmark = pytest.mark.django_db

PDF_V1 = pdf_bytes(1)
PDF_V2 = pdf_bytes(2)


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_library_list_renders_with_constant_queries(
    client, make_resource, language, django_assert_max_num_queries
):
    theme = Theme.objects.get(slug="migration")
    for n in range(40):
        make_resource(
            title=f"Partnerschaft {n}",
            slug=f"p-{n}",
            themes=[theme],
            body="Eine Städtepartnerschaft mit Malyn.",
        )
    with django_assert_max_num_queries(12):
        response = client.get(f"/{language}/wissen/")
    assert response.status_code == 200
    # + the place resolver's freshness check and (after a change) index build, and the
    # synonym list when it is not cached: constant, whatever the number of resources.
    with django_assert_max_num_queries(16):
        response = client.get(f"/{language}/wissen/?q=Partnerschaft&theme=migration&page=2")
    assert response.status_code == 200
    assert b"<mark>" in response.content


def test_library_facets_filter(client, make_resource):
    theme = Theme.objects.get(slug="jugend")
    make_resource(title="Ferienfreizeit", slug="ferien", themes=[theme], kind="lessons_learned")
    make_resource(title="Anderes", slug="anderes")
    content = client.get("/de/wissen/?theme=jugend&kind=lessons_learned").content.decode()
    assert "Ferienfreizeit" in content and "Anderes" not in content
    assert client.get("/de/wissen/?theme=unbekannt").status_code == 200


def test_search_with_syntax_characters_shows_page_not_error(client, make_resource):
    make_resource(title="Tui", slug="tui")
    for query in ["&|!():*'", "'" * 1000, ""]:
        assert client.get("/de/wissen/", {"q": query}).status_code == 200
    response = client.get("/de/suche/", {"q": "&|!"})
    assert "Sonderzeichen" in response.content.decode()
    response = client.get("/de/suche/", {"q": ""})
    assert "Bitte geben Sie einen Suchbegriff ein" in response.content.decode()


def test_cross_app_search_groups_library_results(client, make_resource):
    make_resource(title="Städtepartnerschaft Versmold", slug="versmold")
    content = client.get("/de/suche/", {"q": "Partnerschaft"}).content.decode()
    assert "Wissensbibliothek" in content
    assert "/de/wissen/versmold/" in content


def test_draft_resource_is_not_public(client, make_resource):
    make_resource(title="Entwurf", slug="entwurf", state="draft")
    assert client.get("/de/wissen/entwurf/").status_code == 404


def test_replaced_attachment_keeps_url_and_versions(
    client, staff_user, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(slug="publikation")
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_attach_file(
            resource=resource, uploaded=SimpleUploadedFile("studie.pdf", PDF_V1), user=staff_user
        )
    url = resource.get_download_url()
    assert url == "/de/wissen/publikation/download/"
    assert b"".join(client.get(url).streaming_content) == PDF_V1
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_attach_file(
            resource=resource, uploaded=SimpleUploadedFile("studie-neu.pdf", PDF_V2)
        )
    resource.refresh_from_db()
    assert resource.get_download_url() == url
    assert b"".join(client.get(url).streaming_content) == PDF_V2
    assert resource.files.count() == 2
    old = client.get("/de/wissen/publikation/download/v1/")
    assert b"".join(old.streaming_content) == PDF_V1
    page = client.get("/de/wissen/publikation/").content.decode()
    assert "Frühere Versionen" in page and url in page


def test_download_without_file_is_404(client):
    ResourceFactory(slug="ohne")
    assert client.get("/de/wissen/ohne/download/").status_code == 404


@pytest.fixture
def programs():
    municipality = TargetGroup.objects.get(slug="municipality")
    association = TargetGroup.objects.get(slug="association")
    ongoing = FundingProgramFactory(name="Laufend", deadline_kind="ongoing")
    ongoing.applicant_groups.add(municipality)
    soon = FundingProgramFactory(name="Bald", deadline_kind="dated", call_year=2026)
    FundingDeadline.objects.create(program=soon, date=datetime.date(2026, 12, 1), call_year=2026)
    soon.applicant_groups.add(association)
    later = FundingProgramFactory(name="Später", deadline_kind="dated")
    FundingDeadline.objects.create(
        program=later, date=datetime.date(2027, 3, 1), opens_on=datetime.date(2027, 2, 1)
    )
    FundingDeadline.objects.create(
        program=later, date=datetime.date(2027, 1, 1), opens_on=datetime.date(2026, 12, 1)
    )
    past = FundingProgramFactory(name="Vorbei", deadline_kind="dated", call_year=2023)
    FundingDeadline.objects.create(program=past, date=datetime.date(2023, 9, 30), call_year=2023)
    FundingSource.objects.create(program=past, url="https://example.org/q", call_year=2023)
    annual = FundingProgramFactory(
        name="Jährlich", deadline_kind="annual", recurring_month=10, recurring_day=15
    )
    return {"ongoing": ongoing, "soon": soon, "later": later, "past": past, "annual": annual}


def test_funding_order_and_open_now(programs):
    from knowledge.selectors import funding_programs

    today = datetime.date(2026, 11, 25)
    rows = funding_programs(today=today)
    assert [r["program"].name for r in rows] == ["Bald", "Später", "Jährlich", "Laufend", "Vorbei"]
    by_name = {r["program"].name: r for r in rows}
    assert by_name["Jährlich"]["next_deadline"] == datetime.date(2027, 10, 15)
    assert by_name["Vorbei"]["last_past_deadline"] == datetime.date(2023, 9, 30)
    open_rows = funding_programs(today=today, open_now=True)
    assert {r["program"].name for r in open_rows} == {"Bald", "Laufend"}


def test_funding_page_filters_and_marks_past(client, programs, django_assert_max_num_queries):
    for n in range(20):
        FundingProgramFactory(name=f"Viele {n}")
    with django_assert_max_num_queries(14):
        content = client.get("/de/foerderung/").content.decode()
    assert "Frist abgelaufen" in content
    assert "Stand der Angaben: Aufruf 2023" in content
    assert "bezieht sich auf 2023" in content
    content = client.get("/de/foerderung/?applicant=association").content.decode()
    assert "Bald" in content and "Laufend" not in content
    content = client.get("/de/foerderung/?open_now=on").content.decode()
    assert "Vorbei" not in content and "Laufend" in content


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_funding_page_renders_in_each_language(client, language):
    FundingProgramFactory()
    assert client.get(f"/{language}/foerderung/").status_code == 200


def test_home_and_newsletter_hooks(make_resource):
    from knowledge.selectors import home_latest_resources, resources_published_since

    for n in range(5):
        make_resource(title=f"R{n}", slug=f"r{n}")
    assert len(home_latest_resources(limit=3)) == 3
    items = resources_published_since(since=None, limit=10)
    assert {"title", "url", "summary", "date", "kind"} <= set(items[0])
    assert (
        resources_published_since(
            since=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC), limit=10
        )
        == []
    )


def test_home_page_shows_library_section(client, make_resource):
    make_resource(title="Lessons Learned Billerbeck", slug="billerbeck")
    assert "Lessons Learned Billerbeck" in client.get("/de/").content.decode()


def test_funding_program_model_is_unaffected_by_missing_dates():
    program = FundingProgram.objects.create(name="X", slug="x", funder="Y")
    assert program.next_deadline(datetime.date(2026, 1, 1)) is None
    assert not program.is_open(datetime.date(2026, 1, 1))


def test_resource_page_links_published_partnerships_and_events(client, make_resource):
    from tests.events.factories import EventFactory
    from tests.partnerships.factories import PartnershipFactory

    resource = make_resource(title="Best Practice", slug="bp")
    visible = PartnershipFactory(title="Duisburg – Kryvyi Rih")
    hidden = PartnershipFactory(title="Geheimer Entwurf", publication_state="draft")
    event = EventFactory(title_de="Forum Wiederaufbau")
    resource.related_partnerships.set([visible, hidden])
    resource.related_events.set([event])
    content = client.get("/de/wissen/bp/").content.decode()
    assert "Duisburg – Kryvyi Rih" in content
    assert "Geheimer Entwurf" not in content
    if event.status != "draft":
        assert "Forum Wiederaufbau" in content
