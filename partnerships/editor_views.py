"""The editors' area ("Mein Bereich"): own actor profiles, portraits and their items.

Every view checks a predicate from ``permissions.py``; anything else is 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships import permissions, services
from partnerships.forms import (
    ITEM_KINDS,
    AccessRequestForm,
    ActorEditForm,
    ProposalForm,
    item_form_class,
    portrait_form_class,
)
from partnerships.models import Actor, Document, Image, Milestone, Partnership, Project
from partnerships.places import places_matching
from partnerships.places.labels import place_choice
from portal import languages
from portal.permissions import is_active_user

ITEM_MODELS = {"milestone": Milestone, "project": Project, "image": Image, "document": Document}


def _lang(request: HttpRequest) -> str:
    return languages.known(request.GET.get("sprache"), default=languages.active())


@login_required
def actor_edit(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor, slug=slug)
    if not permissions.can_edit_actor(request.user, actor):
        raise PermissionDenied
    form = ActorEditForm(request.POST or None, request.FILES or None, instance=actor)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.actor_update(
                    actor=actor,
                    by=request.user,
                    **{k: form.cleaned_data[k] for k in form.changed_data},
                )
            except ValidationError as exc:
                form.add_error(None, list(exc.messages))
            else:
                messages.success(request, _("Das Profil ist gespeichert."))
                return redirect(actor.get_absolute_url())
        status = 400
    return render(
        request,
        "partnerships/editor/actor_form.html",
        {"form": form, "actor": actor},
        status=status,
    )


def _editable_partnership(request: HttpRequest, slug: str) -> Partnership:
    partnership = get_object_or_404(Partnership, slug=slug)
    if not permissions.can_edit_partnership(request.user, partnership):
        raise PermissionDenied
    return partnership


@login_required
def partnership_edit(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _editable_partnership(request, slug)
    lang = _lang(request)
    form_class = portrait_form_class(lang)
    form = form_class(request.POST or None, instance=partnership)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.partnership_update(
                    partnership=partnership, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, list(exc.messages))
            else:
                messages.success(request, _("Das Porträt ist gespeichert."))
                return redirect(f"{request.path}?sprache={lang}")
        status = 400
    return render(
        request,
        "partnerships/editor/partnership_form.html",
        {
            "form": form,
            "partnership": partnership,
            "content_language": lang,
            "content_languages": languages.NAMES,
            "items": {
                "meilenstein": partnership.milestones.all(),
                "projekt": partnership.projects.select_related("horizon"),
                "bild": partnership.images.all(),
                "dokument": partnership.documents.all(),
            },
        },
        status=status,
    )


def _fill_default_language(item, lang: str) -> None:
    """Text written only in uk/en also fills the empty German field (the fallback language)."""
    for name in ("title", "description", "caption", "alt_text"):
        text = getattr(item, f"{name}_{lang}", None)
        if text and not getattr(item, f"{name}_{languages.SOURCE}", None):
            setattr(item, f"{name}_{languages.SOURCE}", text)


@login_required
def item_edit(request: HttpRequest, slug: str, kind: str, pk: int | None = None) -> HttpResponse:
    partnership = _editable_partnership(request, slug)
    item_kind = ITEM_KINDS.get(kind)
    if item_kind is None:
        raise Http404
    model = ITEM_MODELS[item_kind]
    instance = get_object_or_404(model, pk=pk, partnership=partnership) if pk else None
    lang = _lang(request)
    form = item_form_class(item_kind, lang)(
        request.POST or None, request.FILES or None, instance=instance
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            item = form.save(commit=False)
            item.partnership = partnership
            _fill_default_language(item, lang)
            item._history_user = request.user
            try:
                item.full_clean()
            except ValidationError as exc:
                form.add_error(None, list(exc.messages))
            else:
                item.save()
                services.partnership_changed(partnership=partnership)
                messages.success(request, _("Gespeichert."))
                return redirect(
                    reverse("partnerships:edit", kwargs={"slug": slug}) + f"?sprache={lang}"
                )
        status = 400
    return render(
        request,
        "partnerships/editor/item_form.html",
        {
            "form": form,
            "partnership": partnership,
            "kind": kind,
            "kind_label": model._meta.verbose_name,
            "content_language": lang,
            "content_languages": languages.NAMES,
        },
        status=status,
    )


@login_required
@require_POST
def item_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    partnership = _editable_partnership(request, slug)
    item_kind = ITEM_KINDS.get(kind)
    if item_kind is None:
        raise Http404
    item = get_object_or_404(ITEM_MODELS[item_kind], pk=pk, partnership=partnership)
    item._history_user = request.user
    item.delete()
    services.partnership_changed(partnership=partnership)
    messages.success(request, _("Gelöscht."))
    return redirect(reverse("partnerships:edit", kwargs={"slug": slug}))


@login_required
def partnership_propose(request: HttpRequest) -> HttpResponse:
    if not permissions.can_propose_partnership(request.user):
        raise PermissionDenied
    form = ProposalForm(request.POST or None, actors=permissions.editable_actors(request.user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                partnership = services.partnership_propose(
                    own_actor=form.cleaned_data["own_actor"],
                    partner=form.cleaned_data["partner_actor"],
                    kind=form.cleaned_data["kind"],
                    summary=form.cleaned_data["summary"],
                    by=request.user,
                )
            except services.PartnershipExists as exc:
                existing = exc.partnership
                messages.info(
                    request,
                    _(
                        "Diese Partnerschaft ist schon eingetragen: %(title)s. Ergänzen Sie "
                        "gern das bestehende Porträt, statt ein zweites anzulegen."
                    )
                    % {"title": existing.title},
                )
                if permissions.can_edit_partnership(request.user, existing):
                    return redirect(reverse("partnerships:edit", kwargs={"slug": existing.slug}))
                if existing.is_published:
                    return redirect(existing.get_absolute_url())
                form.add_error(
                    None,
                    _(
                        "Diese Partnerschaft ist schon eingetragen und wird gerade von der "
                        "Netzwerkstelle geprüft."
                    ),
                )
            except ValidationError as exc:
                form.add_error(None, list(exc.messages))
            else:
                messages.success(
                    request,
                    _(
                        "Vielen Dank! Die Netzwerkstelle prüft den Vorschlag. Sie können das "
                        "Porträt schon jetzt ergänzen."
                    ),
                )
                return redirect(reverse("partnerships:edit", kwargs={"slug": partnership.slug}))
        status = 400
    return render(request, "partnerships/editor/propose.html", {"form": form}, status=status)


PLACE_MIN_CHARS = 2


@login_required
def place_candidates(request: HttpRequest) -> JsonResponse:
    """The partner picker's candidates as the editor types (name in any spelling, with
    kind, raion/Kreis and oblast/Regierungsbezirk to tell namesakes apart)."""
    if not permissions.can_propose_partnership(request.user):
        raise PermissionDenied
    text = (request.GET.get("q") or "").strip()[:100]
    country = (request.GET.get("country") or "").strip().upper()[:2] or None
    if len(text) < PLACE_MIN_CHARS:
        return JsonResponse({"results": []})
    matches = places_matching(text, country=country, limit=ProposalForm.CANDIDATES, prefix=True)
    return JsonResponse({"results": [place_choice(m) for m in matches]})


@login_required
def access_request(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor, slug=slug)
    if not permissions.can_request_access(request.user, actor):
        messages.info(request, _("Sie pflegen dieses Profil bereits."))
        return redirect(actor.get_absolute_url())
    form = AccessRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.access_request_create(
                    user=request.user, actor=actor, message=form.cleaned_data["message"]
                )
            except ValidationError as exc:
                form.add_error(None, list(exc.messages))
            else:
                messages.success(
                    request, _("Ihre Anfrage ist eingegangen. Wir melden uns per E-Mail.")
                )
                return redirect(actor.get_absolute_url())
        status = 400
    return render(
        request,
        "partnerships/editor/access_request.html",
        {"form": form, "actor": actor},
        status=status,
    )


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    if not is_active_user(request.user):
        next_url = request.get_full_path()
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = "/"
        messages.info(
            request,
            _(
                "Bitte legen Sie ein Konto mit der eingeladenen E-Mail-Adresse an oder melden "
                "Sie sich an, um die Einladung anzunehmen."
            ),
        )
        return redirect(f"{reverse('account_signup')}?next={next_url}")
    try:
        invitation = services.invitation_accept(token=token, user=request.user)
    except services.InvitationUsed as exc:
        if not exc.by_this_user:
            return render(
                request, "partnerships/editor/invitation_error.html", {"error": exc}, status=403
            )
        messages.info(request, _("Sie haben diese Einladung bereits angenommen."))
        return redirect("portal:my_area")
    except services.InvitationError as exc:
        return render(
            request, "partnerships/editor/invitation_error.html", {"error": exc}, status=403
        )
    messages.success(
        request,
        _("Willkommen! Sie können jetzt das Profil von %(actor)s pflegen.")
        % {"actor": invitation.actor.name},
    )
    return redirect("portal:my_area")
