"""Matching both ways, explained like the Partnersuche's suggestions: each candidate carries
named factors (value between -1 and 1, one sentence each, in the reader's language) and
their weighted sum. The factor tuples, the ranked rows and the explained rows are the
partner search's (``partnerships.matchmaking.engine``); the sentences of the factors both
share ("noch keine deutsche Partnerkommune", "bietet, was gesucht wird: …") are its too.

* For a need: the published offers that fit (same category group; quantity, horizon,
  timing) — offers of existing partners first — and the NRW actors whose partnerships,
  earlier handovers or search profile suggest they could help (existing partners first).
* For an offer: the published needs that fit — partner communities first, then hromadas
  with no German partner, then the rest.

A constant number of queries per call, whatever the number of items.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnerships.exchange.models import GROUP_OF, MET_STATES, Category, Item, Match
from partnerships.matchmaking.engine.explain import Explained, factor_sentence, number
from partnerships.matchmaking.engine.rows import fetch
from partnerships.matchmaking.engine.score import FactorValue, Ranked
from partnerships.models import Actor, Partnership, PartnershipMember
from portal import languages

WEIGHTS = {
    "partner": 3.0,
    "category": 2.0,
    "quantity": 1.0,
    "horizon": 0.5,
    "timing": 1.0,
    "urgency": 0.5,
    "history": 1.5,
    "needs_offers": 1.0,
    "need": 1.0,
}
LABELS = {
    "partner": gettext_lazy("bestehende Partnerschaft"),
    "category": gettext_lazy("Kategorie"),
    "quantity": gettext_lazy("Menge"),
    "horizon": gettext_lazy("Zeithorizont"),
    "timing": gettext_lazy("Zeitpunkt"),
    "urgency": gettext_lazy("Dringlichkeit"),
    "history": gettext_lazy("frühere Hilfe"),
    "needs_offers": gettext_lazy("Suchprofil"),
    "need": gettext_lazy("Bedarf an Partnern"),
}
# The themes of search profiles that speak for a category (the profile factor).
CATEGORY_THEMES = {
    "goods": ("humanitaere-hilfe",),
    "kh_energy": ("nachhaltigkeit", "wiederaufbau"),
    "kh_water": ("nachhaltigkeit", "wiederaufbau"),
    "kh_waste": ("nachhaltigkeit",),
    "kh_admin": ("verwaltung",),
    "kh_digital": ("digitalisierung",),
    "kh_education": ("bildung",),
    "kh_health": ("humanitaere-hilfe",),
    "reconstruction": ("wiederaufbau",),
    "ex_youth": ("jugend",),
    "ex_culture": ("kultur",),
    "ex_sport": ("sport",),
    "ex_professional": ("verwaltung", "wirtschaft"),
}
DEFAULT_LIMIT = 10
SOURCE_NAME = f"name_{languages.SOURCE}"
ITEM_FIELDS = (
    "pk",
    "kind",
    "actor_id",
    "category",
    "horizon_id",
    "quantity",
    "urgency",
    "needed_by",
)


class Row(NamedTuple):  # a tuple: thousands are made per request
    pk: int
    kind: str
    actor_id: int
    category: str
    horizon_id: int
    quantity: int
    urgency: int
    needed_by: object


@dataclass(frozen=True)
class Candidate:
    """One explained candidate: an item (``item`` set) or an actor without an item."""

    position: int
    score: float
    actor: Actor
    item: Item | None
    first: bool  # partner (or, for offers, a hromada without a partner)
    factors: tuple[Explained, ...]

    @property
    def sentences(self) -> list[str]:
        return [f.sentence for f in self.factors if f.sentence]


def _themes_for(category: str) -> tuple[str, ...]:
    return CATEGORY_THEMES.get(category) or CATEGORY_THEMES.get(GROUP_OF.get(category, ""), ())


def _partners_of(actor_id: int) -> set[int]:
    """Actors in a partnership (not ended) with this actor — one query."""
    return set(
        PartnershipMember.objects.filter(
            partnership__members__actor_id=actor_id,
            partnership__status__in=[
                s for s in Partnership.Status.values if s != Partnership.Status.ENDED
            ],
        )
        .exclude(actor_id=actor_id)
        .values_list("actor_id", flat=True)
    )


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _sentence(f: FactorValue, theme_names: dict[int, str]) -> str:
    d = f.detail
    if f.key in ("need", "needs_offers"):
        return factor_sentence(f, theme_names=theme_names)
    if f.key == "partner":
        return _("bestehende Partnerschaft")
    if f.key == "category":
        same, label = d
        return (
            _("gleiche Kategorie: %(label)s") % {"label": label}
            if same
            else _("verwandte Kategorie: %(label)s") % {"label": label}
        )
    if f.key == "quantity":
        wanted, offered = d
        if offered >= wanted:
            return _("Menge reicht: %(offered)s für %(wanted)s") % {
                "offered": number(offered),
                "wanted": number(wanted),
            }
        return _("deckt %(offered)s von %(wanted)s") % {
            "offered": number(offered),
            "wanted": number(wanted),
        }
    if f.key == "horizon":
        return _("gleicher Zeithorizont: %(name)s") % {"name": d[0]}
    if f.key == "timing":
        kind, day = d
        if kind == "in_time":
            return _("rechtzeitig verfügbar (gebraucht bis %(date)s)") % {"date": _date(day)}
        if kind == "late":
            return _("erst ab %(date)s verfügbar – später als gebraucht") % {"date": _date(day)}
        return _("verfügbar ab %(date)s") % {"date": _date(day)}
    if f.key == "urgency":
        return _("dringender Bedarf")
    if f.key == "history":
        return ngettext(
            "hat schon %(count)s ähnliche Hilfe übergeben",
            "hat schon %(count)s ähnliche Hilfen übergeben",
            d[0],
        ) % {"count": d[0]}
    return ""


def _explain(factors, theme_names: dict[int, str]) -> tuple[Explained, ...]:
    factors = [FactorValue._make(f) for f in factors]
    explained = [
        Explained(
            key=f.key,
            label=str(LABELS.get(f.key, f.key)),
            value=f.value,
            weight=WEIGHTS.get(f.key, 0.0),
            contribution=round(WEIGHTS.get(f.key, 0.0) * f.value, 4),
            sentence=_sentence(f, theme_names),
        )
        for f in factors
    ]
    explained.sort(key=lambda e: -abs(e.contribution))
    return tuple(explained)


def _score(factors) -> float:
    weights = WEIGHTS
    return round(sum(weights.get(key, 0.0) * value for key, value, _detail in factors), 6)


class _Context(NamedTuple):
    """What every pair is compared with, prepared once per request."""

    labels: dict[str, str]
    horizons: dict[int, str]
    today: object


def _context() -> _Context:
    from portal.models import Horizon

    return _Context(
        labels={code: str(label) for code, label in Category.choices},
        horizons={h.pk: h.name for h in Horizon.objects.all()},
        today=timezone.localdate(),
    )


def _pair_factors(need: Row, offer: Row, ctx: _Context) -> list[tuple]:
    """The pair's factors as plain ``(key, value, detail)`` tuples — the layout of the
    partner search's ``FactorValue``, made into one only for the candidates shown."""
    same = need.category == offer.category
    factors = [("category", 1.0 if same else 0.3, (same, ctx.labels[offer.category]))]
    factors.append(
        ("quantity", min(offer.quantity / need.quantity, 1.0), (need.quantity, offer.quantity))
    )
    if need.horizon_id == offer.horizon_id:
        factors.append(("horizon", 1.0, (ctx.horizons.get(offer.horizon_id, ""),)))
    if need.needed_by and offer.needed_by:
        if offer.needed_by <= need.needed_by:
            factors.append(("timing", 1.0, ("in_time", need.needed_by)))
        else:
            factors.append(("timing", -0.5, ("late", offer.needed_by)))
    elif offer.needed_by and offer.needed_by > ctx.today:
        factors.append(("timing", 0.0, ("from", offer.needed_by)))
    if need.urgency > 1:
        factors.append(("urgency", (need.urgency - 1) / 2, (need.urgency,)))
    return factors


