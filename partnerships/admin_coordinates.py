"""Staff's coordinate work queue in the admin: actors without coordinates or with coordinates
the offline gazetteer guessed, each with a small form to correct, confirm or look up again.

Wired into ``ActorAdmin`` (``admin.py``): the list filter and ``coordinates_view`` at
``/admin/partnerships/actor/koordinaten/``. The rules live in ``services`` and ``selectors``.
"""

from __future__ import annotations

import math

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships import selectors, services
from partnerships.models import Actor

PAGE_SIZE = 50
QUEUE_LABELS = {
    "": _("alle"),
    "not_found": _("im Ortsverzeichnis nicht gefunden"),
    "missing": _("ohne Koordinaten"),
    "gazetteer": _("aus dem Ortsverzeichnis (ungeprüft)"),
}


class CoordinateStatusFilter(admin.SimpleListFilter):
    title = _("Koordinaten")
    parameter_name = "koordinaten"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("fehlen")),
            ("not_found", QUEUE_LABELS["not_found"]),
            ("gazetteer", QUEUE_LABELS["gazetteer"]),
            ("manual", _("von Hand (eingetragen oder geprüft)")),
            ("reference", _("aus den Referenzdaten")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value in selectors.COORDINATE_QUEUES:
            return queryset.filter(
                pk__in=selectors.actors_needing_coordinates(queue=value).values("pk")
            )
        if value in ("manual", "reference"):
            return queryset.filter(coordinate_source=value, latitude__isnull=False)
        return queryset


def parse_degrees(raw: str) -> float:
    """A number of degrees as staff type it: 51,4556 or 51.4556, optionally with °."""
    text = raw.strip().replace("°", "").replace("\u2212", "-").replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValidationError(
            _("„%(value)s“ ist keine Zahl. Beispiel: 51,4556 oder 51.4556."),
            code="invalid",
            params={"value": raw.strip()},
        )
    return value


class CoordinatesForm(forms.Form):
    """Parses the two numbers; the ranges and the 0,0 check are the service's rules."""

    latitude = forms.CharField(
        label=_("Breitengrad"),
        max_length=40,
        error_messages={"required": _("Bitte den Breitengrad angeben.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
    )
    longitude = forms.CharField(
        label=_("Längengrad"),
        max_length=40,
        error_messages={"required": _("Bitte den Längengrad angeben.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
    )

    def clean_latitude(self) -> float:
        return parse_degrees(self.cleaned_data["latitude"])

    def clean_longitude(self) -> float:
        return parse_degrees(self.cleaned_data["longitude"])


def _form_for(actor: Actor, data=None) -> CoordinatesForm:
    initial = {}
    if actor.latitude is not None and actor.longitude is not None:
        initial = {"latitude": f"{actor.latitude:.5f}", "longitude": f"{actor.longitude:.5f}"}
    return CoordinatesForm(data, prefix=f"actor-{actor.pk}", initial=initial)


def _coords(actor: Actor) -> str:
    return f"{actor.latitude:.5f}, {actor.longitude:.5f}"


def _handle_post(request: HttpRequest, actor: Actor) -> CoordinatesForm | None:
    """Apply one row's action; returns the bound form when it has errors."""
    action = request.POST.get("action")
    if action == "save":
        form = _form_for(actor, request.POST)
        if form.is_valid():
            try:
                services.actor_coordinates_correct(
                    actor=actor,
                    latitude=form.cleaned_data["latitude"],
                    longitude=form.cleaned_data["longitude"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
        if form.errors:
            return form
        messages.success(
            request,
            gettext("Koordinaten von %(name)s gespeichert: %(coords)s.")
            % {"name": actor.name, "coords": _coords(actor)},
        )
    elif action == "confirm":
        try:
            services.actor_coordinates_confirm(actor=actor, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                gettext("Koordinaten von %(name)s als geprüft vermerkt.") % {"name": actor.name},
            )
    elif action == "lookup":
        try:
            place = services.actor_coordinates_lookup(actor=actor, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if place is None:
                messages.warning(
                    request,
                    gettext(
                        "%(name)s wurde im Ortsverzeichnis nicht gefunden (gesucht: %(names)s; "
                        "Land: %(country)s). Die Koordinaten bleiben leer, der Akteur erscheint "
                        "nicht auf der Karte. Bitte Koordinaten eintragen oder im Profil einen "
                        "weiteren Namen ergänzen."
                    )
                    % {
                        "name": actor.name,
                        "names": ", ".join([actor.name, *actor.alias_list]),
                        "country": actor.country,
                    },
                )
            else:
                messages.success(
                    request,
                    gettext(
                        "%(name)s im Ortsverzeichnis gefunden: %(place)s (%(coords)s). "
                        "Bitte prüfen."
                    )
                    % {"name": actor.name, "place": place.name, "coords": _coords(actor)},
                )
    else:
        messages.error(request, gettext("Unbekannte Aktion."))
    return None


def coordinates_view(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    queue = request.GET.get("queue", "")
    if queue not in selectors.COORDINATE_QUEUES:
        queue = ""
    invalid: dict[int, CoordinatesForm] = {}
    if request.method == "POST":
        actor = get_object_or_404(Actor, pk=request.POST.get("actor") or 0)
        form = _handle_post(request, actor)
        if form is None:
            return redirect(request.get_full_path())
        invalid[actor.pk] = form
    page = Paginator(selectors.actors_needing_coordinates(queue=queue), PAGE_SIZE).get_page(
        request.GET.get("p")
    )
    rows = [(actor, invalid.pop(actor.pk, None) or _form_for(actor)) for actor in page]
    for pk, form in invalid.items():  # no longer in this queue (e.g. changed meanwhile)
        rows.insert(0, (Actor.objects.select_related("region").get(pk=pk), form))
    return render(
        request,
        "admin/partnerships/actor_coordinates.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Koordinaten prüfen und korrigieren"),
            "opts": model_admin.model._meta,
            "rows": rows,
            "page": page,
            "queue": queue,
            "queues": list(QUEUE_LABELS.items()),
        },
        status=400 if request.method == "POST" else 200,
    )
