"""Public pages of the register: list, portrait, actor profile and map."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from partnerships import selectors
from partnerships.filters import PartnershipFilter
from partnerships.matchmaking.permissions import shows_suggestions_link
from partnerships.models import Actor, Partnership
from partnerships.permissions import (
    can_edit_actor,
    can_edit_partnership,
    can_view_partnership,
    contact_is_public,
    exact_location_is_public,
)
from portal.page_cache import PAGE_NUMBER, cached_for_visitors


def _filter(request: HttpRequest, queryset) -> PartnershipFilter:
    return PartnershipFilter(request.GET or None, queryset=queryset)


@cached_for_visitors(params={"seite": PAGE_NUMBER})
def partnership_list(request: HttpRequest) -> HttpResponse:
    filterset = _filter(request, selectors.partnership_list_queryset())
    status = 200
    if filterset.is_bound and not filterset.is_valid():
        status = 400
        page = None
    else:
        paginator = Paginator(filterset.qs, settings.PARTNERSHIPS_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "partnerships/list.html",
        {
            "filter": filterset,
            "page": page,
            "query_string": query.urlencode(),
            "map_url": reverse("partnerships:map") + (f"?{query.urlencode()}" if query else ""),
        },
        status=status,
    )


@cached_for_visitors()
def partnership_map(request: HttpRequest) -> HttpResponse:
    filterset = _filter(request, Partnership.objects.none())
    query = request.GET.urlencode()
    return render(
        request,
        "partnerships/map.html",
        {
            "filter": filterset,
            "geojson_url": reverse("partnerships_geojson")
            + f"?lang={request.LANGUAGE_CODE}"
            + (f"&{query}" if query else ""),
            "list_url": reverse("partnerships:list") + (f"?{query}" if query else ""),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


@cached_for_visitors()
def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(selectors.partnership_detail_queryset(), slug=slug)
    if not can_view_partnership(request.user, partnership):
        raise Http404
    members = list(partnership.members.all())
    return render(
        request,
        "partnerships/detail.html",
        {
            "partnership": partnership,
            "partners": [m for m in members if m.role != "broker"],
            "brokers": [m for m in members if m.role == "broker"],
            "language_missing": selectors.portrait_language_missing(partnership=partnership),
            "can_edit": can_edit_partnership(request.user, partnership),
            "map_points": [
                m
                for m in members
                if m.actor.latitude is not None
                and exact_location_is_public(is_sensitive=m.actor.is_sensitive)
            ],
            "portrait_sections": selectors.portrait_sections(partnership=partnership),
            "timeline": selectors.portrait_timeline(partnership=partnership),
            "contacts": [
                m.actor for m in members if m.role != "broker" and contact_is_public(m.actor)
            ],
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "related": selectors.related_content(partnership=partnership),
        },
    )


@cached_for_visitors()
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(
        Actor.objects.select_related("parent", "region", "district"), slug=slug
    )
    partnerships = selectors.actor_partnerships(actor=actor)
    return render(
        request,
        "partnerships/actor_detail.html",
        {
            "actor": actor,
            "partnerships": partnerships["partner"],
            "brokered": partnerships["broker"],
            "related": selectors.related_content(actor=actor),
            "can_edit": can_edit_actor(request.user, actor),
            "show_contact": contact_is_public(actor),
            "suggestions_link": shows_suggestions_link(request.user, actor),
        },
    )


def partnership_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """Serve the stored PDF of the portrait, or queue its rendering and ask to come back.

    One rendering per document is queued at a time (a cache lock for as long as a rendering
    may take), however often the waiting page asks again.
    """
    from django.core.cache import cache
    from django.core.files.storage import default_storage
    from django.http import FileResponse

    from partnerships.pdf import portrait_pdf_path
    from partnerships.tasks import render_portrait_pdf
    from portal.pdf import PDF_TASK_OPTIONS

    partnership = get_object_or_404(selectors.partnership_detail_queryset(), slug=slug)
    if not can_view_partnership(request.user, partnership):
        raise Http404
    language = request.LANGUAGE_CODE
    path, _html = portrait_pdf_path(partnership=partnership, language=language)
    if not default_storage.exists(path) and cache.add(
        f"pdf-queued:{path}", True, timeout=PDF_TASK_OPTIONS["time_limit"]
    ):
        render_portrait_pdf.apply_async_or_log(args=(partnership.pk, language))
    if default_storage.exists(path):  # eager mode, or a worker was quick
        return FileResponse(
            default_storage.open(path, "rb"),
            content_type="application/pdf",
            filename=f"{partnership.slug}.pdf",
        )
    response = render(
        request, "partnerships/pdf_pending.html", {"partnership": partnership}, status=202
    )
    response["Retry-After"] = "5"
    return response


@cached_for_visitors(params={"seite": PAGE_NUMBER})
def actor_list(request: HttpRequest) -> HttpResponse:
    from partnerships.actor_filters import ActorFilter, actor_list_queryset

    filterset = ActorFilter(request.GET or None, queryset=actor_list_queryset())
    status = 200
    page = None
    if filterset.is_bound and not filterset.is_valid():
        status = 400
    else:
        page = Paginator(filterset.qs, 50).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "partnerships/actor_list.html",
        {"filter": filterset, "page": page, "query_string": query.urlencode()},
        status=status,
    )
