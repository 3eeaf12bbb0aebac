"""Public pages of the Bedarfsbörse: the list with filters, map and aggregates, an item's
page (with its match, thread and suggestions for those who may see them), and "Kontakt über
die Netzwerkstelle"."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from partnerships.exchange import matching, permissions, selectors, services
from partnerships.exchange.filters import ItemFilter
from partnerships.exchange.forms import (
    EXCHANGE_CONSENT_TEXT,
    ExchangeContactForm,
    HandoverForm,
    MessageForm,
    UseReportForm,
)
from partnerships.exchange.models import Item, State
from partnerships.matchmaking.views import office_contact

PAGE_SIZE = 20
FILTER_HTML_SECONDS = 300


def item_list(request: HttpRequest) -> HttpResponse:
    filterset = ItemFilter(request.GET or None, queryset=selectors.public_items())
    status, page = 200, None
    if filterset.is_bound and not filterset.is_valid():
        status = 400
    else:
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    filter_html = _filter_html(request, filterset) if status == 200 else None
    rows = selectors.public_rows(page.object_list) if page else []
    return render(
        request,
        "partnerships/exchange/list.html",
        {
            "filter": filterset,
            "filter_html": filter_html,
            "page": page,
            "rows": rows,
            "aggregates": selectors.aggregates(),
            "query_string": query.urlencode(),
            "map_data_url": reverse("exchange:map_data")
            + (f"?{query.urlencode()}" if query else ""),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
        status=status,
    )


def _filter_html(request: HttpRequest, filterset: ItemFilter) -> str:
    """The filter panel as HTML, kept per language and valid filter values for
    ``FILTER_HTML_SECONDS``: its selects with every category and region are the most expensive
    part of the page to render, and the same for everyone. The key holds only validated
    choices (a bounded set), never the raw address: random parameters cannot fill the cache."""
    form = filterset.form
    if not form.is_valid():
        return render_to_string(
            "partnerships/_filter.html", {"filter": filterset, "request": request}
        )
    values = sorted(
        (name, str(getattr(value, "pk", value) or "")) for name, value in form.cleaned_data.items()
    )
    key = (
        "exchange:filter-html:"
        + hashlib.sha256(
            repr((get_language(), request.path, bool(request.GET), values)).encode()
        ).hexdigest()
    )
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "partnerships/_filter.html", {"filter": filterset, "request": request}
        )
        cache.set(key, str(html), FILTER_HTML_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by the template above, escaped there


def map_data(request: HttpRequest) -> JsonResponse:
    filterset = ItemFilter(request.GET or None, queryset=Item.objects.public())
    if filterset.is_bound and not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    return JsonResponse({"items": selectors.map_features(filterset.qs)})


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_detail(pk)
    if item is None or not permissions.can_view_item(request.user, item):
        raise Http404
    user = request.user
    context = {"item": item, "place": selectors.public_place(item)}
    if permissions.can_edit_item(user, item) or permissions.can_view_all(user):
        context["insider"] = True
    match = services.current_match(item)
    if match is not None and permissions.can_view_match(user, match):
        context.update(
            match=match,
            steps=item.steps.select_related("by").order_by("at", "pk"),
            messages_list=match.messages.select_related("author").order_by("created_at", "pk"),
            message_form=MessageForm(),
            handover_form=HandoverForm(),
            use_form=UseReportForm(),
            handover_photos=match.handover_photos.all(),
            handover_editable=match.use_reported_at is None
            and (permissions.is_exchange_staff(user) or permissions.is_party(user, match)),
        )
    elif context.get("insider"):
        context["steps"] = item.steps.select_related("by").order_by("at", "pk")
    if context.get("insider") or (match is not None and context.get("match")):
        actions = services.allowed_actions(user, item=item, match=match)
        context["actions"] = [a for a in actions if a.name not in services.lifecycle.FORM_ACTIONS]
        context["form_actions"] = {a.name for a in actions}
        context["documents"] = item.documents.all()
    if item.state == State.PUBLISHED and context.get("insider"):
        if item.kind == Item.Kind.NEED:
            found = matching.need_matches(need=item)
            context["offer_matches"], context["actor_matches"] = found["offers"], found["actors"]
        else:
            context["need_matches"] = matching.offer_matches(offer=item)
    elif item.state == State.PUBLISHED and permissions.own_actor_ids(user):
        # an editor of the other side may answer with one of their actors
        from partnerships.models import Actor

        context["respond_actors"] = (
            Actor.objects.filter(pk__in=permissions.own_actor_ids(user))
            .exclude(country=item.actor.country)
            .filter(country__in=list(Item.SIDE.values()))
        )
    return render(request, "partnerships/exchange/detail.html", context)


def item_contact(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_detail(pk)
    if item is None or item.state != State.PUBLISHED:
        raise Http404
    return office_contact(
        request,
        create=lambda **fields: services.contact_request_create(item=item, **fields),
        scope="exchange-contact",
        consent_text=EXCHANGE_CONSENT_TEXT,
        thanks="exchange:contact_thanks",
        template="partnerships/exchange/contact.html",
        context={"item": item, "place": selectors.public_place(item)},
        form_class=ExchangeContactForm,
    )


def contact_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "partnerships/matchmaking/contact_thanks.html")


def digest_opt_out(request: HttpRequest, token: str) -> HttpResponse:
    from django.contrib.auth import get_user_model

    from partnerships.exchange.services.notifications import follow_disable, opt_out_user_id

    user_id = opt_out_user_id(token=token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return render(
            request, "partnerships/exchange/opt_out.html", {"status": "invalid"}, status=400
        )
    status = "ask"
    if request.method == "POST":
        follow_disable(user=user)
        status = "done"
    return render(request, "partnerships/exchange/opt_out.html", {"status": status})
