"""Public pages of the partner search: the list with its map, "Kontakt über die
Netzwerkstelle", "Wir suchen einen Partner" — and the staff's suggestions for any actor."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from partnerships.matchmaking import permissions, selectors, services
from partnerships.matchmaking.filters import ProfileFilter
from partnerships.matchmaking.forms import (
    CONTACT_CONSENT_TEXT,
    REQUEST_CONSENT_TEXT,
    ContactForm,
    PartnerRequestForm,
)
from partnerships.matchmaking.models import SearchProfile
from partnerships.models import Actor
from portal.ratelimit import client_ip, form_refused

PAGE_SIZE = 20


def _language() -> str:
    return (get_language() or "de")[:2]


def profile_list(request: HttpRequest) -> HttpResponse:
    filterset = ProfileFilter(request.GET or None, queryset=selectors.public_profiles())
    status, page = 200, None
    if filterset.is_bound and not filterset.is_valid():
        status = 400
    else:
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "partnerships/matchmaking/list.html",
        {
            "filter": filterset,
            "page": page,
            "query_string": query.urlencode(),
            "map_data_url": reverse("matchmaking:map_data")
            + (f"?{query.urlencode()}" if query else ""),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
        status=status,
    )


def profile_map_data(request: HttpRequest) -> JsonResponse:
    filterset = ProfileFilter(request.GET or None, queryset=SearchProfile.objects.published())
    if filterset.is_bound and not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    return JsonResponse({"profiles": selectors.profile_map_features(filterset.qs)})


def profile_contact(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(SearchProfile.objects.select_related("actor"), pk=pk)
    if not permissions.can_view_public_profile(profile):
        raise Http404
    return office_contact(
        request,
        create=lambda **fields: services.contact_request_create(profile=profile, **fields),
        scope="matchmaking-contact",
        consent_text=CONTACT_CONSENT_TEXT,
        thanks="matchmaking:contact_thanks",
        template="partnerships/matchmaking/contact.html",
        context={"profile": profile},
    )


def office_contact(
    request: HttpRequest,
    *,
    create,
    scope: str,
    consent_text,
    thanks: str,
    template: str,
    context: dict,
    form_class=ContactForm,
) -> HttpResponse:
    """The public's "Kontakt über die Netzwerkstelle" form (a profile's here, a need's or
    offer's in the Bedarfsbörse): rate-limited, stored through ``create`` with the consent
    given, then the thank-you page; with errors the form again, input kept."""
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        status = form_refused(
            request,
            form,
            scope=scope,
            limit=settings.MATCHMAKING_RATE_LIMIT,
            message=_(
                "Von Ihrer Adresse kamen in der letzten Stunde zu viele Nachrichten. Bitte "
                "versuchen Sie es später noch einmal oder schreiben Sie uns eine E-Mail."
            ),
        )
        if status is None:
            create(
                **{k: form.cleaned_data[k] for k in ("name", "organisation", "email", "message")},
                language=_language(),
                consent_text=str(consent_text),
                ip_address=client_ip(request),
            )
            return redirect(thanks)
    return render(request, template, {**context, "form": form}, status=status)


def contact_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "partnerships/matchmaking/contact_thanks.html")


def partner_request(request: HttpRequest) -> HttpResponse:
    form = PartnerRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = form_refused(
            request,
            form,
            scope="matchmaking-request",
            limit=settings.MATCHMAKING_RATE_LIMIT,
            message=_(
                "Von Ihrer Adresse kamen in der letzten Stunde zu viele Anfragen. Bitte "
                "versuchen Sie es später noch einmal oder schreiben Sie uns eine E-Mail."
            ),
        )
        if status is None:
            services.partner_request_create(
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
                language=_language(),
                consent_text=str(REQUEST_CONSENT_TEXT),
                ip_address=client_ip(request),
            )
            return redirect("matchmaking:request_thanks")
    return render(request, "partnerships/matchmaking/request.html", {"form": form}, status=status)


def partner_request_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "partnerships/matchmaking/request_thanks.html")


def actor_suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    """Suggestions for any actor — the office's view from the actor page (404 for others)."""
    if not permissions.can_view_staff_suggestions(request.user):
        raise Http404
    actor = get_object_or_404(Actor, slug=slug)
    return render(
        request,
        "partnerships/matchmaking/actor_suggestions.html",
        {"actor": actor, "suggestions": selectors.actor_suggestions(actor=actor, limit=30)},
    )


@never_cache
def introduction_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The answer link of an introduction email: shows the answer and records it with one
    button (a GET never records: link scanners in mail systems open links too)."""
    status, answer, choice = services.answer_check(token=token)
    if request.method == "POST" and status == services.introductions.VALID:
        status, answer = services.introduction_answer_record(token=token)
        if status == services.introductions.VALID:
            status = "done"
    http_status = {"invalid": 400, "expired": 410}.get(status, 200)
    return render(
        request,
        "partnerships/matchmaking/answer.html",
        {"status": status, "answer": answer, "choice": choice},
        status=http_status,
    )


def notifications_opt_out(request: HttpRequest, token: str) -> HttpResponse:
    """The opt-out link of the match emails: one button, no login needed."""
    from django.contrib.auth import get_user_model

    user_id = services.opt_out_user_id(token=token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return render(
            request, "partnerships/matchmaking/opt_out.html", {"status": "invalid"}, status=400
        )
    status = "ask"
    if request.method == "POST":
        services.match_notifications_set(user=user, enabled=False)
        status = "done"
    return render(request, "partnerships/matchmaking/opt_out.html", {"status": status})
