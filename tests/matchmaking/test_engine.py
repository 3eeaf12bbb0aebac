"""The suggestion engine: every factor with its value and sentence, ordering and ties,
weights, visibility and a query count that does not grow with the register."""

import pytest
from django.utils import translation

from partnerships.matchmaking.models import (
    OriginStatistic,
    PlaceFacts,
    SuggestionWeights,
    Twinning,
)
from partnerships.matchmaking.selectors import actor_suggestions, profile_suggestions
from portal.models import Theme
from tests.matchmaking.factories import SearchProfileFactory
from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db


def by_name(suggestions):
    return {s.actor.name: s for s in suggestions}


def factor(suggestion, key):
    found = [f for f in (*suggestion.factors, *suggestion.flags) if f.key == key]
    return found[0] if found else None


def names(suggestions):
    return [s.actor.name for s in suggestions]


def themes(*slugs):
    return list(Theme.objects.filter(slug__in=slugs))


def test_third_partner_town_and_its_sentence(world):
    suggestions = actor_suggestions(actor=world["huerth"])
    assert names(suggestions)[0] == "Peremyshliany"
    third = factor(suggestions[0], "third_partner")
    assert third.sentence == "beide mit Skawina (PL) verschwistert"
    assert third.value == 1.0 and third.contribution == 4.0


def test_a_third_town_shared_by_many_places_counts_less(world):
    assert factor(actor_suggestions(actor=world["huerth"])[0], "third_partner").value == 1.0
    for n in range(6):  # Skawina now links eight places of the two sides
        town = ActorFactory(official_code=f"0500000{n}")
        Twinning.objects.create(
            official_code=town.official_code,
            country="DE",
            partner_name="Skawina",
            partner_country="PL",
        )
    weaker = factor(actor_suggestions(actor=world["huerth"])[0], "third_partner")
    assert weaker.value == pytest.approx(1 / 3)  # 1 / log2(8)


def test_links_through_russian_or_belarusian_towns_are_left_out(world):
    malyn = by_name(actor_suggestions(actor=world["huerth"]))["Malyn"]
    assert factor(malyn, "third_partner") is None  # both list Rostov-on-Don (RU)


def test_register_partnerships_give_third_partners_too(world):
    PartnershipFactory(partners=[world["billerbeck"], world["iecava"]])
    PartnershipFactory(partners=[world["malyn"], world["iecava"]], publication_state="draft")
    malyn = by_name(actor_suggestions(actor=world["billerbeck"]))["Malyn"]
    assert factor(malyn, "third_partner").sentence == "beide mit Iecava (LV) verschwistert"
    # editors (public information only) do not see the unpublished Malyn–Iecava record
    profile = SearchProfileFactory(actor=world["billerbeck"])
    public = by_name(profile_suggestions(profile=profile, staff=False))["Malyn"]
    assert factor(public, "third_partner") is None


@pytest.mark.parametrize(
    ("language", "numbers"),
    [
        ("de", "498.686 / 606.584"),
        ("uk", "498\xa0686 / 606\xa0584"),
        ("en", "498,686 / 606,584"),
    ],
)
def test_size_sentence_in_the_readers_number_format(world, language, numbers):
    with translation.override(language):
        kryvyi_rih = by_name(actor_suggestions(actor=world["duisburg"]))["Kryvyi Rih"]
    size = factor(kryvyi_rih, "size")
    assert size.sentence.endswith(numbers)
    assert 0.9 < size.value < 0.92  # 1 - |log10(498686 / 606584)|


def test_size_outside_the_profiles_range_counts_against(world):
    profile = SearchProfileFactory(actor=world["billerbeck"], max_population=50000)
    suggestions = by_name(profile_suggestions(profile=profile, staff=True))
    assert factor(suggestions["Kryvyi Rih"], "size").value == -1.0
    assert "außerhalb der gesuchten Größe" in factor(suggestions["Kryvyi Rih"], "size").sentence
    assert factor(suggestions["Malyn"], "size").value > 0


