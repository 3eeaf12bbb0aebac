"""Reads of the register: list, portrait, actor profile, map data and cross-app hooks."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from partnerships.models import (
    Actor,
    Milestone,
    Partnership,
    PartnershipMember,
    Project,
    StatusStep,
)
from partnerships.permissions import exact_location_is_public
from portal import languages
from portal.permissions import is_active_user


def partnership_list_queryset() -> QuerySet[Partnership]:
    """Published partnerships with what a list row shows, in a constant number of queries."""
    return Partnership.objects.published().with_members().order_by("title", "pk")


def partnership_detail_queryset(*, user=None) -> QuerySet[Partnership]:
    return Partnership.objects.with_members().prefetch_related(
        "themes",
        "horizons",
        "kind_changes",
        "images",
        "documents",
        Prefetch("status_steps", queryset=StatusStep.objects.order_by("date", "pk")),
        Prefetch("milestones", queryset=Milestone.objects.order_by("date", "pk")),
        Prefetch("projects", queryset=Project.objects.select_related("horizon")),
    )


def portrait_language_missing(*, partnership: Partnership) -> bool:
    """True when the active language has no own text and the German one is shown instead."""
    lang = languages.active()
    if lang == languages.SOURCE:
        return False
    fields = ("summary", "origin")
    has_german = any(getattr(partnership, f"{f}_{languages.SOURCE}") for f in fields)
    return has_german and not any(getattr(partnership, f"{f}_{lang}") for f in fields)


def portrait_sections(*, partnership: Partnership) -> list[tuple[str, str]]:
    """(field name, heading) of the portrait's answered question-list fields; templates show
    them with ``{% content partnership name markdown=True %}`` (marked when German)."""
    return [
        (name, Partnership._meta.get_field(name).verbose_name)
        for name in Partnership.PORTRAIT_FIELDS
        if name != "summary" and getattr(partnership, name)
    ]


def portrait_timeline(*, partnership: Partnership) -> list[dict]:
    """The portrait's steps in date order, each event once: a status step on the same date as
    a milestone (the signing and "aktiv") is shown with that milestone, not as a second line.
    Uses the prefetched ``status_steps`` and ``milestones``."""
    entries = [
        {"date": m.date, "date_display": m.date_display, "milestone": m, "statuses": []}
        for m in partnership.milestones.all()
    ]
    by_date = {}
    for entry in entries:
        by_date.setdefault(entry["date"], entry)
    for step in partnership.status_steps.all():
        same_day = by_date.get(step.date)
        if same_day is not None:
            same_day["statuses"].append(step)
            continue
        entries.append(
            {
                "date": step.date,
                "date_display": step.date_display,
                "milestone": None,
                "statuses": [step],
            }
        )
    return sorted(entries, key=lambda e: (e["date"], e["milestone"] is not None))


def actor_partnerships(*, actor: Actor, user=None) -> dict[str, list[Partnership]]:
    """The actor's published partnerships, split into own ones and brokered ones."""
    memberships = (
        PartnershipMember.objects.filter(
            actor=actor, partnership__publication_state=Partnership.Publication.PUBLISHED
        )
        .select_related("partnership")
        .order_by("partnership__title")
    )
    partnerships = Partnership.objects.filter(
        pk__in=[m.partnership_id for m in memberships]
    ).with_members()
    by_pk = {p.pk: p for p in partnerships}
    result = {"partner": [], "broker": []}
    for m in memberships:
        key = "broker" if m.role == PartnershipMember.Role.THIRD_PARTY else "partner"
        result[key].append(by_pk[m.partnership_id])
    return result


def map_point(member_values: dict) -> tuple[float, float] | None:
    """(lon, lat) of an actor on the public map; sensitive places at their oblast's centre."""
    if exact_location_is_public(is_sensitive=member_values["actor__is_sensitive"]):
        lat, lon = member_values["actor__latitude"], member_values["actor__longitude"]
    else:
        lat, lon = (
            member_values["actor__region__latitude"],
            member_values["actor__region__longitude"],
        )
    if lat is None or lon is None:
        return None
    return (round(lon, 5), round(lat, 5))


# --- coordinates that staff should check --------------------------------------------------

COORDINATE_QUEUES = ("missing", "not_found", "gazetteer")


