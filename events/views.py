"""Public pages of the events app: list + calendar, event page with registration, feeds,
the registrant's manage page and the personal join link."""

import json
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from events import page_cache, selectors, services
from events.filters import EventFilter
from events.forms import REGISTRATION_CONSENT_TEXT, RegistrationForm, RegistrationUpdateForm
from events.ical import calendar_bytes, event_ics
from events.models import Event, EventSeries
from portal import page_slots
from portal.page_cache import PAGE_NUMBER, cached_for_visitors
from portal.ratelimit import form_refused

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
FEED_PAST_DAYS = 90


def _month(request: HttpRequest) -> date:
    raw = request.GET.get("monat", "")
    try:
        year, month = (int(x) for x in raw.split("-", 1))
        return date(year, month, 1)
    except ValueError:
        today = timezone.localdate()
        return date(today.year, today.month, 1)


def _shift_month(day: date, delta: int) -> date:
    index = day.year * 12 + day.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


@require_GET
@cached_for_visitors(params={"monat": r"[0-9]{4}-[0-9]{2}", "seite": PAGE_NUMBER})
def event_list(request: HttpRequest) -> HttpResponse:
    event_filter = EventFilter(request.GET or None, queryset=selectors.upcoming_events())
    upcoming = event_filter.qs.distinct() if event_filter.is_bound else event_filter.queryset
    page = Paginator(upcoming, 20).get_page(request.GET.get("seite"))
    month = _month(request)
    calendar_filter = EventFilter(request.GET or None, queryset=selectors.public_events())
    weeks = selectors.month_calendar(
        events=calendar_filter.qs.distinct(), year=month.year, month=month.month
    )
    query = request.GET.copy()
    query.pop("monat", None)
    query.pop("seite", None)
    return render(
        request,
        "events/list.html",
        {
            "filter": event_filter,
            "page": page,
            "month": month,
            "prev_month": _shift_month(month, -1),
            "next_month": _shift_month(month, 1),
            "weeks": weeks,
            "query": query.urlencode(),
            "all_series": selectors.series_with_public_events(),
        },
    )


@require_GET
@cached_for_visitors(params={"seite": PAGE_NUMBER})
def event_past(request: HttpRequest) -> HttpResponse:
    event_filter = EventFilter(request.GET or None, queryset=selectors.past_events())
    events = event_filter.qs.distinct() if event_filter.is_bound else event_filter.queryset
    page = Paginator(events, 20).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "events/past.html",
        {"filter": event_filter, "page": page, "query": query.urlencode()},
    )


def _json_ld(request: HttpRequest, event: Event, places_left: int | None) -> str:
    url = request.build_absolute_uri(event.get_absolute_url())
    modes = {
        Event.Format.ONLINE: "OnlineEventAttendanceMode",
        Event.Format.IN_PERSON: "OfflineEventAttendanceMode",
        Event.Format.HYBRID: "MixedEventAttendanceMode",
    }
    locations = []
    if event.format != Event.Format.IN_PERSON:
        locations.append({"@type": "VirtualLocation", "url": url})  # never the join link
    if event.format != Event.Format.ONLINE:
        locations.append(
            {"@type": "Place", "name": event.venue, "address": " ".join(event.address.split())}
        )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventStatus": "https://schema.org/"
        + ("EventCancelled" if event.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": "https://schema.org/" + modes[event.format],
        "location": locations[0] if len(locations) == 1 else locations,
        "inLanguage": event.language_list,
        "url": url,
        "organizer": {
            "@type": "Organization",
            "name": "Netzwerkstelle Städtepartnerschaften NRW",
            "url": settings.SITE_URL,
        },
        "isAccessibleForFree": True,
    }
    if not event.is_cancelled and not event.is_past():
        data["offers"] = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "url": url,
            "availability": "https://schema.org/" + ("SoldOut" if places_left == 0 else "InStock"),
        }
    # Escaped like json_script: no "</script>" can end the element early.
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


def _registered_message() -> str:
    """The same words whatever happened (a place, the waiting list, or an address that was
    registered already): the page must not tell who is registered. The email says which."""
    return _(
        "Vielen Dank für Ihre Anmeldung. Wir haben Ihnen eine E-Mail an die angegebene Adresse "
        "geschickt: Darin steht, ob Sie einen Platz haben oder auf der Warteliste stehen, und "
        "Sie finden Ihren persönlichen Link, um die Anmeldung anzusehen, zu ändern oder "
        "abzusagen."
    )


REGISTERED_SESSION_KEY = "events_registered"


def _register(
    request: HttpRequest, pk: int, form: RegistrationForm
) -> tuple[int, HttpResponse | None]:
    """Handle a registration POST: (status, redirect after success or None)."""
    status = form_refused(
        request,
        form,
        scope="event-registration",
        limit=settings.EVENTS_REGISTRATION_RATE_LIMIT,
        message=_(
            "Von Ihrer Adresse kamen zu viele Anmeldungen. Bitte versuchen Sie es später "
            "noch einmal oder schreiben Sie uns eine E-Mail."
        ),
    )
    if status is not None:
        return status, None
    data = form.cleaned_data
    try:
        # The service locks and re-reads the event, so the hot path reads it only once.
        services.registration_create(
            event=pk,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            organisation_kind=data["organisation_kind"],
            accessibility_needs=data["accessibility_needs"],
            question=data["question"],
            language=data["language"],
            consent_text=str(REGISTRATION_CONSENT_TEXT),
        )
    except services.RegistrationError as exc:
        if exc.code == "not_found":
            raise Http404 from exc
        form.add_error(None, exc.message)
        return 409, None
    messages.success(request, _registered_message())
    # This browser registered: the page shows that instead of an empty form (the session
    # holds event ids only, never who registered or their state).
    registered = set(request.session.get(REGISTERED_SESSION_KEY, []))
    request.session[REGISTERED_SESSION_KEY] = sorted(registered | {pk})
    url = reverse("events:detail", kwargs={"pk": pk}) + "#anmeldung"
    return 302, HttpResponseRedirect(url)