def _rows(queryset) -> list[Row]:
    """Plain rows straight from the cursor (the partner search's ``fetch``: no per-row ORM
    conversion)."""
    return [Row._make(values) for values in fetch(queryset, *ITEM_FIELDS)]


def _group_categories(category: str) -> list[str]:
    group = GROUP_OF.get(category, "")
    return [code for code, g in GROUP_OF.items() if g == group]


def _history(category: str) -> Counter:
    """Donors' handed-over help in this category group (one query)."""
    return Counter(
        Match.objects.filter(
            Q(need__category__in=_group_categories(category))
            | Q(offer__category__in=_group_categories(category)),
            need__state__in=MET_STATES,
            released_at__isnull=True,
        ).values_list("donor_id", flat=True)
    )


def _profile_offers(category: str) -> dict[int, tuple[int, ...]]:
    """NRW actors whose public, unexpired search profile offers a theme that speaks for the
    category → those theme ids (one query)."""
    from partnerships.matchmaking.models import SearchProfile

    slugs = _themes_for(category)
    if not slugs:
        return {}
    through = SearchProfile.offer_themes.through
    found: dict[int, set[int]] = {}
    rows = through.objects.filter(
        searchprofile__in=SearchProfile.objects.published().filter(actor__country="DE"),
        theme__slug__in=slugs,
    ).values_list("searchprofile__actor_id", "theme_id")
    for actor_id, theme_id in rows:
        found.setdefault(actor_id, set()).add(theme_id)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _theme_names() -> dict[int, str]:
    from partnerships.matchmaking.selectors import theme_names

    return theme_names()


