"""A fixed register and its full rankings, written down: any change to the engine's speed
(how it reads, indexes or ranks) must leave every suggestion, its score and its order as they
are."""

import pytest

from partnerships.matchmaking.models import OriginStatistic
from partnerships.matchmaking.selectors import actor_suggestions, profile_suggestions
from portal.models import Theme
from tests.matchmaking.factories import SearchProfileFactory
from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db


def themes(*slugs):
    return list(Theme.objects.filter(slug__in=slugs))


@pytest.fixture
def register(world):
    w = world
    PartnershipFactory(partners=[w["land"], w["kryvyi_rih_oblast"]], kind="regional")
    PartnershipFactory(partners=[w["kreis"], w["malyn_raion"]], kind="district")
    PartnershipFactory(partners=[w["billerbeck"], w["iecava"]]).themes.set(themes("jugend"))
    PartnershipFactory(partners=[w["huerth"], w["skawina"]])
    PartnershipFactory(partners=[w["duisburg"], w["kryvyi_rih"]]).themes.set(
        themes("wirtschaft", "bildung")
    )
    hromadas = []
    for n, (population, raion) in enumerate(
        [
            (11500, "malyn_raion"),
            (24000, "peremyshliany_raion"),
            (36723, "malyn_raion"),  # the same size as Malyn: a tie broken by name
            (150000, "kryvyi_rih_raion"),
            (5200, "peremyshliany_raion"),
            (60000, "malyn_raion"),
        ]
    ):
        r = w[raion]
        hromadas.append(
            UkrainianActorFactory(
                name=f"Hromada {chr(ord('A') + n)}",
                population=population,
                parent=r,
                region=r.region,
                district=r,
            )
        )
    PartnershipFactory(partners=[hromadas[0], w["iecava"]])
    PartnershipFactory(partners=[hromadas[1], ActorFactory(name="Ahlen", population=52000)])
    for n in range(3):
        PartnershipFactory(partners=[hromadas[3], ActorFactory(name=f"Partnerstadt {n}")])
    SearchProfileFactory(
        actor=hromadas[4],
        seeks_kinds=["municipality"],
        themes=themes("jugend", "kultur"),
        need_themes=themes("verwaltung"),
    )
    SearchProfileFactory(actor=w["malyn"], min_population=20000, themes=themes("jugend"))
    OriginStatistic.objects.create(
        actor=w["billerbeck"],
        origin_country="UA",
        origin_region=w["peremyshliany_oblast"],
        residents=80,
        as_of="2024-06-30",
        source="Einwohnermeldeamt",
    )
    own = SearchProfileFactory(
        actor=w["billerbeck"],
        max_population=100000,
        themes=themes("jugend", "bildung"),
        offer_themes=themes("verwaltung"),
    )
    own.preferred_regions.set([w["malyn_oblast"]])
    return w | {"profile": own}


def ranking(suggestions):
    return [(s.actor.name, s.score) for s in suggestions]


# Written down from the engine before its speed-up (1 Dec 2026) and unchanged since.
EXPECTED_PROFILE = [
    ("Hromada A", 12.139057),
    ("Hromada E", 9.204973),
    ("Malyn", 8.648223),
    ("Hromada C", 6.648223),
    ("Hromada F", 6.008583),
    ("Peremyshliany", 5.074798),
    ("Hromada B", 4.552403),
    ("Kryvyi Rih", -0.85),
    ("Hromada D", -1.475),
]
EXPECTED_MALYN = [
    ("Hürth", 4.016215),
    ("Ahlen", 3.546804),
    ("Billerbeck", 3.4),
    ("Partnerstadt 0", 1.0),
    ("Partnerstadt 1", 1.0),
    ("Partnerstadt 2", 1.0),
    ("Duisburg", 0.65),
]
EXPECTED_DUISBURG = [("Hromada E", 3.15), ("Hromada D", 2.959792), ("Malyn", 2.65)]


def test_a_profiles_full_ranking_is_unchanged(register):
    found = ranking(profile_suggestions(profile=register["profile"], staff=True, limit=None))
    assert found == EXPECTED_PROFILE


def test_an_actors_rankings_on_both_sides_are_unchanged(register):
    assert ranking(actor_suggestions(actor=register["malyn"], limit=None)) == EXPECTED_MALYN
    assert ranking(actor_suggestions(actor=register["duisburg"], limit=3)) == EXPECTED_DUISBURG