def test_kind_stadt_and_urban_hromada_grossstadt_and_oblast_centre(world):
    kind = factor(by_name(actor_suggestions(actor=world["billerbeck"]))["Malyn"], "kind")
    assert (kind.value, kind.sentence) == (1.0, "Stadt ↔ städtische Hromada")
    suggestions = by_name(actor_suggestions(actor=world["duisburg"]))
    kind = factor(suggestions["Kryvyi Rih"], "kind")
    assert (kind.value, kind.sentence) == (0.5, "Großstadt ↔ städtische Hromada")
    PlaceFacts.objects.filter(official_code=world["kryvyi_rih"].official_code).update(
        settlement_type="oblast_centre"
    )
    suggestions = by_name(actor_suggestions(actor=world["duisburg"]))
    kind = factor(suggestions["Kryvyi Rih"], "kind")
    assert (kind.value, kind.sentence) == (1.0, "Großstadt ↔ Oblastzentrum")


def test_counterpart_levels(world):
    kreis = actor_suggestions(actor=world["kreis"])
    assert {s.actor.kind for s in kreis} == {"raion"}
    assert {s.actor.kind for s in actor_suggestions(actor=world["land"])} == {"oblast"}
    assert {s.actor.kind for s in actor_suggestions(actor=world["malyn"])} == {"municipality"}


def test_common_themes(world):
    PartnershipFactory(partners=[world["billerbeck"], world["iecava"]]).themes.set(
        themes("jugend", "bildung")
    )
    SearchProfileFactory(actor=world["malyn"], themes=themes("jugend", "bildung", "kultur"))
    malyn = by_name(actor_suggestions(actor=world["billerbeck"]))["Malyn"]
    common = factor(malyn, "themes")
    assert common.sentence == "2 gemeinsame Themen: Jugend, Bildung"
    assert common.value == pytest.approx(2 / 3)


def test_needs_and_offers(world):
    own = SearchProfileFactory(
        actor=world["billerbeck"], need_themes=themes("verwaltung"), offer_themes=themes("jugend")
    )
    SearchProfileFactory(
        actor=world["malyn"], offer_themes=themes("verwaltung"), need_themes=themes("jugend")
    )
    malyn = by_name(profile_suggestions(profile=own, staff=True))["Malyn"]
    assert factor(malyn, "needs_offers").sentence == (
        "bietet, was gesucht wird: Verwaltung; sucht, was angeboten wird: Jugend"
    )
    assert factor(malyn, "needs_offers").value == 1.0


def test_need_no_german_partner_ranks_up_many_partners_rank_down(world):
    PartnershipFactory(partners=[world["duisburg"], world["kryvyi_rih"]])
    suggestions = by_name(actor_suggestions(actor=world["billerbeck"]))
    assert factor(suggestions["Malyn"], "need").sentence == "noch keine deutsche Partnerkommune"
    assert factor(suggestions["Malyn"], "need").value == 1.0
    taken = factor(suggestions["Kryvyi Rih"], "need")
    assert (taken.value, taken.sentence) == (0.0, "bereits 1 deutsche Partnerkommune")
    for _n in range(3):
        PartnershipFactory(partners=[ActorFactory(), world["kryvyi_rih"]])
    many = factor(by_name(actor_suggestions(actor=world["billerbeck"]))["Kryvyi Rih"], "need")
    assert (many.value, many.sentence) == (-0.5, "bereits 4 deutsche Partnerkommunen")
    # the Ukrainian side sees the same from its side
    huerth = by_name(actor_suggestions(actor=world["malyn"]))["Hürth"]
    assert factor(huerth, "need").sentence == "noch keine ukrainische Partnerkommune"


def test_existing_partners_are_not_suggested(world):
    PartnershipFactory(partners=[world["billerbeck"], world["malyn"]])
    assert "Malyn" not in names(actor_suggestions(actor=world["billerbeck"]))
    ended = PartnershipFactory(partners=[world["huerth"], world["peremyshliany"]], status="ended")
    assert ended and "Peremyshliany" in names(actor_suggestions(actor=world["huerth"]))


