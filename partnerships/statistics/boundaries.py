"""The simplified administrative boundaries (``data/boundaries/``, see its SOURCES.md): names
and keys of the NRW Kreise (AGS) and Ukrainian oblasts (KATOTTG), SVG outlines for the
choropleth maps and GeoJSON for the base layer of the Leaflet maps.

Files are read once per process; everything returned is immutable or a fresh copy.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BOUNDARY_DIR = Path(__file__).resolve().parent / "data" / "boundaries"
KREISE = "nrw_kreise"
OBLASTS = "ua_oblasts"
CONTEXT = "europe_context_countries"

# Credits required by the licences (SOURCES.md); shown under every map.
ATTRIBUTION = {
    KREISE: "Verwaltungsgrenzen: © Land NRW / Geobasis NRW (DVG2, Stand 24.01.2018), "
    "dl-de/zero-2-0; vereinfacht",
    OBLASTS: "Boundaries: slawomirmatuszak/ukrainian_geodata (data prepared with Fedir Gontsa "
    "for the OPORA 2020 election map), CC BY 4.0; cleaned and simplified",
    CONTEXT: "Made with Natural Earth (public domain)",
}
# The language each credit is written in (kept verbatim; pages mark it with lang).
ATTRIBUTION_LANGUAGE = {KREISE: "de", OBLASTS: "en", CONTEXT: "en"}


@lru_cache(maxsize=4)
def _collection(name: str) -> dict:
    with (BOUNDARY_DIR / f"{name}.geojson").open(encoding="utf-8") as handle:
        return json.load(handle)


REFERENCE_DIR = Path(__file__).resolve().parents[1] / "data"


def _reference_rows(name: str) -> list[dict]:
    with (REFERENCE_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def kreise() -> dict[str, dict]:
    """5-digit AGS → name and Regierungsbezirk of the 53 Kreise and kreisfreie Städte, from
    the register's reference data (the same keys as the boundaries; no GeoJSON parsed)."""
    return {
        row["code"]: {"name": row["name"], "regierungsbezirk": row["regierungsbezirk"]}
        for row in _reference_rows("nrw_kreise.csv")
        if row["level"] != "Regierungsbezirk"
    }


@lru_cache(maxsize=1)
def oblasts() -> dict[str, dict]:
    """KATOTTG → names (uk, en, de) of the 27 first-level units, from the reference data."""
    return {
        row["katottg"]: {
            "name_uk": row["name_uk"],
            "name_en": row["name_en_common"],
            "name_de": row["name_de"],
        }
        for row in _reference_rows("ua_oblasts.csv")
    }


def oblast_name(code: str, language: str) -> str:
    props = oblasts().get(code, {})
    return props.get(f"name_{language}") or props.get("name_de") or code


def kreis_name(code: str) -> str:
    return kreise().get(code, {}).get("name", code)


# --- SVG outlines --------------------------------------------------------------------------


@dataclass(frozen=True)
class Outline:
    key: str
    path: str  # SVG path data in the map's pixel space
    label_x: float
    label_y: float


@dataclass(frozen=True)
class OutlineMap:
    width: int
    height: int
    outlines: tuple[Outline, ...]


def _rings(geometry: dict):
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    else:
        for polygon in geometry["coordinates"]:
            yield from polygon


@lru_cache(maxsize=4)
def outline_map(name: str, width: int = 560) -> OutlineMap:
    """Every feature of ``name`` as an SVG path, projected equirectangularly with the mean
    latitude's scale (true enough at the size of a Land or a country), rounded to whole
    pixels with repeated points dropped, so a map weighs tens of kilobytes, not hundreds."""
    features = _collection(name)["features"]
    key_field = "ags" if name == KREISE else "katottg"
    lons, lats = [], []
    for feature in features:
        for ring in _rings(feature["geometry"]):
            lons.extend(p[0] for p in ring)
            lats.extend(p[1] for p in ring)
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    kx = math.cos(math.radians((south + north) / 2))
    scale = (width - 4) / ((east - west) * kx)
    height = round((north - south) * scale) + 4

    def project(lon: float, lat: float) -> tuple[int, int]:
        return round(2 + (lon - west) * kx * scale), round(2 + (north - lat) * scale)

    outlines = []
    for feature in features:
        parts = []
        for ring in _rings(feature["geometry"]):
            points = []
            for lon, lat in ring:
                point = project(lon, lat)
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) < 4:
                continue
            head, *rest = points
            parts.append(f"M{head[0]} {head[1]}L" + " ".join(f"{x} {y}" for x, y in rest) + "Z")
        props = feature["properties"]
        lx, ly = project(props["label_lon"], props["label_lat"])
        outlines.append(Outline(props[key_field], "".join(parts), lx, ly))
    return OutlineMap(width, height, tuple(outlines))


# --- GeoJSON base layer for the Leaflet maps ---------------------------------------------


@dataclass(frozen=True)
class BaseLayer:
    gzipped: bytes
    body: bytes
    etag: str


@lru_cache(maxsize=1)
def base_layer() -> BaseLayer:
    """Countries of Europe, the Kreise of NRW and the oblasts of Ukraine in one
    FeatureCollection; each feature says its ``layer`` (``country``, ``kreis``, ``oblast``)
    and carries only its name, so the map can style them and needs one request."""
    features = []
    for name, layer, label in (
        (CONTEXT, "country", "name_en"),
        (KREISE, "kreis", "name"),
        (OBLASTS, "oblast", "name_uk"),
    ):
        for feature in _collection(name)["features"]:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"layer": layer, "name": feature["properties"].get(label)},
                    "geometry": feature["geometry"],
                }
            )
    body = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    etag = '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest() + '"'
    return BaseLayer(gzip.compress(body, compresslevel=9, mtime=0), body, etag)
