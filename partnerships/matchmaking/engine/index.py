"""Compact look-up structures built from ``RegisterRows`` (no database access).

Partner towns are identified by a key ``(country, ident)``: ``ident`` is ``code:<AGS or
KATOTTG>`` for places of the register and the case-folded name for other towns, so a
partnership in the register and the same pair on Wikipedia count once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from partnerships.matchmaking.engine.memory import paused
from partnerships.matchmaking.engine.rows import RegisterRows

OTHER_SIDE = {"DE": "UA", "UA": "DE"}
# Links through towns in these countries are left out (partnerships suspended since 2022).
NO_TIES_COUNTRIES = frozenset({"RU", "BY"})
# A partner level's counterpart on the other side (kinds not listed: the same kind).
COUNTERPART_KINDS = {
    "municipality": ("hromada",),
    "district": ("raion",),
    "gov_region": ("oblast",),
    "state": ("oblast",),
    "hromada": ("municipality",),
    "raion": ("district",),
    "oblast": ("gov_region", "state"),
}
# Partners in these countries are never third towns of the register (see ``_add_third``).
NO_THIRD_COUNTRIES = NO_TIES_COUNTRIES | {"UA", "DE"}
REGIONAL_KINDS = frozenset({"state", "gov_region", "oblast"})
DISTRICT_KINDS = frozenset({"district", "raion"})


def counterpart_kinds(kind: str) -> tuple[str, ...]:
    return COUNTERPART_KINDS.get(kind, (kind,))


class ActorInfo(NamedTuple):
    pk: int
    kind: str
    name: str
    country: str
    code: str
    population: int | None
    parent_id: int | None
    region_id: int | None
    slug: str
    label: str  # the name in the reader's language (``name``: German, for keys and ties)


class ProfileInfo(NamedTuple):
    pk: int
    actor_id: int
    seeks_kinds: tuple[str, ...]
    min_population: int | None
    max_population: int | None
    public: bool
    themes: frozenset[int]
    need_themes: frozenset[int]
    offer_themes: frozenset[int]
    preferred_regions: frozenset[int]
    excluded_regions: frozenset[int]


class Facts(NamedTuple):
    settlement_type: str
    foreign_share: float | None
    war_list_dates: tuple[str, ...]
    not_controlled_before_2022: bool


class Origin(NamedTuple):
    actor_id: int
    country: str
    region_id: int | None
    residents: int | None
    share: float | None
    as_of: object
    source: str


class RegisterIndex:
    """The register for one request. ``hidden_pairs`` leaves partnerships out (the
    leave-one-out evaluation hides a real partnership from every source)."""

    @paused
    def __init__(self, rows: RegisterRows, *, hidden_pairs: Iterable[Iterable[int]] = ()):
        hidden = {frozenset(pair) for pair in hidden_pairs}
        self.weights = dict(rows.weights)
        make = ActorInfo._make
        self.actors: dict[int, ActorInfo] = {r[0]: make(r) for r in rows.actors}
        self.by_code = {a.code: a.pk for a in self.actors.values() if a.code}
        self.by_country_kind: dict[tuple[str, str], list[int]] = defaultdict(list)
        for a in self.actors.values():
            self.by_country_kind[(a.country, a.kind)].append(a.pk)
        self._ancestors: dict[int, tuple[int, ...]] = {}
        self._lineage: dict[int, tuple[int, ...]] = {}

        self.partners: dict[int, set[int]] = defaultdict(set)
        self.ties: dict[int, dict[int, str]] = defaultdict(dict)
        self.partner_keys: dict[int, set[tuple[str, str]]] = defaultdict(set)
        self.third_keys: dict[int, set[tuple[str, str]]] = defaultdict(set)
        self.third_names: dict[tuple[str, str], str] = {}
        self.themes: dict[int, set[int]] = defaultdict(set)
        self._load_partnerships(rows, hidden)
        self._load_twinnings(rows, hidden)
        # How many places of either side share each third town (its "degree"): every place
        # of the Wikipedia lists (whether or not this request read its actor) and the actors
        # read with a register link — so a scoped read gives the same degrees.
        owners: dict[tuple[str, str], set] = defaultdict(set)
        for code, name, country, partner_code in rows.twinnings:
            if not partner_code:
                owners[(country, name.casefold())].add(code)
        for pk, keys in self.third_keys.items():
            code = self.actors[pk].code or pk
            for key in keys:
                owners[key].add(code)
        self.third_degree = {key: len(found) for key, found in owners.items()}

        self.facts: dict[int, Facts] = {}
        for code, settlement_type, share, dates, before in rows.facts:
            pk = self.by_code.get(code)
            if pk is not None:
                self.facts[pk] = Facts(
                    settlement_type,
                    float(share) if share is not None else None,
                    tuple(dates.split(",")) if dates else (),
                    before,
                )
        self.profiles: dict[int, ProfileInfo] = {}
        self.profiles_of: dict[int, list[ProfileInfo]] = defaultdict(list)
        self._load_profiles(rows)
        self.origins: dict[int, list[Origin]] = defaultdict(list)
        for row in rows.origins:
            share = float(row[4]) if row[4] is not None else None
            self.origins[row[0]].append(Origin(*row[:4], share, *row[5:]))

    # --- building ---------------------------------------------------------------------------

    def _key(self, actor: ActorInfo) -> tuple[str, str]:
        if actor.code and actor.country in OTHER_SIDE:
            return (actor.country, f"code:{actor.code}")
        return (actor.country, actor.name.casefold())

    def _add_third(
        self, owner: int, country: str, name: str, *, label: str = "", register: bool = True
    ) -> None:
        """A third town: not Russian or Belarusian, not Ukrainian, and (for the register,
        whose German actors are NRW's) not German; a German town outside NRW from the
        Wikipedia lists counts. ``name`` (German) identifies it; ``label`` (a register actor's
        name in the reader's language) is what its sentence shows."""
        if country in NO_TIES_COUNTRIES or country == "UA" or (register and country == "DE"):
            return
        key = (country, name.casefold())
        self.third_keys[owner].add(key)
        self.third_names.setdefault(key, f"{label or name} ({country})")

    def _load_partnerships(self, rows: RegisterRows, hidden: set[frozenset]) -> None:
        themes: dict[int, set[int]] = defaultdict(set)
        for pid, theme_id in rows.partnership_themes:
            themes[pid].add(theme_id)
        groups: dict[int, list[tuple]] = defaultdict(list)  # the member rows themselves
        actors = self.actors
        for row in rows.members:  # (partnership, actor, role, partnership kind)
            if row[1] in actors:
                groups[row[0]].append(row)
        all_partners, all_ties, all_keys = self.partners, self.ties, self.partner_keys
        all_themes, add_third, key_of = self.themes, self._add_third, self._key
        for pid, members in groups.items():
            partners = [row[1] for row in members if row[2] == "partner"]
            if hidden and frozenset(partners) in hidden:
                continue  # the whole partnership is hidden, with its brokers and themes
            brokers = [row[1] for row in members if row[2] == "broker"]
            kind = members[0][3]
            shared = themes.get(pid)
            for a in partners:
                if shared:
                    all_themes[a] |= shared
                own_partners, own_ties, own_keys = all_partners[a], all_ties[a], all_keys[a]
                for b in partners:
                    if a == b or (hidden and frozenset((a, b)) in hidden):
                        continue
                    other = actors[b]
                    own_partners.add(b)
                    own_ties[b] = kind
                    own_keys.add(key_of(other))
                    if other.country not in NO_THIRD_COUNTRIES:
                        add_third(a, other.country, other.name, label=other.label)
                for b in brokers:
                    broker = actors[b]
                    add_third(a, broker.country, broker.name, label=broker.label)

    def _load_twinnings(self, rows: RegisterRows, hidden: set[frozenset]) -> None:
        for code, name, country, partner_code in rows.twinnings:
            owner = self.by_code.get(code)
            if owner is None:
                continue
            if partner_code:
                other = self.by_code.get(partner_code)
                if other is not None and frozenset((owner, other)) in hidden:
                    continue
                self.partner_keys[owner].add((country, f"code:{partner_code}"))
                continue
            self.partner_keys[owner].add((country, name.casefold()))
            self._add_third(owner, country, name, register=False)

    def _load_profiles(self, rows: RegisterRows) -> None:
        links: dict[str, dict[int, set[int]]] = {}
        for name, pairs in rows.profile_links.items():
            by_profile: dict[int, set[int]] = defaultdict(set)
            for profile_id, target_id in pairs:
                by_profile[profile_id].add(target_id)
            links[name] = by_profile
        for pk, actor_id, kinds, min_pop, max_pop, public in rows.profiles:
            if actor_id not in self.actors:
                continue
            info = ProfileInfo(
                pk,
                actor_id,
                tuple(kinds or ()),
                min_pop,
                max_pop,
                public,
                *(frozenset(links.get(name, {}).get(pk, ())) for name in _LINK_ORDER),
            )
            self.profiles[pk] = info
            self.profiles_of[actor_id].append(info)
            self.themes[actor_id] |= info.themes

    # --- reading ----------------------------------------------------------------------------

    def lineage(self, pk: int) -> tuple[int, ...]:
        """The actor and its parent chain."""
        found = self._lineage.get(pk)
        if found is None:
            found = self._lineage[pk] = (pk, *self.ancestors(pk))
        return found

    def ancestors(self, pk: int) -> tuple[int, ...]:
        """The parent chain (Kreis, Regierungsbezirk, Land / raion, oblast), nearest first."""
        found = self._ancestors.get(pk)
        if found is None:
            chain, seen = [], {pk}
            parent = self.actors[pk].parent_id
            while parent is not None and parent in self.actors and parent not in seen:
                chain.append(parent)
                seen.add(parent)
                parent = self.actors[parent].parent_id
            found = self._ancestors[pk] = tuple(chain)
        return found

    def partner_count(self, pk: int, country: str) -> tuple[int, int]:
        """(partner towns in ``country``, partner towns elsewhere) of one actor, register and
        Wikipedia together."""
        keys = self.partner_keys.get(pk)
        if not keys:
            return (0, 0)
        same = 0
        for key_country, _ident in keys:
            if key_country == country:
                same += 1
        return (same, len(keys) - same)

    def candidates(self, *, country: str, kinds: Iterable[str]) -> list[int]:
        result: list[int] = []
        for kind in kinds:
            result.extend(self.by_country_kind.get((country, kind), ()))
        return result

    def fits(self, profile: ProfileInfo, other: ActorInfo) -> bool:
        """Would ``other`` be a partner the profile's owner seeks (level, size, region)?"""
        owner = self.actors[profile.actor_id]
        if other.country != OTHER_SIDE.get(owner.country):
            return False
        if other.kind not in (profile.seeks_kinds or counterpart_kinds(owner.kind)):
            return False
        population = other.population
        if population is not None:
            if profile.min_population is not None and population < profile.min_population:
                return False
            if profile.max_population is not None and population > profile.max_population:
                return False
        return not self.in_regions(other.pk, profile.excluded_regions)

    def in_regions(self, pk: int, regions: frozenset[int]) -> bool:
        """Is the actor one of ``regions`` or inside one of them?"""
        return bool(regions) and not regions.isdisjoint(self.lineage(pk))


_LINK_ORDER = ("themes", "need_themes", "offer_themes", "preferred_regions", "excluded_regions")
