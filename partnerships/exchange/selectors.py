"""Reads of the Bedarfsbörse: the public list, its map and aggregates, the newsletter's
"Neue Bedarfe", "Mein Bereich" — each a constant number of queries whatever its rows.

The public never sees contact data, people's names, documents or the match: only the item,
its actor's name and kind, and the actor's place — a sensitive actor's at its oblast only.
"""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse

from partnerships.exchange.models import MET_STATES, Category, Item, Match, Urgency
from partnerships.models import Actor
from partnerships.permissions import exact_location_is_public
from partnerships.selectors import map_point
from portal import languages

AGGREGATE_SINCE_YEAR = 2024
AGGREGATES_CACHE_SECONDS = 300


def public_items():
    """Published, unexpired items with what a list row shows (no contact, no documents)."""
    return (
        Item.objects.public()
        .select_related("actor", "actor__region", "horizon")
        .order_by("-urgency", "-published_at", "-pk")
    )


def public_place(item: Item) -> str:
    """The place the public sees: the actor, or only its oblast for a sensitive actor."""
    actor = item.actor
    if exact_location_is_public(is_sensitive=actor.is_sensitive):
        return actor.name
    return actor.region.name if actor.region_id else ""


def public_rows(items) -> list[dict]:
    """A list page's rows: the item, its public place and its labels — each label translated
    once per page, not once per row (``get_FOO_display`` hashes every choice on each call)."""
    kinds = {code: str(label) for code, label in Item.Kind.choices}
    categories = {code: str(label) for code, label in Category.choices}
    urgencies = {code: str(label) for code, label in Urgency.choices}
    return [
        {
            "item": item,
            "place": public_place(item),
            "kind": kinds.get(item.kind, ""),
            "category": categories.get(item.category, ""),
            "urgency": urgencies.get(item.urgency, ""),
        }
        for item in items
    ]


def map_features(queryset) -> list[dict]:
    """Points at the actor's centre (sensitive actors: their oblast's centre, no name) — one
    query. No contact data."""
    rows = queryset.order_by("pk").values(
        "pk",
        "kind",
        "category",
        *languages.value_columns("actor__name"),
        "actor__country",
        "actor__latitude",
        "actor__longitude",
        "actor__is_sensitive",
        *languages.value_columns("actor__region__name"),
        "actor__region__latitude",
        "actor__region__longitude",
    )
    labels = {code: str(label) for code, label in Category.choices}
    kinds = {code: str(label) for code, label in Item.Kind.choices}
    # one reverse() per page, not two per row
    detail = reverse("exchange:detail", args=[0]).removesuffix("0/")
    contact = reverse("exchange:contact", args=[0]).removesuffix("0/kontakt/")
    features = []
    for row in rows:
        point = map_point(row)
        if point is None:
            continue
        sensitive = row["actor__is_sensitive"]
        features.append(
            {
                "id": row["pk"],
                "name": languages.value_in_active(
                    row, "actor__region__name" if sensitive else "actor__name"
                ),
                "kind": f"{kinds.get(row['kind'], '')}: {labels.get(row['category'], '')}",
                "side": row["actor__country"],
                "point": point,
                "sensitive": sensitive,
                "url": f"{detail}{row['pk']}/",
                "contact_url": f"{contact}{row['pk']}/kontakt/",
            }
        )
    return features


def aggregates_key(*, language: str, since_year: int = AGGREGATE_SINCE_YEAR) -> str:
    return f"exchange:aggregates:{since_year}:{language}"


def aggregates_forget() -> None:
    """A handover changed the counts: the next list computes them again."""
    cache.delete_many([aggregates_key(language=code) for code in languages.CODES])


def aggregates(*, since_year: int = AGGREGATE_SINCE_YEAR) -> dict:
    """Needs met (handed over) since ``since_year``: total, by category, oblast and year.
    Counts only — no actor below oblast level, no names. Cached per language (oblast and
    category names differ) for ``AGGREGATES_CACHE_SECONDS``; a handover forgets them."""
    key = aggregates_key(language=languages.active(), since_year=since_year)
    data = cache.get(key)
    if data is None:
        data = _aggregates(since_year=since_year)
        cache.set(key, data, AGGREGATES_CACHE_SECONDS)
    return data


def _aggregates(*, since_year: int) -> dict:
    """The three queries behind ``aggregates``."""
    met = Item.objects.filter(
        kind=Item.Kind.NEED, state__in=MET_STATES, met_at__year__gte=since_year
    )
    labels = dict(Category.choices)
    by_category = [
        {
            "category": row["category"],
            "label": str(labels.get(row["category"], "")),
            "count": row["n"],
        }
        for row in met.values("category").annotate(n=Count("pk")).order_by("-n", "category")
    ]
    by_oblast = [
        {"oblast": row["actor__region__name"] or "", "count": row["n"]}
        for row in met.values("actor__region__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "actor__region__name")
    ]
    by_year = [
        {"year": row["year"], "count": row["n"]}
        for row in met.annotate(year=ExtractYear("met_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    ]
    return {
        "since": since_year,
        "total": sum(row["count"] for row in by_category),
        "by_category": by_category,
        "by_oblast": by_oblast,
        "by_year": by_year,
    }


def item_detail(pk: int) -> Item | None:
    return (
        Item.objects.select_related("actor", "actor__region", "horizon")
        .prefetch_related("photos")
        .filter(pk=pk)
        .first()
    )


def needs_published_since(*, since: datetime | None, limit: int) -> list[dict]:
    """The newsletter's section "Neue Bedarfe": needs published since the last issue."""
    qs = Item.objects.public().filter(kind=Item.Kind.NEED, is_synthetic=False)
    if since is not None:
        qs = qs.filter(published_at__gt=since)
    qs = qs.select_related("actor", "actor__region").order_by("-urgency", "-published_at")
    return [
        {
            "title": item.title,
            "url": reverse("exchange:detail", args=[item.pk]),
            "summary": f"{public_place(item)} · {item.get_category_display()}",
            "kind": str(item.get_kind_display()),
            "date": item.published_at.date() if item.published_at else None,
        }
        for item in qs[:limit]
    ]


def my_area_overview(*, user) -> dict:
    """The user's actors' items and their current matches (both sides)."""
    if not user.is_authenticated:
        return {"actors": [], "items": [], "matches": []}
    actors = list(
        Actor.objects.filter(editors__user=user, country__in=list(Item.SIDE.values())).order_by(
            "name"
        )
    )
    ids = [a.pk for a in actors]
    items = list(
        Item.objects.filter(actor__in=ids)
        .select_related("actor")
        .order_by("state", "-updated_at", "pk")
    )
    matches = list(
        Match.objects.filter(Q(donor__in=ids) | Q(recipient__in=ids))
        .select_related("need", "offer", "donor", "recipient")
        .order_by("-created_at")
    )
    from partnerships.exchange.models import Follow

    follow = Follow.objects.filter(user=user).first()
    return {"actors": actors, "items": items, "matches": matches, "follow": follow}


def overdue_matches(*, days: int):
    return Match.objects.use_report_overdue(days=days).select_related(
        "need", "offer", "donor", "recipient"
    )
