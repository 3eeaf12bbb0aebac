"""The named factors and the ranking. Each factor gives a value between -1 and 1 and the
details its sentence needs; the score is the weighted sum (weights: ``SuggestionWeights``).
Ties are broken by name, then by id, so the order is stable."""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from typing import NamedTuple

from partnerships.matchmaking.engine.index import (
    DISTRICT_KINDS,
    OTHER_SIDE,
    REGIONAL_KINDS,
    ActorInfo,
    Facts,
    ProfileInfo,
    RegisterIndex,
    counterpart_kinds,
)
from partnerships.matchmaking.engine.memory import paused

# (NRW class, hromada's settlement type) → similarity of kind; looked up in both directions.
# The NRW classes: Großstadt (kreisfrei, or a Stadt of 100,000 or more), Stadt, Gemeinde. The
# hromadas of the oblast capitals are the counterparts of the Großstädte.
SETTLEMENT_SIMILARITY = {
    ("grossstadt", "oblast_centre"): 1.0,
    ("grossstadt", "urban"): 0.5,
    ("stadt", "oblast_centre"): 0.5,
    ("stadt", "urban"): 1.0,
    ("stadt", "settlement"): 0.75,
    ("stadt", "rural"): 0.25,
    ("gemeinde", "urban"): 0.25,
    ("gemeinde", "settlement"): 0.75,
    ("gemeinde", "rural"): 1.0,
}
GROSSSTADT = 100_000


def settlement_class(actor: ActorInfo, facts: Facts | None) -> str:
    if facts is None or not facts.settlement_type:
        return ""
    kind = facts.settlement_type
    if kind == "kreisfrei" or (kind == "stadt" and (actor.population or 0) >= GROSSSTADT):
        return "grossstadt"
    return kind


ZENSUS_SHARE_FULL = 30.0  # % foreign nationals at which the Zensus factor reaches its cap
ZENSUS_CAP = 0.25


class FactorValue(NamedTuple):  # a tuple: thousands are made per request
    key: str
    value: float
    detail: tuple


class Ranked(NamedTuple):
    actor_id: int
    score: float
    factors: tuple[FactorValue, ...]


@dataclass(frozen=True)
class Seeker:
    actor: ActorInfo
    profile: ProfileInfo | None


def seeker_for(index: RegisterIndex, *, actor_id: int, profile_id: int | None = None) -> Seeker:
    """The seeking side: a profile, or an actor with its newest active profile if any."""
    if profile_id is not None and profile_id in index.profiles:
        profile = index.profiles[profile_id]
        return Seeker(index.actors[profile.actor_id], profile)
    own = index.profiles_of.get(actor_id)
    return Seeker(index.actors[actor_id], own[-1] if own else None)


class _SeekerView:
    """What every candidate is compared with, computed once per request."""

    def __init__(self, index: RegisterIndex, seeker: Seeker):
        actor, profile = seeker.actor, seeker.profile
        self.actor = actor
        self.profile = profile
        self.country = actor.country
        self.other_country = OTHER_SIDE.get(actor.country, "")
        self.lineage = (actor.pk, *index.ancestors(actor.pk))
        self.themes = index.themes.get(actor.pk, set())
        own_profiles = [profile] if profile else index.profiles_of.get(actor.pk, [])
        self.own_profiles = own_profiles
        self.needs = frozenset().union(*(p.need_themes for p in own_profiles))
        self.offers = frozenset().union(*(p.offer_themes for p in own_profiles))
        self.third = index.third_keys.get(actor.pk, set())
        self.partners = index.partners.get(actor.pk, set())
        self.facts = index.facts.get(actor.pk)
        self.settlement = settlement_class(actor, self.facts)
        # ties of the seeker's lineage: other actor → (own member, kind)
        self.ties: dict[int, tuple[int, str]] = {}
        for member in self.lineage:
            for other, kind in index.ties.get(member, {}).items():
                self.ties.setdefault(other, (member, kind))
        self.counterparts = counterpart_kinds(actor.kind)
        self.preferred = profile.preferred_regions if profile else frozenset()
        self.excluded = profile.excluded_regions if profile else frozenset()
        self.kinds = (
            profile.seeks_kinds
            if profile and profile.seeks_kinds
            else counterpart_kinds(actor.kind)
        )


def _size(view: _SeekerView, c: ActorInfo) -> FactorValue | None:
    a, b = view.actor.population, c.population
    if not a or not b:
        return None
    profile = view.profile
    if profile and (
        (profile.min_population is not None and b < profile.min_population)
        or (profile.max_population is not None and b > profile.max_population)
    ):
        return FactorValue("size", -1.0, (a, b, profile.min_population, profile.max_population))
    value = max(0.0, 1.0 - abs(math.log10(a / b)))
    return FactorValue("size", value, (a, b))


