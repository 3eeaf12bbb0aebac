"""Actors' coordinates: validated, corrected, confirmed or looked up in the gazetteer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships.models import Actor
from partnerships.services.published import (
    actor_changed,
)

# --- coordinates ----------------------------------------------------------------------------
# An actor without coordinates is not on the map; it is never placed at 0,0. Coordinates come
# from the reference data, from the offline gazetteer (a guess staff should check) or from a
# person; neither the reference import nor the gazetteer replaces what a person entered.

COORDINATES_CORRECTED = "Koordinaten von Hand korrigiert"
COORDINATES_CONFIRMED = "Koordinaten aus dem Ortsverzeichnis geprüft"
COORDINATES_LOOKED_UP = "Koordinaten im Ortsverzeichnis nachgeschlagen"
COORDINATES_NOT_FOUND = "Im Ortsverzeichnis nicht gefunden"


def actor_coordinates_validate(*, latitude: float | None, longitude: float | None) -> None:
    """Both values, in range, not 0,0. Errors are keyed by field where they belong to one."""
    errors = {}
    if latitude is None:
        errors["latitude"] = _("Bitte den Breitengrad angeben.")
    elif not -90 <= latitude <= 90:
        errors["latitude"] = _(
            "Der Breitengrad muss zwischen -90 und 90 liegen (Norden positiv, z. B. 51,43)."
        )
    if longitude is None:
        errors["longitude"] = _("Bitte den Längengrad angeben.")
    elif not -180 <= longitude <= 180:
        errors["longitude"] = _(
            "Der Längengrad muss zwischen -180 und 180 liegen (Osten positiv, z. B. 6,76)."
        )
    if errors:
        raise ValidationError(errors)
    if latitude == 0 and longitude == 0:
        raise ValidationError(
            _("Die Koordinaten 0,0 liegen im Atlantik – bitte prüfen."), code="null_island"
        )


def _save_coordinates(*, actor: Actor, by, reason: str) -> None:
    actor._history_user = by
    actor._change_reason = reason
    actor.save(update_fields=["latitude", "longitude", "coordinate_source", "updated_at"])
    actor_changed(actor=actor)


@transaction.atomic
def actor_coordinates_correct(*, actor: Actor, latitude: float, longitude: float, by) -> Actor:
    """Staff enter the coordinates by hand (source "manual"; kept by later imports)."""
    actor_coordinates_validate(latitude=latitude, longitude=longitude)
    actor.latitude, actor.longitude = latitude, longitude
    actor.coordinate_source = Actor.CoordinateSource.MANUAL
    _save_coordinates(actor=actor, by=by, reason=COORDINATES_CORRECTED)
    return actor


@transaction.atomic
def actor_coordinates_confirm(*, actor: Actor, by) -> Actor:
    """Staff checked the gazetteer's guess: it counts as entered by hand from now on."""
    if actor.coordinate_source != Actor.CoordinateSource.GAZETTEER or actor.latitude is None:
        raise ValidationError(
            _("Nur Koordinaten aus dem Ortsverzeichnis können bestätigt werden."),
            code="not_gazetteer",
        )
    actor.coordinate_source = Actor.CoordinateSource.MANUAL
    _save_coordinates(actor=actor, by=by, reason=COORDINATES_CONFIRMED)
    return actor


def actor_coordinates_lookup(*, actor: Actor, by=None):
    """Look the actor up in the offline gazetteer by name, aliases and country.

    Found: its coordinates, source "gazetteer" (a guess for staff to check). Not found: the
    coordinates stay empty and the source says "not found", so the admin lists it — never
    0,0. Returns the gazetteer's place or None. Coordinates from the reference data or
    entered by a person are not replaced (ValidationError).
    """
    from partnerships.geocoding import lookup

    protected = (Actor.CoordinateSource.REFERENCE, Actor.CoordinateSource.MANUAL)
    if actor.coordinate_source in protected and actor.latitude is not None:
        raise ValidationError(
            _(
                "Diese Koordinaten stammen aus den Referenzdaten oder wurden von Hand "
                "eingetragen; das Ortsverzeichnis ersetzt sie nicht."
            ),
            code="protected",
        )
    place = lookup(names=[actor.name, *actor.alias_list], country=actor.country)
    with transaction.atomic():
        if place is None:
            if (
                actor.latitude is None
                and actor.coordinate_source != Actor.CoordinateSource.NOT_FOUND
            ):
                actor.longitude = None
                actor.coordinate_source = Actor.CoordinateSource.NOT_FOUND
                _save_coordinates(actor=actor, by=by, reason=COORDINATES_NOT_FOUND)
            return None
        found = (place.latitude, place.longitude, Actor.CoordinateSource.GAZETTEER)
        if (actor.latitude, actor.longitude, actor.coordinate_source) != found:
            actor.latitude, actor.longitude, actor.coordinate_source = found
            _save_coordinates(actor=actor, by=by, reason=COORDINATES_LOOKED_UP)
    return place


def actor_geocode(*, actor: Actor, by=None) -> bool:
    """Fill missing coordinates from the offline gazetteer. False if the name is unknown
    (the actor is then marked "not found" for staff)."""
    if actor.latitude is not None and actor.longitude is not None:
        return True
    return actor_coordinates_lookup(actor=actor, by=by) is not None


def actor_coordinates_edited(*, actor: Actor) -> None:
    """Coordinates a person typed in (e.g. in the admin's change form) count as "manual", so
    the reference import and the gazetteer leave them alone. Call before saving."""
    if actor.latitude is not None and actor.longitude is not None:
        actor.coordinate_source = Actor.CoordinateSource.MANUAL
