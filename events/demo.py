"""Demo data of the events app (the facts are in ``data/demo/events.yaml``).

The seed's online exchange of 20 June 2023 as a past event with the talk as its
documentation; upcoming dates relative to today (the demo may be loaded on any date); some
registrations on example.org and one full webinar with a waiting list. No emails are sent.
Rows are written through ``portal.seeding``: a re-run changes nothing and keeps what staff
edited.
"""

from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from django.utils import timezone

from events.models import Event, EventSeries, Registration
from partnerships.models import Partnership
from portal.models import Horizon, Theme
from portal.seeding import read_data, seed_row, translated

DATA = Path(__file__).parent / "data" / "demo"


@cache
def demo_data() -> dict:
    return read_data(DATA / "events.yaml")


def _at(when: dict, today: date) -> datetime:
    """A ``{date | days_from_today, time}`` of the data file as an aware datetime."""
    day = when["date"] if "date" in when else today + timedelta(days=when["days_from_today"])
    return timezone.make_aware(datetime.combine(day, time.fromisoformat(when["time"])))


def load_demo(*, stdout, **options) -> None:
    data = demo_data()
    series_by_slug = {}
    for spec in data["series"]:
        series, _changed = seed_row(
            EventSeries,
            {"slug": spec["slug"]},
            {
                "name": spec["name"]["de"],
                **translated("name", spec["name"]),
                "organiser": spec["organiser"],
            },
        )
        series_by_slug[spec["slug"]] = series
    themes = {t.slug: t for t in Theme.objects.all()}
    horizons = {h.slug: h for h in Horizon.objects.all()}
    today = timezone.localdate()
    count = 0
    for spec in data["events"]:
        series = series_by_slug[spec["series"]]
        if series is not None and _load_event(spec, series, data, themes, horizons, today):
            count += 1
    stdout.write(f"Events: {count} demo events with registrations (example.org addresses).")


def _load_event(spec, series, data, themes, horizons, today) -> Event | None:
    values = {
        "title": spec["title"]["de"],
        **translated("title", spec["title"]),
        "summary": spec["summary"]["de"],
        **translated("summary", spec["summary"]),
        "start": _at(spec["start"], today),
        "end": _at(spec["end"], today),
        "format": spec["format"],
        "capacity": spec["capacity"],
        "languages": spec["languages"],
        "co_organisers": spec.get("co_organisers", ""),
        "status": Event.Status.PUBLISHED,
        "documentation_de": (
            (DATA / spec["documentation"]).read_text(encoding="utf-8")
            if spec.get("documentation")
            else ""
        ),
    }
    if spec["format"] != Event.Format.ONLINE:
        values.update(venue=data["venue"], address=data["address"])
    if spec["format"] != Event.Format.IN_PERSON:
        values["join_url"] = data["join_url"]
    event, _changed = seed_row(
        Event,
        {"series": series, "title_de": spec["title"]["de"]},
        values,
        relations={
            "themes": [themes[s] for s in spec["themes"] if s in themes],
            "horizons": [horizons[s] for s in spec["horizons"] if s in horizons],
            # The partnerships app loads its demo first; missing ones are not linked.
            "related_partnerships": Partnership.objects.filter(
                slug__in=spec.get("partnerships", [])
            ),
        },
    )
    if event is None:
        return None
    people = data["people"]
    for index in range(spec["registrations"] + spec["waitlist"]):
        person = people[index % len(people)]
        waiting = index >= spec["registrations"]
        seed_row(
            Registration,
            {"event": event, "email": f"demo-{event.pk}-{index + 1}@example.org"},
            {
                **person,
                "language": "uk" if index % 3 == 1 else "de",
                "consent": True,
                "consent_text": "Demo",
                "consent_at": event.start - timedelta(days=7),
                "status": Registration.Status.WAITLISTED
                if waiting
                else Registration.Status.CONFIRMED,
                "waitlist_position": index - spec["registrations"] + 1 if waiting else None,
            },
        )
    return event