def _kind(view: _SeekerView, c: ActorInfo, facts: Facts | None) -> FactorValue | None:
    s = view.actor
    if c.kind not in view.counterparts:
        return None
    s_type = view.settlement
    c_type = settlement_class(c, facts)
    if s_type and c_type:
        value = SETTLEMENT_SIMILARITY.get(
            (s_type, c_type), SETTLEMENT_SIMILARITY.get((c_type, s_type), 0.0)
        )
        return FactorValue("kind", value, (s_type, c_type)) if value else None
    return FactorValue("kind", 1.0, (s.kind, c.kind))


def _ties(index: RegisterIndex, view: _SeekerView, c: ActorInfo) -> list[FactorValue]:
    """Partnerships between the two sides' parents: Kreis–raion ("district") and
    Land/Regierungsbezirk–oblast ("regional", e.g. NRW – Oblast Dnipropetrowsk)."""
    found: dict[str, FactorValue] = {}
    for member in index.lineage(c.pk):
        tie = view.ties.get(member)
        if tie is None:
            continue
        own, kind = tie
        if own == view.actor.pk and member == c.pk:
            continue  # a direct partnership: the candidate is left out anyway
        kinds = {index.actors[own].kind, index.actors[member].kind}
        if kind == "district" or kinds & DISTRICT_KINDS:
            key = "district"
        elif kind == "regional" or kinds & REGIONAL_KINDS:
            key = "regional"
        else:
            continue
        found.setdefault(key, FactorValue(key, 1.0, (own, member)))
    return list(found.values())


def _third_partner(index: RegisterIndex, common: set[tuple[str, str]]) -> FactorValue:
    """Common third towns, each counting the more the fewer places it links (the Adamic–Adar
    measure of link prediction): Skawina, twinned with three places of the two sides, says
    more than Lublin, twinned with eleven. Each town adds 1 / log2(degree) (a town shared by
    exactly the two places: 1); the sum is capped at 1."""
    strength = sum(1 / math.log2(max(2, index.third_degree[key])) for key in common)
    names = tuple(sorted(index.third_names[key] for key in common))
    return FactorValue("third_partner", min(1.0, strength), names)


def _need(view: _SeekerView, same: int, others: int) -> FactorValue:
    # none yet: up (a little less for towns with many partners elsewhere); one or two:
    # neutral; from three on: down
    value = (1.0 if others < 8 else 0.5) if same == 0 else -min(max(same - 2, 0), 4) / 4
    return FactorValue("need", value, (view.country, same, others))


def _origin_for(index: RegisterIndex, german: ActorInfo, oblast: int | None) -> FactorValue | None:
    for member in (german.pk, *index.ancestors(german.pk)):
        for stat in index.origins.get(member, ()):
            if stat.country != "UA":
                continue
            if stat.region_id is not None and stat.region_id == oblast:
                return FactorValue("origin", 1.0, ("region", member, stat))
            if stat.region_id is None:
                return FactorValue("origin", 0.5, ("country", member, stat))
    facts = index.facts.get(german.pk)
    if facts and facts.foreign_share is not None:
        value = min(facts.foreign_share, ZENSUS_SHARE_FULL) / ZENSUS_SHARE_FULL * ZENSUS_CAP
        return FactorValue("origin", value, ("zensus", german.pk, facts.foreign_share))
    return None


def _region(index: RegisterIndex, view: _SeekerView, c: ActorInfo) -> FactorValue | None:
    if view.preferred:
        for member in index.lineage(c.pk):
            if member in view.preferred:
                return FactorValue("region", 1.0, ("preferred", member))
    for profile in index.profiles_of.get(c.pk, ()):
        for member in view.lineage:
            if member in profile.preferred_regions:
                return FactorValue("region", 0.5, ("wanted_by_candidate", member))
    return None


def _safety(facts: Facts | None) -> FactorValue | None:
    if not facts or not (facts.war_list_dates or facts.not_controlled_before_2022):
        return None
    # value 1 = listed; the weight says what that means (0: a flag only, negative: rank down)
    return FactorValue("safety", 1.0, (facts.war_list_dates, facts.not_controlled_before_2022))


def _profile_factors(
    index: RegisterIndex, view: _SeekerView, c: ActorInfo, c_profiles: list[ProfileInfo]
) -> list[FactorValue]:
    mutual = any(
        index.fits(own, c) and index.fits(theirs, view.actor)
        for own in view.own_profiles
        for theirs in c_profiles
    )
    values = [FactorValue("mutual", 1.0 if mutual else 0.5, (mutual,))]
    needs = frozenset().union(*(p.need_themes for p in c_profiles))
    offers = frozenset().union(*(p.offer_themes for p in c_profiles))
    gives, takes = view.needs & offers, view.offers & needs
    if gives or takes:
        detail = (tuple(sorted(gives)), tuple(sorted(takes)))
        values.append(FactorValue("needs_offers", min(len(gives) + len(takes), 2) / 2, detail))
    return values


_NOT_YET = object()  # a cache's "not computed yet" (None is a computed "does not apply")


