"""Each figure against the hand-built register of conftest.py (worked out there)."""

from datetime import date

import pytest

from partnerships.models import KindChange, Milestone
from partnerships.statistics import figures
from tests.statistics.conftest import KYIV, LVIV, TODAY, ZHYTOMYR

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(register):
    return figures.compute(today=TODAY)


def test_key_figures(data):
    key = data["key"]
    assert data["as_of"] == "2026-06-15"
    assert key["partnerships"] == 3  # P1, P2, P3 (P4 ended; others not NRW–Ukraine/counted)
    assert key["formal"] == 1
    assert key["informal"] == 2
    assert key["undated"] == 0
    assert key["municipalities_with_partner"] == 2  # Billerbeck, Köln (Dülmen's ended)
    assert key["municipalities"] == 396
    assert key["share"] == 0.5


def test_per_year_from_dated_facts(data):
    years = {r["year"]: r for r in data["per_year"]}
    assert sorted(years) == list(range(2020, 2027))
    assert years[2020]["total"] == 1 and years[2020]["friendship"] == 1
    assert years[2021]["total"] == 2 and years[2021]["solidarity"] == 1
    # 2022: P1 was still a project partnership, not yet signed.
    assert years[2022]["project"] == 1 and years[2022]["twinning"] == 0
    assert (years[2022]["formal"], years[2022]["informal"]) == (0, 3)
    # 2023: P1 signed (formal), P3 begins.
    assert years[2023]["total"] == 4 and years[2023]["district"] == 1
    assert (years[2023]["formal"], years[2023]["informal"]) == (1, 3)
    # 2024: P1 a twinning now; P4 ended on 31 Dec.
    assert years[2024]["twinning"] == 1 and years[2024]["project"] == 0
    assert years[2024]["total"] == 3 and years[2024]["solidarity"] == 0
    assert years[2026]["total"] == 3


def test_regions(data):
    kreise = {r["code"]: r for r in data["kreise"]}
    assert len(kreise) == 53
    coesfeld = kreise["05558"]
    assert coesfeld["partnerships"] == 2  # P1 (Billerbeck) and P3 (the Kreis itself)
    assert coesfeld["municipalities_with_partner"] == 1
    assert coesfeld["municipalities"] == 11
    assert coesfeld["share"] == 9.1
    assert coesfeld["bezirk"] == "055"
    assert kreise["05315"] == {
        "code": "05315",
        "bezirk": "053",
        "partnerships": 1,
        "municipalities_with_partner": 1,
        "municipalities": 1,
        "share": 100.0,
    }
    assert sum(k["partnerships"] for k in data["kreise"]) == 3
    bezirke = {r["code"]: r for r in data["bezirke"]}
    assert bezirke["055"]["partnerships"] == 2
    assert bezirke["053"]["partnerships"] == 1
    assert bezirke["051"]["partnerships"] == 0
    assert sum(b["municipalities"] for b in data["bezirke"]) == 396
    oblasts = {r["code"]: r["partnerships"] for r in data["oblasts"]}
    assert len(oblasts) == 27
    assert (oblasts[ZHYTOMYR], oblasts[LVIV], oblasts[KYIV]) == (1, 1, 1)
    assert sum(oblasts.values()) == 3


def test_activity(data):
    assert data["activity"] == [
        {"state": "active", "count": 1},
        {"state": "dormant", "count": 2},
        {"state": "no_activity", "count": 0},
    ]


def test_pipeline_and_matchmaking(data):
    assert data["pipeline"] == [
        {"stage": "interest", "profiles": 1, "register": 1, "total": 2},
        {"stage": "mandate", "profiles": 1, "register": 0, "total": 1},
        {"stage": "decision", "profiles": 0, "register": 1, "total": 1},
        {"stage": "signed", "profiles": 0, "register": 1, "total": 1},
    ]
    assert data["matchmaking"] == [
        {"step": "profiles", "count": 2},
        {"step": "requests", "count": 1},
        {"step": "cases", "count": 2},
        {"step": "introductions", "count": 1},
        {"step": "partnerships", "count": 1},
    ]


def test_events_and_subscribers(data):
    assert data["events"] == [
        {"year": 2025, "events": 1, "participants": 2},
        {"year": 2026, "events": 1, "participants": 1},
    ]
    months = {r["month"]: r["subscribers"] for r in data["subscribers"]}
    assert len(months) == 24
    assert months["2024-12"] == 0
    assert months["2025-01"] == 1
    assert months["2026-03"] == 2
    assert months["2026-04"] == 2
    assert months["2026-05"] == 1
    assert months["2026-06"] == 1
    assert data["key"]["subscribers"] == 1


def test_a_new_activity_makes_a_dormant_partnership_active(register):
    Milestone.objects.create(partnership=register["p2"], date=date(2026, 5, 1), title="Besuch")
    activity = {r["state"]: r["count"] for r in figures.compute(today=TODAY)["activity"]}
    assert activity == {"active": 2, "dormant": 1, "no_activity": 0}


def test_an_undated_kind_change_keeps_the_current_kind(register):
    KindChange.objects.create(partnership=register["p2"], from_kind="project", to_kind="friendship")
    years = {r["year"]: r for r in figures.compute(today=TODAY)["per_year"]}
    assert years[2020]["friendship"] == 1


def test_computing_takes_a_fixed_number_of_queries(register, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        figures.compute(today=TODAY)


def test_an_undated_partnership_counts_today_but_not_in_the_time_series(register):
    from tests.partnerships.factories import PartnershipFactory

    PartnershipFactory(kind="twinning", since=None, partners=[register["koeln"], register["malyn"]])
    data = figures.compute(today=TODAY)
    assert data["key"]["partnerships"] == 4
    assert data["key"]["undated"] == 1
    assert data["per_year"][-1]["total"] == 3


def test_events_that_have_not_begun_are_not_counted(register):
    from datetime import datetime

    from tests.events.factories import EventFactory

    start = datetime(2026, 9, 1, 10, tzinfo=datetime.now().astimezone().tzinfo)
    EventFactory(start=start, end=start)
    assert figures.compute(today=TODAY)["events"][-1] == {
        "year": 2026,
        "events": 1,
        "participants": 1,
    }
