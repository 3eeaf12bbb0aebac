"""Search profiles in "Mein Bereich": the editors of an actor keep its profiles (in their own
language) and see the suggestions that public information gives for them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.matchmaking import permissions, selectors, services
from partnerships.matchmaking.forms import SearchProfileForm
from partnerships.matchmaking.models import SearchProfile
from partnerships.models import Actor
from portal import languages

SUGGESTIONS_SHOWN = 10


def _language(request: HttpRequest) -> str:
    lang = (request.LANGUAGE_CODE or "de")[:2]
    return languages.known(lang)


def _editable(request: HttpRequest, pk: int) -> SearchProfile:
    profile = get_object_or_404(SearchProfile.objects.select_related("actor"), pk=pk)
    if not permissions.can_edit_profile(request.user, profile):
        raise PermissionDenied
    return profile


def _save(request: HttpRequest, form: SearchProfileForm, profile: SearchProfile) -> bool:
    if not form.is_valid():
        return False
    try:
        services.search_profile_save(profile=profile, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, list(exc.messages))
        return False
    return True


@login_required
def profile_create(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor, slug=slug)
    if not permissions.can_create_profile(request.user, actor):
        raise PermissionDenied
    initial = {
        "contact_name": request.user.get_full_name(),
        "contact_email": request.user.email,
        "contact_language": _language(request),
    }
    form = SearchProfileForm(
        request.POST or None, actor=actor, language=_language(request), initial=initial
    )
    profile = SearchProfile(actor=actor)
    if request.method == "POST" and _save(request, form, profile):
        messages.success(request, _("Das Suchprofil ist gespeichert."))
        return redirect("matchmaking:profile_edit", pk=profile.pk)
    return render(
        request,
        "partnerships/matchmaking/editor/profile_form.html",
        {"form": form, "actor": actor, "profile": None},
        status=400 if form.is_bound else 200,
    )


@login_required
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _editable(request, pk)
    form = SearchProfileForm(
        request.POST or None, instance=profile, actor=profile.actor, language=_language(request)
    )
    if request.method == "POST":
        if _save(request, form, profile):
            messages.success(request, _("Das Suchprofil ist gespeichert."))
            return redirect("matchmaking:profile_edit", pk=profile.pk)
        profile.refresh_from_db()
    suggestions = selectors.profile_suggestions(
        profile=profile, staff=False, limit=SUGGESTIONS_SHOWN
    )
    return render(
        request,
        "partnerships/matchmaking/editor/profile_form.html",
        {"form": form, "actor": profile.actor, "profile": profile, "suggestions": suggestions},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def profile_extend(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _editable(request, pk)
    services.search_profile_extend(profile=profile, by=request.user)
    messages.success(request, _("Das Suchprofil gilt jetzt zwölf weitere Monate."))
    return redirect("matchmaking:profile_edit", pk=profile.pk)


@login_required
def profile_delete(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _editable(request, pk)
    if request.method == "POST":
        services.search_profile_delete(profile=profile, by=request.user)
        messages.success(request, _("Das Suchprofil ist gelöscht."))
        return redirect("portal:my_area")
    return render(
        request, "partnerships/matchmaking/editor/profile_delete.html", {"profile": profile}
    )


@login_required
@require_POST
def notifications_toggle(request: HttpRequest) -> HttpResponse:
    enabled = request.POST.get("enabled") == "1"
    services.match_notifications_set(user=request.user, enabled=enabled)
    messages.success(
        request,
        _("Sie erhalten E-Mails zu neuen gegenseitigen Treffern.")
        if enabled
        else _("Sie erhalten keine E-Mails zu neuen gegenseitigen Treffern mehr."),
    )
    return redirect("portal:my_area")