def test_regional_partnership_nrw_dnipropetrowsk(world):
    PartnershipFactory(partners=[world["land"], world["kryvyi_rih_oblast"]], kind="regional")
    kryvyi_rih = by_name(actor_suggestions(actor=world["billerbeck"]))["Kryvyi Rih"]
    assert factor(kryvyi_rih, "regional").sentence == (
        "Regionalpartnerschaft Land Nordrhein-Westfalen – Oblast Dnipropetrowsk"
    )
    assert (
        factor(by_name(actor_suggestions(actor=world["billerbeck"]))["Malyn"], "regional") is None
    )


def test_kreis_raion_partnership(world):
    PartnershipFactory(partners=[world["kreis"], world["malyn_raion"]], kind="district")
    malyn = by_name(actor_suggestions(actor=world["billerbeck"]))["Malyn"]
    assert factor(malyn, "district").sentence == (
        "Partnerschaft auf Kreisebene: Kreis Coesfeld – Rajon Korosten"
    )
    assert factor(by_name(actor_suggestions(actor=world["huerth"]))["Malyn"], "district") is None


def test_origin_statistic_entered_by_staff_and_zensus_share(world):
    zensus = factor(by_name(actor_suggestions(actor=world["billerbeck"]))["Malyn"], "origin")
    assert zensus.sentence == (
        "Ausländeranteil in Billerbeck 12,0 % (Zensus 2022, ohne Aufschlüsselung nach Herkunft)"
    )
    OriginStatistic.objects.create(
        actor=world["billerbeck"],
        origin_country="UA",
        origin_region=world["malyn_oblast"],
        residents=120,
        as_of="2024-03-31",
        source="Einwohnermeldeamt",
    )
    suggestions = by_name(actor_suggestions(actor=world["billerbeck"]))
    origin = factor(suggestions["Malyn"], "origin")
    assert origin.value == 1.0
    assert origin.sentence == (
        "Billerbeck: 120 Einwohner*innen aus Oblast Schytomyr (Herkunftsstatistik, Stand "
        "31.03.2024, Einwohnermeldeamt)"
    )
    assert factor(suggestions["Peremyshliany"], "origin").key == "origin"
    assert factor(suggestions["Peremyshliany"], "origin").value < 1.0


def test_dated_2022_lists_flag_but_never_hide(world):
    suggestions = actor_suggestions(actor=world["duisburg"])
    kryvyi_rih = by_name(suggestions)["Kryvyi Rih"]
    flag = factor(kryvyi_rih, "safety")
    assert flag in kryvyi_rih.flags and flag.contribution == 0
    assert "23.08.2022, 10.10.2022" in flag.sentence
    assert "nicht der heutige Stand" in flag.sentence
    weights = SuggestionWeights.current().as_dict() | {"safety": -100.0}
    lowered = actor_suggestions(actor=world["duisburg"], weights=weights)
    assert names(lowered)[-1] == "Kryvyi Rih"  # ranked down by staff's choice, still listed


def test_profiles_that_seek_each_other_rank_higher(world):
    own = SearchProfileFactory(actor=world["billerbeck"], max_population=100000)
    SearchProfileFactory(actor=world["peremyshliany"], seeks_kinds=["municipality"])
    SearchProfileFactory(actor=world["malyn"], min_population=100000)  # Billerbeck too small
    suggestions = by_name(profile_suggestions(profile=own, staff=True))
    mutual = factor(suggestions["Peremyshliany"], "mutual")
    assert (mutual.value, mutual.sentence) == (
        1.0,
        "Beide suchen einander: die Suchprofile passen zueinander.",
    )
    assert factor(suggestions["Malyn"], "mutual").value == 0.5
    assert names(profile_suggestions(profile=own, staff=True))[0] == "Peremyshliany"


def test_staff_only_profiles_count_only_for_staff(world):
    own = SearchProfileFactory(actor=world["billerbeck"])
    SearchProfileFactory(actor=world["peremyshliany"], visibility="staff")
    public = by_name(profile_suggestions(profile=own, staff=False))
    assert factor(public["Peremyshliany"], "mutual") is None
    staff = by_name(profile_suggestions(profile=own, staff=True))
    assert factor(staff["Peremyshliany"], "mutual").value == 1.0


