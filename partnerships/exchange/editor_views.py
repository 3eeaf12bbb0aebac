"""The Bedarfsbörse in "Mein Bereich": post and edit needs (Ukrainian actors) and offers (NRW
actors), take the lifecycle's steps, record the handover and the use, write in the match's
thread, follow categories and regions. Thin: parse, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.exchange import permissions, selectors, services
from partnerships.exchange.forms import (
    FollowForm,
    HandoverForm,
    ItemForm,
    MessageForm,
    UseReportForm,
)
from partnerships.exchange.models import (
    Follow,
    HandoverPhoto,
    Item,
    ItemDocument,
    ItemPhoto,
    Match,
)
from partnerships.exchange.services import TransitionRefused
from partnerships.models import Actor
from portal import languages


def _language(request: HttpRequest) -> str:
    return languages.known((request.LANGUAGE_CODE or "")[:2])


def _postable_actors(user, kind: str):
    country = Item.SIDE.get(kind)
    if country is None:
        raise Http404
    if permissions.staff_may(user, "exchange.add_item"):
        return (
            Actor.objects.filter(country=country)
            .exclude(kind__in=["oblast", "raion", "state", "gov_region"])
            .order_by("name")
        )
    return Actor.objects.filter(editors__user=user, country=country).order_by("name")


def _save_item_and_files(request, form: ItemForm, item: Item | None, data: dict) -> Item:
    saved = services.item_save(
        item=item,
        by=request.user,
        kind=form.kind,
        actor=data["actor"],
        category=data["category"],
        horizon=data["horizon"],
        title=form.texts("title"),
        description=form.texts("description"),
        quantity=data["quantity"],
        unit=data["unit"],
        urgency=data["urgency"],
        needed_by=data["needed_by"],
        valid_until=data["valid_until"],
        registry_id=data["registry_id"],
        source_language=_language(request),
        publish=data["publish"],
    )
    services.item_files_add(
        item=saved,
        by=request.user,
        photos=data["photos"],
        alt_text=data["photo_alt"],
        documents=data["documents"],
    )
    return saved


def _save(request, form: ItemForm, item: Item | None) -> Item | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        with transaction.atomic():  # the item and its files, or nothing
            saved = _save_item_and_files(request, form, item, data)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return None
    except TransitionRefused as exc:
        form.add_error(None, str(exc))
        return None
    return saved


@login_required
def item_create(request: HttpRequest, kind: str) -> HttpResponse:
    actors = _postable_actors(request.user, kind)
    if not actors.exists():
        raise PermissionDenied
    form = ItemForm(
        request.POST or None,
        request.FILES or None,
        actors=actors,
        kind=kind,
        language=_language(request),
    )
    if request.method == "POST":
        item = _save(request, form, None)
        if item is not None:
            messages.success(request, _("Gespeichert."))
            return redirect("exchange:detail", item.pk)
    return render(
        request,
        "partnerships/exchange/editor/item_form.html",
        {"form": form, "kind": kind, "kind_label": Item.Kind(kind).label},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item.objects.select_related("actor"), pk=pk)
    if not permissions.can_edit_item(request.user, item):
        raise PermissionDenied
    actors = _postable_actors(request.user, item.kind) | Actor.objects.filter(pk=item.actor_id)
    form = ItemForm(
        request.POST or None,
        request.FILES or None,
        actors=actors.distinct(),
        kind=item.kind,
        language=_language(request),
        item=item,
    )
    if request.method == "POST" and _save(request, form, item) is not None:
        messages.success(request, _("Gespeichert."))
        return redirect("exchange:detail", item.pk)
    return render(
        request,
        "partnerships/exchange/editor/item_form.html",
        {"form": form, "item": item, "kind": item.kind, "kind_label": item.get_kind_display()},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def item_file_remove(request: HttpRequest, pk: int, kind: str, file_pk: int) -> HttpResponse:
    """Remove one photo (``kind`` "foto") or document ("dokument") of an item."""
    item = get_object_or_404(Item, pk=pk)
    if kind == "foto":
        record = get_object_or_404(ItemPhoto, pk=file_pk, item=item)
        remove = services.item_photo_remove
        key = "photo"
    elif kind == "dokument":
        record = get_object_or_404(ItemDocument, pk=file_pk, item=item)
        remove = services.item_document_remove
        key = "document"
    else:
        raise Http404
    if not permissions.can_edit_item(request.user, item):
        raise PermissionDenied
    try:
        remove(**{key: record}, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Entfernt."))
    return redirect("exchange:edit", item.pk)


@login_required
@require_POST
def item_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = get_object_or_404(Item, pk=pk)
    if action not in services.ACTIONS or action in services.lifecycle.FORM_ACTIONS:
        raise Http404
    try:
        services.item_step(item=item, action=action, by=request.user)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    return redirect("exchange:detail", item.pk)


@login_required
@require_POST
def item_reserve(request: HttpRequest, pk: int) -> HttpResponse:
    """Reserve for a suggested partner: an offer/need of the other side (``counterpart``) or
    an actor (``partner``)."""
    item = get_object_or_404(Item.objects.select_related("actor"), pk=pk)
    counterpart = None
    try:
        if request.POST.get("counterpart"):
            counterpart = Item.objects.select_related("actor").get(
                pk=int(request.POST["counterpart"])
            )
            partner = counterpart.actor
        else:
            partner = Actor.objects.get(pk=int(request.POST.get("partner", "")))
    except (ValueError, Item.DoesNotExist, Actor.DoesNotExist):
        messages.error(request, _("Dieser Partner ist nicht bekannt."))
        return redirect("exchange:detail", item.pk)
    try:
        services.item_reserve(item=item, partner=partner, counterpart=counterpart, by=request.user)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    return redirect("exchange:detail", item.pk)


def _match(request: HttpRequest, pk: int) -> Match:
    match = get_object_or_404(
        Match.objects.select_related("need", "offer", "donor", "recipient"), pk=pk
    )
    if not permissions.can_view_match(request.user, match):
        raise Http404
    return match


@login_required
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    form = HandoverForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.handover_record(
                match=match,
                by=request.user,
                handed_over_on=data["handed_over_on"],
                people=data["people"],
                note=data["note"],
                protocol=data["protocol"] or None,
                photos=data["photos"],
            )
        except TransitionRefused as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Die Übergabe ist erfasst."))
            return redirect("exchange:detail", match.main_item.pk)
    return render(
        request,
        "partnerships/exchange/editor/match_form.html",
        {"match": match, "form": form, "title": _("Übergabe erfassen")},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def handover_photo_remove(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    match = _match(request, pk)
    photo = get_object_or_404(HandoverPhoto, pk=photo_pk, match=match)
    try:
        services.handover_photo_remove(photo=photo, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Entfernt."))
    return redirect("exchange:detail", match.main_item.pk)


@login_required
def use_report(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    form = UseReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.use_report_submit(
                match=match, by=request.user, report=form.cleaned_data["report"]
            )
        except TransitionRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Danke für Ihren Bericht."))
            return redirect("exchange:detail", match.main_item.pk)
    return render(
        request,
        "partnerships/exchange/editor/match_form.html",
        {"match": match, "form": form, "title": _("Verwendung berichten")},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def message_post(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_post(match=match, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Die Nachricht ist leer oder zu lang."))
    return redirect("exchange:detail", match.main_item.pk)


@login_required
def my_exchange(request: HttpRequest) -> HttpResponse:
    """The user's items and matches, and what they follow."""
    follow = Follow.objects.filter(user=request.user).first()
    initial = (
        {
            "categories": follow.categories,
            "kinds": follow.kinds,
            "regions": list(follow.regions.all()),
            "enabled": follow.enabled,
        }
        if follow
        else {"enabled": True}
    )
    form = FollowForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.follow_set(
            user=request.user,
            categories=data["categories"],
            regions=data["regions"],
            kinds=data["kinds"],
            enabled=data["enabled"],
        )
        messages.success(request, _("Gespeichert."))
        return redirect("exchange:mine")
    return render(
        request,
        "partnerships/exchange/editor/mine.html",
        {"overview": selectors.my_area_overview(user=request.user), "form": form},
    )
