"""Readers of the statistics: a fixed number of queries, whatever the size of the register.

Each function returns plain rows (dicts or tuples) for ``figures.py``; nothing here counts.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.db import connection
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import ExtractYear

from events.models import Event, Registration
from newsletter.models import Subscription
from partnerships.imports.models import PartnershipFact
from partnerships.matchmaking.models import MatchCase, PartnerRequest, SearchProfile
from partnerships.matchmaking.models.cases import CaseEvent, CaseState
from partnerships.models import (
    KindChange,
    Milestone,
    Partnership,
    PartnershipMember,
    Project,
)
from partnerships.statistics.models import StatisticsSnapshot

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "data"


def _latest(model, column: str, *, today: date, **filters):
    return Subquery(
        model.objects.filter(partnership=OuterRef("pk"), **{f"{column}__lte": today}, **filters)
        .order_by(f"-{column}")
        .values(column)[:1]
    )


# The order of ``partnership_rows``' tuples (plain tuples: 5,000 rows as dicts cost more
# than the query).
PARTNERSHIP_FIELDS = (
    "id",
    "kind",
    "is_formal",
    "status",
    "since",
    "ended_on",
    "signed_on",
    "decided_on",
    "ended_step",
    "first_step",
    "last_step",
    "last_milestone",
    "last_project_start",
    "last_project_end",
    "last_reported",
)

# The facts that record a partnership's last activity as reported by a source (a survey's
# answer applied to the register: ``surveys.services.answers_apply``).
LAST_ACTIVITY_FACT = "last_activity"


def partnership_rows(*, today: date) -> list[tuple]:
    """Every published partnership with its dated facts, as tuples in the order of
    ``PARTNERSHIP_FIELDS`` (one query: the steps joined and aggregated, the latest milestone,
    project dates and reported last activity (``PartnershipFact``) as subqueries)."""
    status = Partnership.Status
    step = "status_steps__date"
    return list(
        Partnership.objects.published()
        .order_by()
        .values_list("id", "kind", "is_formal", "status", "since", "ended_on")
        .annotate(
            signed_on=Max(step, filter=Q(status_steps__status=status.SIGNED)),
            decided_on=Max(step, filter=Q(status_steps__status=status.COUNCIL_DECISION)),
            ended_step=Max(step, filter=Q(status_steps__status=status.ENDED)),
            first_step=Min(step, filter=~Q(status_steps__status=status.ENDED)),
            last_step=Max(step, filter=Q(status_steps__date__lte=today)),
            last_milestone=_latest(Milestone, "date", today=today),
            last_project_start=_latest(Project, "starts_on", today=today),
            last_project_end=_latest(Project, "ends_on", today=today),
            last_reported=_latest(
                PartnershipFact, "date", today=today, field=LAST_ACTIVITY_FACT, is_current=True
            ),
        )
    )


# The order of ``member_rows``' tuples.
MEMBER_FIELDS = ("partnership_id", "kind", "country", "code", "district_code", "region_code")


def member_rows() -> list[tuple]:
    """Partners (not brokering third towns) of published partnerships, as tuples in the
    order of ``MEMBER_FIELDS`` (one query)."""
    return list(
        PartnershipMember.objects.filter(
            partnership__publication_state=Partnership.Publication.PUBLISHED
        )
        .exclude(role=PartnershipMember.Role.THIRD_PARTY)
        .order_by()
        .values_list(
            "partnership_id",
            "actor__kind",
            "actor__country",
            "actor__official_code",
            "actor__district__official_code",
            "actor__region__official_code",
        )
    )


def kind_change_rows() -> list[dict]:
    """Dated changes of kind of published partnerships, oldest first (one query)."""
    return list(
        KindChange.objects.filter(
            partnership__publication_state=Partnership.Publication.PUBLISHED, date__isnull=False
        )
        .order_by("date", "recorded_at")
        .values("partnership_id", "from_kind", "to_kind", "date")
    )


def event_rows(*, until: date) -> list[dict]:
    """Published events that began by ``until``, per year, with their registrations that
    hold a place (one query)."""
    return list(
        Event.objects.filter(status=Event.Status.PUBLISHED, start__date__lte=until)
        .annotate(year=ExtractYear("start"))
        .values("year")
        .annotate(
            events=Count("id", distinct=True),
            participants=Count(
                "registrations",
                filter=Q(registrations__status__in=Registration.HOLDS_PLACE),
            ),
        )
        .order_by("year")
    )


def subscription_rows() -> list[tuple]:
    """(subscriber, confirmed at, ended at) of every confirmed subscription (one query)."""
    return list(
        Subscription.objects.filter(confirmed_at__isnull=False)
        .order_by()
        .values_list("subscriber_id", "confirmed_at", "unsubscribed_at", "bounced_at")
    )


def counts(**querysets) -> dict[str, int]:
    """The number of rows of each queryset, all in one query (``SELECT (SELECT COUNT(*) FROM
    (...)), ...``; the ORM builds each part, so filters stay the querysets' own)."""
    parts, params = [], []
    for name, queryset in querysets.items():
        sql, part_params = queryset.order_by().values("pk").query.sql_with_params()
        # The ORM's SQL with its parameters kept apart; ``name`` is a keyword argument.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS q_{name})")  # noqa: S608
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))


def matchmaking_counts(*, today: date) -> dict:
    """Profiles by decision stage, requests, cases, introductions, resulting partnerships
    (one query)."""
    stage = SearchProfile.DecisionStage
    profiles = SearchProfile.objects.active(today=today)
    cases = MatchCase.objects.all()
    introduced = CaseEvent.objects.filter(case=OuterRef("pk"), kind=CaseEvent.Kind.INTRODUCTION)
    introduced_states = [
        CaseState.INTRODUCED,
        CaseState.FIRST_MEETING,
        CaseState.TRIAL,
        CaseState.FORMAL,
    ]
    return counts(
        profiles=profiles,
        interest=profiles.filter(decision_stage=stage.INTEREST),
        mandate=profiles.filter(decision_stage=stage.MANDATE),
        decided=profiles.filter(decision_stage=stage.DECIDED),
        requests=PartnerRequest.objects.all(),
        cases=cases,
        introductions=cases.filter(Q(state__in=introduced_states) | Exists(introduced)),
        partnerships=cases.filter(partnership__isnull=False),
    )


def snapshot_rows() -> list[tuple[date, dict]]:
    """(month, figures) of every monthly snapshot, oldest first (one query)."""
    return list(StatisticsSnapshot.objects.order_by("month").values_list("month", "figures"))


@lru_cache(maxsize=1)
def municipalities_per_kreis() -> dict[str, int]:
    """NRW municipalities per Kreis (5-digit AGS) from the reference data (no query)."""
    with (REFERENCE_DIR / "nrw_municipalities.csv").open(encoding="utf-8") as handle:
        return dict(Counter(row["kreis_ags"] for row in csv.DictReader(handle)))


@lru_cache(maxsize=1)
def regierungsbezirke() -> dict[str, str]:
    """3-digit code → short name of the five Regierungsbezirke (reference data, no query)."""
    with (REFERENCE_DIR / "nrw_kreise.csv").open(encoding="utf-8") as handle:
        return {
            row["code"]: row["name_short"]
            for row in csv.DictReader(handle)
            if row["level"] == "Regierungsbezirk"
        }