def actors_needing_coordinates(*, queue: str = "") -> QuerySet[Actor]:
    """Actors without coordinates (never looked up, or not found in the gazetteer) and those
    whose coordinates the gazetteer guessed, for staff to correct or confirm.

    ``queue`` narrows to one of ``COORDINATE_QUEUES``. Rows carry ``published_count`` (their
    published partnerships, which put them on the map) and are ordered by it, then "not found"
    before "missing" before "guessed", then by name — in one query whatever the number of rows.
    """
    missing = Q(latitude__isnull=True) | Q(longitude__isnull=True)
    guessed = Q(coordinate_source=Actor.CoordinateSource.GAZETTEER) & ~missing
    queues = {
        "missing": missing,
        "not_found": missing & Q(coordinate_source=Actor.CoordinateSource.NOT_FOUND),
        "gazetteer": guessed,
    }
    return (
        Actor.objects.filter(queues.get(queue, missing | guessed))
        .select_related("region")
        .annotate(
            published_count=Count(
                "memberships",
                filter=Q(
                    memberships__partnership__publication_state=Partnership.Publication.PUBLISHED
                ),
            ),
            urgency=Case(
                When(coordinate_source=Actor.CoordinateSource.NOT_FOUND, then=Value(0)),
                When(missing, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .order_by("-published_count", "urgency", "name", "pk")
    )


# --- cross-app hooks (contract in HELPERS.md: small dicts in the active language) ----------


def _item(p: Partnership) -> dict:
    return {
        "title": p.title,
        "url": p.get_absolute_url(),
        "summary": p.summary,
        "date": p.published_at,
        "kind": str(p.get_kind_display()),
        **languages.fallback_marks(p, "title", "summary"),
    }


def home_latest_portraits(*, limit: int) -> list[dict]:
    qs = Partnership.objects.published().filter(is_synthetic=False).order_by("-published_at")
    return [_item(p) for p in qs[:limit]]


def portraits_published_since(*, since: datetime | None, limit: int) -> list[dict]:
    qs = Partnership.objects.published().filter(is_synthetic=False)
    if since is not None:
        qs = qs.filter(published_at__gt=since)
    return [_item(p) for p in qs.order_by("-published_at")[:limit]]


def search_items(*, query: str, limit: int, alternatives=()) -> list[dict]:
    """Published partnerships and claimed or partnered actors matching the query or one of
    its ``alternatives`` (synonyms of the site search); places by any spelling. No personal
    data: actor contact details are never part of the result."""
    query = (query or "").strip()
    if not query:
        return []
    from partnerships.filters import partnership_text_condition

    condition = Q()
    for text in [query, *alternatives]:
        condition |= partnership_text_condition(text)
    found = Partnership.objects.published().filter(condition).order_by("-published_at")
    items = [_item(p) for p in found[:limit]]
    if len(items) < limit:
        actors = (
            Actor.objects.search(query)
            .filter(
                Q(claimed_at__isnull=False)
                | Q(memberships__partnership__publication_state=Partnership.Publication.PUBLISHED)
            )
            .distinct()
            .select_related("district", "region")
            .order_by("name")[: limit - len(items)]
        )
        items += [
            {
                "title": a.name,
                "url": a.get_absolute_url(),
                "summary": a.description or a.area_name,
                "date": None,
                "kind": str(a.get_kind_display()),
            }
            for a in actors
        ]
    return items


def editor_overview(*, user) -> dict:
    """What "Mein Bereich" shows an editor: their actors and those actors' partnerships."""
    from partnerships.models import AccessRequest
    from partnerships.permissions import can_propose_partnership

    if not is_active_user(user):
        return {"actors": [], "partnerships": [], "requests": [], "can_propose": False}
    actors = list(Actor.objects.filter(editors__user=user).order_by("name"))
    partnerships = list(
        Partnership.objects.filter(members__actor__in=actors)
        .distinct()
        .with_members()
        .order_by("title")
    )
    requests = list(
        AccessRequest.objects.filter(user=user, status=AccessRequest.Status.PENDING).select_related(
            "actor"
        )
    )
    return {
        "actors": actors,
        "partnerships": partnerships,
        "requests": requests,
        "can_propose": can_propose_partnership(user),
    }


def related_content(*, partnership: Partnership | None = None, actor: Actor | None = None) -> dict:
    """Public events and published library items linked to a partnership or an actor (the
    relations live in the events and knowledge apps; absent relations give empty lists)."""
    events, resources = [], []
    if partnership is not None:
        if hasattr(partnership, "events"):
            events = list(partnership.events.public().order_by("-start")[:10])
        if hasattr(partnership, "library_resources"):
            resources = list(partnership.library_resources.published().order_by("title")[:10])
    elif actor is not None:
        from django.apps import apps

        if apps.is_installed("events") and hasattr(Partnership, "events"):
            Event = apps.get_model("events", "Event")
            events = list(
                Event.objects.public()
                .filter(
                    related_partnerships__members__actor=actor,
                    related_partnerships__publication_state=Partnership.Publication.PUBLISHED,
                )
                .distinct()
                .order_by("-start")[:10]
            )
        if hasattr(actor, "library_resources"):
            resources = list(actor.library_resources.published().order_by("title")[:10])
    return {"events": events, "resources": resources}


def digest_changes(*, start, end) -> list[dict]:
    """Editors' (non-staff) changes to the register in [start, end), oldest first."""
    changes = []
    for model, label in (
        (Partnership, _("Partnerschaft")),
        (Actor, _("Akteur")),
        (Milestone, _("Meilenstein")),
        (Project, _("Projekt")),
    ):
        history = (
            model.history.filter(
                history_date__gte=start,
                history_date__lt=end,
                history_user__isnull=False,
                history_user__is_staff=False,
            )
            .select_related("history_user")
            .order_by("history_date")
        )
        for record in history:
            if model in (Partnership, Actor):
                admin_object_id = record.id
                admin_model = model._meta.model_name
            else:
                admin_object_id = record.partnership_id
                admin_model = "partnership"
            changes.append(
                {
                    "what": str(label),
                    "title": str(record.title if hasattr(record, "title") else record.name),
                    "type": record.get_history_type_display(),
                    "user": record.history_user.email,
                    "date": record.history_date,
                    "history_url": f"/admin/partnerships/{admin_model}/{admin_object_id}/history/",
                }
            )
    changes.sort(key=lambda c: c["date"])
    return changes