def _page_context(request: HttpRequest, event: Event, form: RegistrationForm) -> dict:
    try:
        services.registration_check_open(event=event)
        closed_reason = ""
    except services.RegistrationError as exc:
        closed_reason = exc.message
    places_left = selectors.places_left(event)
    return {
        "event": event,
        "form": form,
        "places_left": places_left,
        "closed_reason": closed_reason,
        "json_ld": _json_ld(request, event, places_left),
        "registered_here": _registered_here(request, event.pk),
    }


def _registered_here(request: HttpRequest, pk: int) -> bool:
    """This browser registered for the event (and does not ask to register someone else)."""
    return (
        request.method != "POST"
        and "weitere" not in request.GET
        and pk in request.session.get(REGISTERED_SESSION_KEY, [])
    )


def _event_page(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the page from the cache (one query for its state), built once per change
    (events/page_cache.py); the visitor's own parts are filled in per request."""
    state = selectors.event_page_state(pk=pk)
    if state is None:
        raise Http404
    # The registered state is this visitor's own: such a page is neither cached nor served
    # from the cache.
    cacheable = not request.GET and not _registered_here(request, pk)
    key = page_cache.page_key(pk=pk, language=get_language(), host=request.get_host(), state=state)
    body = page_cache.cached_body(key) if cacheable else None
    if body is None:
        event = selectors.event_for_page(pk=pk)
        if event is None:
            raise Http404
        context = _page_context(request, event, RegistrationForm(language=get_language()))
        body = page_slots.render_for_cache(request, "events/detail.html", context)
        if cacheable:
            page_cache.store_body(key, body, valid_until=page_cache.next_change(event))
    return page_slots.respond(request, body)


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return _event_page(request, pk)
    form = RegistrationForm(request.POST, language=get_language())
    status, redirect_response = _register(request, pk, form)
    if redirect_response is not None:
        return redirect_response
    event = selectors.event_for_page(pk=pk)
    if event is None:
        raise Http404
    context = _page_context(request, event, form)
    if context["closed_reason"] and status != 409:
        form.add_error(None, context["closed_reason"])
        status = 409
    return render(request, "events/detail.html", context, status=status)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_ics_download(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.public_events().filter(pk=pk).first()
    if event is None:
        raise Http404
    return _ics_response(event_ics(event), f"veranstaltung-{event.pk}.ics")


def _feed_events(series: EventSeries | None = None):
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    events = selectors.public_events().filter(end__gte=since).order_by("start")
    if series is not None:
        events = events.filter(series=series)
    return events


@require_GET
def feed_all(request: HttpRequest) -> HttpResponse:
    content = calendar_bytes(
        _feed_events(), name=_("Veranstaltungen der Netzwerkstelle Städtepartnerschaften NRW")
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "public, max-age=900"
    return response


@require_GET
def feed_series(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(EventSeries, slug=slug)
    response = HttpResponse(
        calendar_bytes(_feed_events(series), name=series.name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=900"
    return response


@never_cache
def registration_manage(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    registration = selectors.registration_by_manage_token(pk=pk, token=token)
    if registration is None:
        raise Http404
    event = registration.event
    is_active = registration.status != registration.Status.CANCELLED
    can_change = is_active and not event.is_cancelled and not event.is_past()
    form = RegistrationUpdateForm(instance=registration)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if not can_change:
            messages.error(request, _("Diese Anmeldung kann nicht mehr geändert werden."))
            status = 409
        elif action == "cancel":
            services.registration_cancel(registration=registration)
            messages.success(
                request,
                _("Sie haben sich abgemeldet. Wir haben Ihnen eine Bestätigung geschickt."),
            )
            return redirect(request.path)
        elif action == "update":
            form = RegistrationUpdateForm(request.POST, instance=registration)
            if form.is_valid():
                services.registration_update(
                    registration=registration,
                    **{k: form.cleaned_data[k] for k in (*form.Meta.fields, "language")},
                )
                messages.success(request, _("Ihre Angaben wurden gespeichert."))
                return redirect(request.path)
            registration.refresh_from_db()
            status = 400
        else:
            status = 400
    response = render(
        request,
        "events/manage.html",
        {
            "registration": registration,
            "event": event,
            "form": form,
            "is_active": is_active,
            "can_change": can_change,
            "join_link": registration.join_link()
            if registration.holds_place and event.is_online and not event.is_cancelled
            else "",
        },
        status=status,
    )
    # same-origin, not no-referrer: the token never leaves the site, yet the page's own
    # forms keep their Origin header (no-referrer makes browsers send "Origin: null",
    # which the CSRF check refuses).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_GET
def join(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    registration = selectors.registration_by_join_token(pk=pk, token=token)
    if registration is None:
        raise Http404
    decision = services.registration_join(registration=registration)
    if decision.url:
        response = HttpResponseRedirect(decision.url)
    else:
        response = render(
            request,
            "events/join.html",
            {"event": registration.event, "reason": decision.reason},
        )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
