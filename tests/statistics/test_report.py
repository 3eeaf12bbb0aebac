"""The staff report for the funder: PDF and Excel for a chosen period; staff only."""

import io
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.urls import reverse
from kombu.exceptions import OperationalError
from openpyxl import load_workbook

import portal.pdf
from partnerships.models import Milestone
from partnerships.statistics import report_views, tasks
from tests.factories import UserFactory
from tests.statistics.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Netzwerkstelle"))
    client.force_login(user)
    return client


def test_anonymous_is_sent_to_login_and_editors_are_refused(client, register):
    response = client.get(reverse("statistics:report"))
    assert response.status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("statistics:report")).status_code == 403


def test_report_figures_compare_start_and_end(register):
    data = report_views.report_data(start=TODAY.replace(year=2023, month=1, day=1), end=TODAY)
    rows = {row[0]: row[1:] for row in data["key_rows"]}
    # Start of 2023: P2 and P4 existed (P1 started 2022 too: three), end: three (P4 ended,
    # P3 began).
    assert rows["Partnerschaften NRW–Ukraine"] == [3, 3, 0]
    assert rows["davon förmlich vereinbart"] == [0, 1, 1]
    assert [s.key for s in data["sections"]] == list(report_views.REPORT_SECTIONS)


def test_excel_report(staff_client, register):
    response = staff_client.get(
        reverse("statistics:report"), {"start": "2025-01-01", "end": "2026-06-15", "format": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Kennzahlen"
    assert len(book.sheetnames) == 1 + len(report_views.REPORT_SECTIONS)
    sheet = book["Kennzahlen"]
    assert sheet["A5"].value == "Partnerschaften NRW–Ukraine"


PDF_QUERY = {"start": "2025-01-01", "end": "2026-06-15", "format": "pdf"}


def test_pdf_report(staff_client, register):
    response = staff_client.get(reverse("statistics:report"), PDF_QUERY)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_task_renders_and_stores_the_report(register):
    path = tasks.render_report_pdf("2025-01-01", "2026-06-15", "uk")
    assert path.startswith("statistics/reports/bericht-2025-01-01-2026-06-15-uk-")
    with default_storage.open(path, "rb") as handle:
        assert handle.read().startswith(b"%PDF")
    # The same content: the stored file is kept, nothing is rendered again.
    assert tasks.render_report_pdf("2025-01-01", "2026-06-15", "uk") == path


def test_second_request_serves_the_stored_file(staff_client, register, monkeypatch):
    assert staff_client.get(reverse("statistics:report"), PDF_QUERY).status_code == 200
    calls = []
    monkeypatch.setattr(portal.pdf, "render_pdf", lambda **kw: calls.append(kw) or b"%PDF-1.7")
    response = staff_client.get(reverse("statistics:report"), PDF_QUERY)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert calls == []
    # Changed figures: another document, rendered once.
    Milestone.objects.create(partnership=register["p2"], date=date(2026, 5, 1), title="Besuch")
    assert staff_client.get(reverse("statistics:report"), PDF_QUERY).status_code == 200
    assert len(calls) == 1


def test_while_rendering_staff_see_a_page_that_reloads(staff_client, register, monkeypatch):
    queued = []
    monkeypatch.setattr(
        tasks.render_report_pdf,
        "apply_async_or_log",
        lambda **kw: queued.append(kw["args"]) or True,
    )
    for _ in range(3):  # the page reloads every 5 s
        response = staff_client.get(reverse("statistics:report"), PDF_QUERY)
        assert response.status_code == 202 and response["Retry-After"] == "5"
    html = response.content.decode()
    assert '<meta http-equiv="refresh" content="5">' in html
    assert "Der Bericht wird erstellt." in html
    assert queued == [("2025-01-01", "2026-06-15", "de")]  # queued once


def _broker_down(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_broker_down_the_request_renders_the_report(staff_client, register, monkeypatch, caplog):
    monkeypatch.setattr(tasks.render_report_pdf, "apply_async", _broker_down)
    response = staff_client.get(reverse("statistics:report"), PDF_QUERY)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "not queued, the broker is unreachable" in caplog.text


def test_broker_down_and_rendering_fails_explains_without_500(staff_client, register, monkeypatch):
    monkeypatch.setattr(tasks.render_report_pdf, "apply_async", _broker_down)

    def broken(**kwargs):
        raise portal.pdf.PdfRenderError("no fonts")

    monkeypatch.setattr(portal.pdf, "render_pdf", broken)
    response = staff_client.get(reverse("statistics:report"), PDF_QUERY)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Der Bericht konnte nicht erstellt werden." in html
    assert 'value="2025-01-01"' in html  # the period is kept


def test_bad_period_is_explained_and_kept(staff_client, register):
    response = staff_client.get(
        reverse("statistics:report"), {"start": "2026-06-15", "end": "2025-01-01", "format": "pdf"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Das Ende liegt vor dem Beginn." in html
    assert 'value="2026-06-15"' in html


@pytest.mark.timeout(60)
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_real_broker_unreachable_still_serves_the_report(staff_client, register):
    from tests.portal.test_broker_outage import celery_broker

    with celery_broker("redis://127.0.0.1:1/0"):  # nothing listens there
        response = staff_client.get(reverse("statistics:report"), PDF_QUERY)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
