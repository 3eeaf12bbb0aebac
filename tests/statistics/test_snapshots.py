"""Monthly snapshots: taken once per month, never changed by later edits of the register."""

from datetime import date

import pytest
from django.urls import reverse

from partnerships.models import Milestone, Partnership
from partnerships.statistics import services, tasks
from partnerships.statistics.models import StatisticsSnapshot
from tests.partnerships.factories import PartnershipFactory
from tests.statistics.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_snapshot_records_the_end_of_last_month(register):
    snapshot = services.snapshot_take(today=date(2026, 6, 1))
    assert snapshot.month == date(2026, 5, 1)
    assert snapshot.figures["as_of"] == "2026-05-31"
    assert snapshot.figures["partnerships"] == 3
    assert snapshot.figures["formal"] == 1
    assert snapshot.figures["municipalities_with_partner"] == 2
    assert snapshot.figures["subscribers"] == 1  # B unsubscribed on 1 May


def test_a_past_months_figures_do_not_change_when_todays_data_change(register):
    may = services.snapshot_take(today=date(2026, 6, 1))
    before = dict(may.figures)
    # Later edits: a new formal partnership dated back into May, P2 revived, P3 deleted.
    PartnershipFactory(kind="twinning", is_formal=True, since=date(2026, 5, 2))
    Milestone.objects.create(partnership=register["p2"], date=date(2026, 5, 20), title="Besuch")
    register["p3"].delete()
    Partnership.objects.filter(pk=register["p1"].pk).update(kind="friendship")

    again = services.snapshot_take(month=date(2026, 5, 1), today=TODAY)
    assert again.pk == may.pk
    assert StatisticsSnapshot.objects.get(month=date(2026, 5, 1)).figures == before
    series = {s["month"]: s for s in services.snapshot_series()}
    assert series["2026-05"]["partnerships"] == 3
    assert series["2026-05"]["active"] == before["active"]


def test_the_beat_task_is_idempotent(register):
    tasks.monthly_snapshot_task()
    tasks.monthly_snapshot_task()
    assert StatisticsSnapshot.objects.count() == 1


def test_the_page_shows_the_snapshot_series(client, register):
    services.snapshot_take(month=date(2026, 4, 1), today=TODAY)
    services.snapshot_take(month=date(2026, 5, 1), today=TODAY)
    html = client.get(reverse("statistics:page")).content.decode()
    assert "2026-04" in html and "2026-05" in html


def test_snapshots_in_the_admin_are_read_only(client, staff_user, register):
    snapshot = services.snapshot_take(today=date(2026, 6, 1))
    client.force_login(staff_user)
    changelist = client.get(reverse("admin:statistics_statisticssnapshot_changelist"))
    assert changelist.status_code == 200
    assert "05/2026" in changelist.content.decode() or "2026" in changelist.content.decode()
    detail = client.get(
        reverse("admin:statistics_statisticssnapshot_change", args=[snapshot.pk])
    ).content.decode()
    assert "municipalities_with_partner" in detail
    assert client.get(reverse("admin:statistics_statisticssnapshot_add")).status_code == 403
