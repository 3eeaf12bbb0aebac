"""The staff report for the funder: PDF and Excel for a chosen period; staff only."""

import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from partnerships.statistics import report_views
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


def test_pdf_report(staff_client, register):
    response = staff_client.get(
        reverse("statistics:report"), {"start": "2025-01-01", "end": "2026-06-15", "format": "pdf"}
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_bad_period_is_explained_and_kept(staff_client, register):
    response = staff_client.get(
        reverse("statistics:report"), {"start": "2026-06-15", "end": "2025-01-01", "format": "pdf"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Das Ende liegt vor dem Beginn." in html
    assert 'value="2026-06-15"' in html