def test_preferred_and_excluded_regions(world):
    own = SearchProfileFactory(actor=world["billerbeck"])
    own.preferred_regions.set([world["malyn_oblast"]])
    own.excluded_regions.set([world["kryvyi_rih_oblast"]])
    suggestions = by_name(profile_suggestions(profile=own, staff=True))
    assert "Kryvyi Rih" not in suggestions
    assert factor(suggestions["Malyn"], "region").sentence == (
        "in der gewünschten Region Oblast Schytomyr"
    )


def test_stable_order_and_ties_by_name_then_id(world):
    twins = [
        UkrainianActorFactory(name=name, population=36723, parent=world["malyn_raion"])
        for name in ("Zeta", "Alpha", "Alpha")
    ]
    first = actor_suggestions(actor=world["billerbeck"], limit=None)
    again = actor_suggestions(actor=world["billerbeck"], limit=None)
    assert [s.actor.pk for s in first] == [s.actor.pk for s in again]
    tied = [s for s in first if s.actor.pk in {t.pk for t in twins}]
    assert len({s.score for s in tied}) == 1
    assert [s.actor.pk for s in tied] == [twins[1].pk, twins[2].pk, twins[0].pk]
    assert [s.position for s in first] == list(range(1, len(first) + 1))


def test_weights_change_the_order(world):
    order = names(actor_suggestions(actor=world["huerth"]))
    assert order[0] == "Peremyshliany"  # the common partner Skawina weighs most
    weights = SuggestionWeights.current()
    weights.third_partner = 0
    weights.size = 10
    weights.save()
    assert names(actor_suggestions(actor=world["huerth"]))[0] == "Malyn"  # closest in size


def test_query_count_does_not_grow_with_the_register(world):
    own = SearchProfileFactory(actor=world["billerbeck"], themes=themes("jugend"))
    SuggestionWeights.current()  # the first call creates the row

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            result = profile_suggestions(profile=own, staff=True, limit=50)
        return len(ctx.captured_queries), result

    small, _result = count()
    raion = world["malyn_raion"]
    for n in range(120):
        hromada = UkrainianActorFactory(population=1000 + n, parent=raion, region=raion.region)
        town = ActorFactory(population=2000 + n)
        PartnershipFactory(partners=[town, hromada]).themes.set(themes("jugend"))
        SearchProfileFactory(actor=hromada, themes=themes("jugend"))
    large, result = count()
    assert large == small <= 15
    assert len(result) == 50


def test_a_scoped_read_ranks_like_the_whole_register(world):
    from partnerships.matchmaking.selectors import suggestion_index

    PartnershipFactory(partners=[world["land"], world["kryvyi_rih_oblast"]], kind="regional")
    PartnershipFactory(partners=[world["billerbeck"], world["iecava"]])
    PartnershipFactory(partners=[world["huerth"], world["skawina"]])
    for actor in (world["billerbeck"], world["malyn"]):
        scoped = actor_suggestions(actor=actor)
        whole = actor_suggestions(actor=actor, index=suggestion_index(staff=True))
        assert [(s.actor.pk, s.score) for s in scoped] == [(s.actor.pk, s.score) for s in whole]
        assert [s.factors for s in scoped] == [s.factors for s in whole]


def test_the_other_members_read_without_postgresql_arrays_rank_the_same(world, monkeypatch):
    """The scoped read fetches its partnerships' other members by an id array on
    PostgreSQL and through the partnerships elsewhere (SQLite): the same rows either way."""
    from django.db import connection

    PartnershipFactory(partners=[world["billerbeck"], world["iecava"]])
    PartnershipFactory(partners=[world["malyn"], world["iecava"]])
    PartnershipFactory(partners=[world["huerth"], world["skawina"]])
    PartnershipFactory(partners=[world["kreis"], world["malyn_raion"]], kind="district")

    def rankings():
        return [
            [(s.actor.pk, s.score, s.factors) for s in actor_suggestions(actor=world[key])]
            for key in ("billerbeck", "huerth", "malyn")
        ]

    arrays = rankings()
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert rankings() == arrays
    assert any(f.key == "third_partner" for _pk, _score, factors in arrays[0] for f in factors)
