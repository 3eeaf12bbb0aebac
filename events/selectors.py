"""Reads of the events app, including the hooks other apps call (home, newsletter, search).

Every selector runs a constant number of queries, whatever the number of events or
registrations.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, EventSeries, Registration
from portal import languages


def public_events() -> QuerySet[Event]:
    return Event.objects.public().for_listing()


def upcoming_events(*, now=None) -> QuerySet[Event]:
    return public_events().upcoming(now).with_counts().order_by("start")


def past_events(*, now=None) -> QuerySet[Event]:
    return public_events().past(now).order_by("-start")


def event_for_page(*, pk: int) -> Event | None:
    from partnerships.models import Partnership

    return (
        public_events()
        .with_counts()
        .prefetch_related(
            "themes",
            "horizons",
            Prefetch(
                "related_partnerships",
                queryset=Partnership.objects.published().order_by("title"),
                to_attr="published_partnerships",
            ),
        )
        .filter(pk=pk)
        .first()
    )


def event_page_state(*, pk: int) -> tuple | None:
    """What a public event page's cached body depends on in the database, in one query:
    (last change of the event, its status, places taken); None for a draft or no event.

    Plain SQL: it runs on every opening of the page, and building the ORM query (with
    modeltranslation's manager) cost more CPU than the rest of a cached opening."""
    registrations, events = Registration._meta.db_table, Event._meta.db_table
    holds = ", ".join(["%s"] * len(Registration.HOLDS_PLACE))
    sql = (
        f"SELECT e.updated_at, e.status, (SELECT count(*) FROM {registrations} r "  # noqa: S608
        f"WHERE r.event_id = e.id AND r.status IN ({holds})) "
        f"FROM {events} e WHERE e.id = %s AND e.status <> %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*Registration.HOLDS_PLACE, pk, Event.Status.DRAFT])
        return cursor.fetchone()


def places_left(event: Event) -> int | None:
    """Free places (needs the ``with_counts`` annotation); None when unlimited."""
    return event.places_left


def registration_by_manage_token(*, pk: int, token: str) -> Registration | None:
    return (
        Registration.objects.select_related("event__series")
        .filter(event_id=pk, manage_token=token, anonymised_at__isnull=True)
        .exclude(event__status=Event.Status.DRAFT)
        .first()
    )


def registration_by_join_token(*, pk: int, token: str) -> Registration | None:
    return (
        Registration.objects.select_related("event")
        .filter(
            event_id=pk,
            join_token=token,
            anonymised_at__isnull=True,
            status__in=Registration.HOLDS_PLACE,
        )
        .exclude(event__status=Event.Status.DRAFT)
        .first()
    )


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    is_today: bool
    events: list


def month_calendar(*, events: QuerySet[Event], year: int, month: int) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of the month with the events of each day (Berlin dates)."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    tz = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(first, time.min), tz)
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min), tz)
    by_day: dict[date, list[Event]] = {}
    for event in events.filter(start__lt=end, end__gte=start).order_by("start"):
        day = timezone.localtime(event.start, tz).date()
        last_day = timezone.localtime(event.end, tz).date()
        while day <= last_day and day <= last:
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)
    today = timezone.localdate()
    return [
        [CalendarDay(d, d.month == month, d == today, by_day.get(d, [])) for d in week]
        for week in weeks
    ]


def series_with_public_events() -> QuerySet[EventSeries]:
    """The series whose iCal feed has something in it (drafts are not public)."""
    return EventSeries.objects.filter(events__in=Event.objects.public()).distinct()


# --- hooks for other apps -----------------------------------------------------------------


def _item(event: Event) -> dict:
    return {
        "title": event.title,
        "url": event.get_absolute_url(),
        "summary": event.summary,
        "date": event.start,
        "kind": _("Veranstaltung"),
        "format": event.get_format_display(),
        "series": event.series.name if event.series else "",
        "cancelled": event.is_cancelled,
        **languages.fallback_marks(event, "title", "summary"),
    }


def home_upcoming_events(*, limit: int) -> list[dict]:
    """Next published events for the home page."""
    events = Event.objects.published().upcoming().select_related("series").order_by("start")[:limit]
    return [_item(e) for e in events]


def newsletter_upcoming_events(*, limit: int) -> list[dict]:
    """Next published events for the newsletter's automatic section."""
    return home_upcoming_events(limit=limit)


def search_items(*, query: str, limit: int, alternatives=()) -> list[dict]:
    """Public events matching a query or one of its ``alternatives`` (synonyms of the site
    search) in title, summary, description (every language) or series."""
    query = (query or "").strip()
    if not query:
        return []
    condition = Q()
    for text in [query, *alternatives]:
        for field in ("title", "summary", "description"):
            for column in languages.columns(field):
                condition |= Q(**{f"{column}__icontains": text})
        condition |= Q(series__name__icontains=text)
    events = (
        Event.objects.public().filter(condition).select_related("series").order_by("-start")[:limit]
    )
    return [_item(e) for e in events]