class _Factors:
    """Computes a candidate's factors; per-request look-ups are prepared once."""

    def __init__(self, index: RegisterIndex, view: _SeekerView):
        self.index = index
        self.view = view
        self.origin_cache: dict[tuple[int, int | None], FactorValue | None] = {}
        # the look-ups every candidate needs, bound once
        self.profiles_of = index.profiles_of
        self.themes = index.themes
        self.facts = index.facts
        self.third_keys = index.third_keys
        self.ancestors = index.ancestors
        # Factor values are immutable tuples: candidates with the same inputs share one (a
        # register of thousands has a few hundred sizes, a handful of kinds and counts).
        self.size_cache: dict[int | None, FactorValue | None] = {}
        self.kind_cache: dict[tuple[str, str], FactorValue | None] = {}
        self.need_cache: dict[tuple[int, int], FactorValue] = {}

    def origin(self, c: ActorInfo) -> FactorValue | None:
        view = self.view
        german, ukrainian = (view.actor, c) if view.country == "DE" else (c, view.actor)
        if german.country != "DE" or ukrainian.country != "UA":
            return None
        key = (german.pk, ukrainian.region_id)
        found = self.origin_cache.get(key, self)  # self: not computed yet
        if found is self:
            found = self.origin_cache[key] = _origin_for(self.index, german, ukrainian.region_id)
        return found

    def __call__(self, c: ActorInfo) -> list[FactorValue]:
        # called for every candidate (thousands per request): look-ups once, the factors
        # only where they can apply, always in the same order
        index, view = self.index, self.view
        pk = c.pk
        values: list[FactorValue] = []
        c_profiles = self.profiles_of.get(pk)
        if c_profiles:
            values.extend(_profile_factors(index, view, c, c_profiles))
        if view.themes:
            common = view.themes.intersection(self.themes.get(pk, ()))
            if common:
                values.append(FactorValue("themes", min(len(common), 3) / 3, tuple(sorted(common))))
        factor = self.size_cache.get(c.population, _NOT_YET)
        if factor is _NOT_YET:
            factor = self.size_cache[c.population] = _size(view, c)
        if factor is not None:
            values.append(factor)
        facts = self.facts.get(pk)
        key = (c.kind, settlement_class(c, facts))
        factor = self.kind_cache.get(key, _NOT_YET)
        if factor is _NOT_YET:
            factor = self.kind_cache[key] = _kind(view, c, facts)
        if factor is not None:
            values.append(factor)
        if view.third:
            third = view.third.intersection(self.third_keys.get(pk, ()))
            if third:
                values.append(_third_partner(index, third))
        ties = view.ties
        if ties and (pk in ties or not ties.keys().isdisjoint(self.ancestors(pk))):
            values.extend(_ties(index, view, c))
        counts = index.partner_count(pk, view.country)
        factor = self.need_cache.get(counts)
        if factor is None:
            factor = self.need_cache[counts] = _need(view, *counts)
        values.append(factor)
        factor = self.origin(c)
        if factor is not None:
            values.append(factor)
        if view.preferred or c_profiles:
            factor = _region(index, view, c)
            if factor is not None:
                values.append(factor)
        if facts is not None:
            factor = _safety(facts)
            if factor is not None:
                values.append(factor)
        return values


@paused
def rank(
    index: RegisterIndex,
    seeker: Seeker,
    *,
    weights: dict[str, float] | None = None,
    limit: int | None = None,
) -> list[Ranked]:
    """Every candidate of the other side, best first (the seeker's partners and the regions
    its profile excludes are left out)."""
    weights = weights if weights is not None else index.weights
    view = _SeekerView(index, seeker)
    if not view.other_country:
        return []
    compute = _Factors(index, view)
    scored = []  # (score, id, factors): plain tuples, Ranked only for those returned
    weight, actors, seeker_id, partners = weights.get, index.actors, view.actor.pk, view.partners
    excluded = view.excluded
    for pk in index.candidates(country=view.other_country, kinds=view.kinds):
        if pk == seeker_id or pk in partners or (excluded and index.in_regions(pk, excluded)):
            continue
        factors = compute(actors[pk])
        score = 0.0
        for key, value, _detail in factors:
            score += weight(key, 0.0) * value
        scored.append((round(score, 6), pk, factors))  # rounding: stable ties
    if limit is not None and len(scored) > limit:
        # only candidates that can reach the first ``limit`` places are ordered by name
        if limit <= 0:
            return []
        threshold = heapq.nlargest(limit, [row[0] for row in scored])[-1]
        scored = [row for row in scored if row[0] >= threshold]
    scored.sort(key=lambda row: (-row[0], actors[row[1]].name.casefold(), row[1]))
    return [Ranked(pk, score, tuple(factors)) for score, pk, factors in scored[:limit]]


def factors_for(index: RegisterIndex, seeker: Seeker, candidate_id: int) -> Ranked:
    """One candidate's factors and score (the same computation as ``rank``)."""
    view = _SeekerView(index, seeker)
    factors = _Factors(index, view)(index.actors[candidate_id])
    score = sum(index.weights.get(key, 0.0) * value for key, value, _detail in factors)
    return Ranked(candidate_id, round(score, 6), tuple(factors))
