"""iCalendar output: single events (.ics download and email attachment) and feeds.

Nothing here ever contains the private join link: the description carries the public
event page, where registrants find their personal link.
"""

from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event


def _uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"event-{event.pk}@{host}"


def _location(event: Event) -> str:
    if event.format == Event.Format.ONLINE:
        return _("Online")
    parts = [event.venue, " ".join(event.address.split())]
    place = ", ".join(p for p in parts if p)
    if event.format == Event.Format.HYBRID:
        return _("%(place)s und online") % {"place": place} if place else _("Online")
    return place


def _vevent(event: Event) -> icalendar.Event:
    url = settings.SITE_URL + event.get_absolute_url()
    vevent = icalendar.Event()
    vevent.add("uid", _uid(event))
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", event.start)
    vevent.add("dtend", event.end)
    vevent.add("summary", event.title)
    description = [event.summary] if event.summary else []
    if event.is_online and not event.is_cancelled:
        description.append(_("Angemeldete erhalten ihren persönlichen Zugangslink per E-Mail."))
    description.append(url)
    vevent.add("description", "\n\n".join(description))
    vevent.add("url", url)
    location = _location(event)
    if location:
        vevent.add("location", location)
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    vevent.add("last-modified", event.updated_at)
    return vevent


def calendar_bytes(events: Iterable[Event], *, name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Netzwerkstelle Städtepartnerschaften NRW//Partnerschaftsportal//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Berlin")
    for event in events:
        cal.add_component(_vevent(event))
    return cal.to_ical()


def event_ics(event: Event) -> bytes:
    return calendar_bytes([event], name=event.title)