def need_matches(*, need: Item, limit: int = DEFAULT_LIMIT) -> dict:
    """{"offers": [Candidate…], "actors": [Candidate…]} for a need."""
    row = Row._make(getattr(need, f) for f in ITEM_FIELDS)
    partners = _partners_of(need.actor_id)
    ctx = _context()
    offers = _rows(
        Item.objects.public().filter(
            kind=Item.Kind.OFFER, category__in=_group_categories(need.category)
        )
    )
    ranked = []  # (is partner, (item id, score, factors)) — plain tuples: thousands per call
    for offer in offers:
        factors = _pair_factors(row, offer, ctx)
        if offer.actor_id in partners:
            factors.insert(0, ("partner", 1.0, ()))
        ranked.append((offer.actor_id in partners, (offer.pk, _score(factors), factors)))
    ranked.sort(key=lambda r: (not r[0], -r[1][1], r[1][0]))
    ranked = [(first, Ranked._make(r)) for first, r in ranked[:limit]]
    # actors who could help: partners, earlier donors in this group, fitting search profiles
    with_offer = {o.actor_id for o in offers}
    history = _history(need.category)
    profiles = _profile_offers(need.category)
    actor_factors: dict[int, list[FactorValue]] = {}
    for actor_id in set(partners) | set(history) | set(profiles):
        if actor_id in with_offer:
            continue
        factors = []
        if actor_id in partners:
            factors.append(FactorValue("partner", 1.0, ()))
        if history.get(actor_id):
            count = history[actor_id]
            factors.append(FactorValue("history", min(count, 3) / 3, (count,)))
        if actor_id in profiles:
            themes = profiles[actor_id]
            factors.append(FactorValue("needs_offers", min(len(themes), 2) / 2, (themes, ())))
        actor_factors[actor_id] = factors
    actors = Actor.objects.in_bulk(
        [r.actor_id for _p, r in ranked] + list(actor_factors), field_name="pk"
    )
    actor_factors = {
        pk: f for pk, f in actor_factors.items() if pk in actors and actors[pk].country == "DE"
    }
    actor_ranked = sorted(
        actor_factors.items(),
        key=lambda kv: (
            kv[0] not in partners,
            -_score(kv[1]),
            # ties by the German name: the same order in every language
            (getattr(actors[kv[0]], SOURCE_NAME) or "").casefold(),
            kv[0],
        ),
    )[:limit]
    items = Item.objects.select_related("actor", "horizon").in_bulk(
        [r.actor_id for _p, r in ranked]
    )
    names = _theme_names() if profiles else {}
    return {
        "offers": [
            Candidate(
                position=i,
                score=r.score,
                actor=items[r.actor_id].actor,
                item=items[r.actor_id],
                first=is_partner,
                factors=_explain(list(r.factors), names),
            )
            for i, (is_partner, r) in enumerate(ranked, start=1)
        ],
        "actors": [
            Candidate(
                position=i,
                score=_score(f),
                actor=actors[pk],
                item=None,
                first=pk in partners,
                factors=_explain(f, names),
            )
            for i, (pk, f) in enumerate(actor_ranked, start=1)
        ],
    }


def _german_partner_counts(actor_ids: list[int]) -> dict[int, int]:
    """How many German partners each Ukrainian actor has (one query)."""
    rows = (
        PartnershipMember.objects.filter(
            partnership__members__actor_id__in=actor_ids,
            actor__country="DE",
        )
        .exclude(partnership__status=Partnership.Status.ENDED)
        .values_list("partnership__members__actor_id", "actor_id")
    )
    counts: dict[int, set] = {}
    for ua, de in rows:
        counts.setdefault(ua, set()).add(de)
    return {k: len(v) for k, v in counts.items()}


def offer_matches(*, offer: Item, limit: int = DEFAULT_LIMIT) -> list[Candidate]:
    """The published needs that fit an offer: partner communities first, then hromadas with
    no German partner, then the others."""
    row = Row._make(getattr(offer, f) for f in ITEM_FIELDS)
    partners = _partners_of(offer.actor_id)
    ctx = _context()
    needs = _rows(
        Item.objects.public().filter(
            kind=Item.Kind.NEED, category__in=_group_categories(offer.category)
        )
    )
    counts = _german_partner_counts(sorted({n.actor_id for n in needs}))
    ranked = []  # (tier, (item id, score, factors)) — plain tuples: thousands per call
    for need in needs:
        factors = _pair_factors(need, row, ctx)
        if need.actor_id in partners:
            factors.insert(0, ("partner", 1.0, ()))
            tier = 0
        else:
            count = counts.get(need.actor_id, 0)
            factors.append(("need", 1.0 if count == 0 else 0.0, ("DE", count, 0)))
            tier = 1 if count == 0 else 2
        ranked.append((tier, (need.pk, _score(factors), factors)))
    ranked.sort(key=lambda r: (r[0], -r[1][1], r[1][0]))
    ranked = [(tier, Ranked._make(r)) for tier, r in ranked[:limit]]
    items = Item.objects.select_related("actor", "horizon").in_bulk(
        [r.actor_id for _t, r in ranked]
    )
    return [
        Candidate(
            position=i,
            score=r.score,
            actor=items[r.actor_id].actor,
            item=items[r.actor_id],
            first=tier < 2,
            factors=_explain(list(r.factors), {}),
        )
        for i, (tier, r) in enumerate(ranked, start=1)
    ]
