"""A hand-built register whose every figure is worked out by hand (see test_figures.py).

"Today" is 15 June 2026 in every computation (passed explicitly).

NRW: Billerbeck (05558008) and Dülmen (05558016) in Kreis Coesfeld (05558, Regierungsbezirk
Münster 055); Köln (05315000, kreisfreie Stadt, Regierungsbezirk Köln 053); the Kreis itself.
Ukraine: Malyn (Oblast Zhytomyr), Peremyshliany (Oblast Lviv), Kyiv (city with special
status, no region). Skawina (Poland).

P1 Billerbeck–Malyn: twinning (project until 2024-01-01), since 2022-03-01, signed 2023-05-10,
   milestone 2026-01-10 → active, formal from 2023.
P2 Köln–Kyiv: friendship, since 2020-06-01, first contact, informal, nothing since → dormant.
P3 Kreis Coesfeld–Peremyshliany: Kreis–Rajon, since 2023-01-01, council decision 2023-02-01
   → dormant, stage "decision".
P4 Dülmen–Malyn: solidarity 2021-01-01 … ended 2024-12-31.
Not counted: a draft (Köln–Malyn), a pair without Ukraine (Billerbeck–Skawina), a school
partnership (Köln–Kyiv), a third town as broker only.
"""

from datetime import UTC, date, datetime

import pytest

from events.models import Event, Registration
from partnerships.matchmaking.models import MatchCase, PartnerRequest
from partnerships.matchmaking.models.cases import CaseEvent, CaseState
from partnerships.models import Actor, KindChange, Milestone, StatusStep
from tests.events.factories import EventFactory, RegistrationFactory
from tests.matchmaking.factories import SearchProfileFactory
from tests.newsletter.factories import SubscriptionFactory
from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory

TODAY = date(2026, 6, 15)
ZHYTOMYR = "UA18000000000041385"
LVIV = "UA46000000000026241"
KYIV = "UA80000000000093317"


def _at(y, m, d):
    return datetime(y, m, d, 12, tzinfo=UTC)


@pytest.fixture
def register(db):
    rb_muenster = ActorFactory(
        name="Regierungsbezirk Münster", kind="gov_region", official_code="055"
    )
    rb_koeln = ActorFactory(name="Regierungsbezirk Köln", kind="gov_region", official_code="053")
    kreis = ActorFactory(
        name="Kreis Coesfeld", kind="district", official_code="05558", region=rb_muenster
    )
    billerbeck = ActorFactory(
        name="Billerbeck", official_code="05558008", district=kreis, region=rb_muenster
    )
    duelmen = ActorFactory(
        name="Dülmen", official_code="05558016", district=kreis, region=rb_muenster
    )
    koeln = ActorFactory(name="Köln", official_code="05315000", region=rb_koeln)
    zhytomyr = UkrainianActorFactory(name="Oblast Schytomyr", kind="oblast", official_code=ZHYTOMYR)
    lviv = UkrainianActorFactory(name="Oblast Lwiw", kind="oblast", official_code=LVIV)
    malyn = UkrainianActorFactory(
        name="Malyn", official_code="UA18040190000044000", region=zhytomyr
    )
    peremyshliany = UkrainianActorFactory(
        name="Peremyschljany", official_code="UA46060290000079830", region=lviv
    )
    kyiv = UkrainianActorFactory(name="Kyjiw", official_code=KYIV)
    skawina = ActorFactory(name="Skawina", country="PL", official_code="")

    p1 = PartnershipFactory(
        kind="twinning",
        is_formal=True,
        status="active",
        since=date(2022, 3, 1),
        partners=[billerbeck, malyn],
    )
    StatusStep.objects.create(partnership=p1, status="signed", date=date(2023, 5, 10))
    KindChange.objects.create(
        partnership=p1, from_kind="project", to_kind="twinning", date=date(2024, 1, 1)
    )
    Milestone.objects.create(partnership=p1, date=date(2026, 1, 10), title="Jugendbegegnung")
    p2 = PartnershipFactory(
        kind="friendship",
        is_formal=False,
        status="first_contact",
        since=date(2020, 6, 1),
        partners=[koeln, kyiv],
    )
    p3 = PartnershipFactory(
        kind="district",
        status="council_decision",
        since=date(2023, 1, 1),
        partners=[kreis, peremyshliany],
    )
    StatusStep.objects.create(partnership=p3, status="council_decision", date=date(2023, 2, 1))
    p4 = PartnershipFactory(
        kind="solidarity",
        status="ended",
        since=date(2021, 1, 1),
        ended_on=date(2024, 12, 31),
        partners=[duelmen, malyn],
    )
    PartnershipFactory(
        kind="twinning",
        since=date(2020, 1, 1),
        publication_state="draft",
        partners=[koeln, malyn],
    )
    PartnershipFactory(kind="twinning", since=date(2019, 1, 1), partners=[billerbeck, skawina])
    PartnershipFactory(kind="school", since=date(2019, 1, 1), partners=[koeln, kyiv])
    broker_only = PartnershipFactory(
        kind="twinning", since=date(2019, 1, 1), partners=[skawina, malyn]
    )
    broker_only.members.filter(actor=skawina).update(role="partner")
    broker_only.members.create(actor=duelmen, role="broker", position=5)

    # Partner search: two valid profiles (interest, mandate) and an expired one (decided).
    SearchProfileFactory(actor=duelmen, decision_stage="mandate", valid_until=date(2027, 1, 1))
    SearchProfileFactory(actor=zhytomyr, decision_stage="interest", valid_until=date(2027, 1, 1))
    SearchProfileFactory(actor=koeln, decision_stage="decided", valid_until=date(2026, 1, 1))
    PartnerRequest.objects.create(
        organisation="Gemeinde Nottuln",
        country="DE",
        seeks="Partner",
        contact_name="N. N.",
        contact_email="n@example.org",
        consent_text="ok",
        consent_at=_at(2026, 2, 1),
    )
    introduced = MatchCase.objects.create(
        actor=billerbeck, partner=malyn, state=CaseState.CLOSED, partnership=p1
    )
    CaseEvent.objects.create(case=introduced, kind=CaseEvent.Kind.INTRODUCTION)
    MatchCase.objects.create(actor=duelmen, state=CaseState.RECEIVED)

    # Events: 2025 one event with two places held (and a cancellation); 2026 one with one
    # attendee; a cancelled event does not count.
    e2025 = EventFactory(start=_at(2025, 5, 5), end=_at(2025, 5, 5))
    RegistrationFactory(event=e2025, status=Registration.Status.CONFIRMED)
    RegistrationFactory(event=e2025, status=Registration.Status.ATTENDED)
    RegistrationFactory(event=e2025, status=Registration.Status.CANCELLED)
    e2026 = EventFactory(start=_at(2026, 3, 3), end=_at(2026, 3, 3))
    RegistrationFactory(event=e2026, status=Registration.Status.ATTENDED)
    EventFactory(start=_at(2026, 4, 4), end=_at(2026, 4, 4), status=Event.Status.CANCELLED)

    # Newsletter: A since Jan 2025; B from March to May 2026 (unsubscribed); C pending.
    SubscriptionFactory(confirmed_at=_at(2025, 1, 10))
    SubscriptionFactory(
        confirmed_at=_at(2026, 3, 1), status="unsubscribed", unsubscribed_at=_at(2026, 5, 1)
    )
    SubscriptionFactory(status="pending")
    return {"p1": p1, "p2": p2, "p3": p3, "p4": p4, "koeln": koeln, "malyn": malyn, "actor": Actor}
