"""Reads of the library, including the hooks other apps call (home page, newsletter,
cross-app search)."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.text import Truncator

from knowledge.models import FundingProgram, Guide, Resource
from knowledge.search import (
    ParsedQuery,
    expanded_terms,
    parse_query,
    render_snippet,
    search_resources,
)
from portal import languages

# Long texts a list never shows (the snippet is computed in SQL from the columns).
LIST_DEFERRED = ["body", *languages.columns("body"), "extracted_text", "search_vector"]


def resource_list(*, parsed: ParsedQuery | None = None, snippets: bool = True) -> QuerySet:
    queryset = Resource.objects.published().for_list().defer(*LIST_DEFERRED)
    if parsed is not None and not parsed.is_empty:
        queryset = search_resources(queryset, parsed, snippets=snippets)
    return queryset


def resource_item(resource: Resource) -> dict:
    """The cross-app dict shape (title, url, summary, date, kind)."""
    return {
        "title": resource.title,
        "url": resource.get_absolute_url(),
        "summary": Truncator(resource.summary or "").words(40),
        "date": resource.published_at,
        "kind": resource.get_kind_display(),
        **languages.fallback_marks(resource, "title", "summary"),
    }


def home_latest_resources(*, limit: int) -> list[Resource]:
    """The home page's library section: the newest published resources."""
    return list(Resource.objects.published().for_list()[:limit])


def resources_published_since(*, since: datetime.datetime | None, limit: int) -> list[dict]:
    """New library items for the newsletter's automatic section."""
    queryset = Resource.objects.published()
    if since is not None:
        queryset = queryset.filter(published_at__gt=since)
    return [resource_item(r) for r in queryset.order_by("-published_at", "-id")[:limit]]


def search_items(*, query: str, limit: int, alternatives=()) -> list[dict]:
    """The library's part of the cross-app search (published resources only; synonyms and
    place spellings are expanded word by word inside the full-text search)."""
    parsed = parse_query(query)
    if parsed.is_empty:
        return []
    items = []
    for resource in resource_list(parsed=parsed)[:limit]:
        item = resource_item(resource)
        snippet = getattr(resource, "snippet_raw", None)
        if snippet:
            item["snippet"] = render_snippet(snippet)
        items.append(item)
    return items


FUNDING_SEARCH_FIELDS = ("name", "funder", "funds", "eligibility", "amounts")


def funding_search_items(*, query: str, limit: int, alternatives=()) -> list[dict]:
    """Published funding programmes for the cross-app search: every query word (or one of
    its synonyms and place spellings) occurs in the programme's texts, any language."""
    parsed = parse_query(query)
    if parsed.is_empty:
        return []
    columns = [c for name in FUNDING_SEARCH_FIELDS for c in languages.columns(name)]
    whole = Q()
    for text in alternatives:
        for column in columns:
            whole |= Q(**{f"{column}__icontains": text})
    words = Q()
    for variants in expanded_terms(parsed, compounds=False):
        group = Q()
        for word in variants:
            for column in columns:
                group |= Q(**{f"{column}__icontains": word})
        words &= group
    programs = FundingProgram.objects.published().filter(words | whole).order_by("position", "pk")
    return [
        {
            "title": program.name,
            "url": program.get_absolute_url(),
            "summary": Truncator(program.funds or program.eligibility or "").words(30),
            "date": None,
            "kind": str(FundingProgram._meta.verbose_name),
            "title_language": languages.shown(program, "name")[1],
            **(
                {"summary_language": languages.shown(program, "funds")[1]}
                if program.funds
                else languages.fallback_marks(program, "eligibility")
            ),
        }
        for program in programs[:limit]
    ]


def related_resources(*, resource: Resource, limit: int = 4) -> list[Resource]:
    """Published resources sharing the most themes or horizons with ``resource``."""
    theme_ids = [t.pk for t in resource.themes.all()]
    horizon_ids = [h.pk for h in resource.horizons.all()]
    if not theme_ids and not horizon_ids:
        return []
    return list(
        Resource.objects.published()
        .exclude(pk=resource.pk)
        .filter(Q(themes__in=theme_ids) | Q(horizons__in=horizon_ids))
        .annotate(
            shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
            + Count("horizons", filter=Q(horizons__in=horizon_ids), distinct=True)
        )
        .order_by("-shared", "-published_at")
        .select_related("current_file")
        .prefetch_related("themes")[:limit]
    )


def resource_links(*, resource: Resource) -> dict:
    """Published partnerships, public events and actors linked to a resource."""
    from events.models import Event
    from partnerships.models import Partnership

    partnerships = resource.related_partnerships.filter(
        publication_state=Partnership.Publication.PUBLISHED
    ).order_by("title")
    events = resource.related_events.exclude(status=Event.Status.DRAFT).order_by("-start")
    return {
        "related_partnerships": [_link(p, p.title) for p in partnerships],
        "related_events": [_link(e, e.title, date=e.start) for e in events],
        "related_actors": [_link(a, a.name) for a in resource.related_actors.order_by("name")],
    }


def _link(obj, title: str, date=None) -> dict:
    """Title and URL of another app's object."""
    return {"title": title, "url": obj.get_absolute_url(), "date": date}


def guides_published() -> QuerySet:
    return Guide.objects.filter(is_published=True).order_by("title")


def funding_programs(
    *, queryset: QuerySet | None = None, open_now: bool = False, today: datetime.date | None = None
) -> list[dict]:
    """Programmes with derived deadline facts, sorted by next deadline.

    Order: programmes with an upcoming deadline (soonest first), then ongoing ones, then
    those whose last known deadline has passed or that state none.
    """
    today = today or timezone.localdate()
    queryset = (queryset if queryset is not None else FundingProgram.objects.published()).for_list()
    rows = []
    for program in queryset:
        is_open = program.is_open(today)
        if open_now and not is_open:
            continue
        next_deadline = program.next_deadline(today)
        rows.append(
            {
                "program": program,
                "next_deadline": next_deadline,
                "last_past_deadline": program.last_past_deadline(today),
                "is_open": is_open,
                "is_ongoing": program.deadline_kind == FundingProgram.DeadlineKind.ONGOING,
                "is_annual": program.deadline_kind == FundingProgram.DeadlineKind.ANNUAL,
                "deadlines": [
                    {"deadline": d, "is_past": d.date < today} for d in program.deadlines.all()
                ],
            }
        )

    def sort_key(row):
        if row["next_deadline"] is not None:
            return (0, row["next_deadline"], row["program"].position)
        if row["is_ongoing"]:
            return (1, datetime.date.max, row["program"].position)
        return (2, datetime.date.max, row["program"].position)

    return sorted(rows, key=sort_key)
