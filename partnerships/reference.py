"""Load the official reference data (``partnerships/data/``) as Actors — idempotent and fast.

Every NRW municipality, Kreis, Regierungsbezirk and Land NRW and every Ukrainian hromada,
raion and oblast becomes an Actor with its official code (AGS / KATOTTG), parent chain,
population (NRW: 2019; Ukraine: 1 Jan 2022, before the full-scale invasion; raions and
oblasts as the sum of their hromadas) and coordinates, "not yet claimed". Re-running after a
data update changes only what changed (bulk operations, one history row per changed actor)
and never touches what editors or staff wrote: description, website, contact, logo,
sensitive flag, Wikidata id; names only while the profile is unclaimed; coordinates only
while they still come from the reference data; aliases are merged, never removed.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from statistics import fmean

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from partnerships.filters import area_choices_forget
from partnerships.models import Actor
from partnerships.places.names import Names, merge_aliases, names_apply, reference_names
from partnerships.places.normalise import transliterate_de
from partnerships.services import published_data_changed

DATA_DIR = Path(__file__).resolve().parent / "data"
REFERENCE_REASON = "Referenzdaten"

NRW_CODE = "05"
# Seats of the Regierungsbezirke (their municipality's AGS), for coordinates.
RB_SEATS = {
    "051": "05111000",  # Düsseldorf
    "053": "05315000",  # Köln
    "055": "05515000",  # Münster
    "057": "05766020",  # Detmold
    "059": "05958004",  # Arnsberg
}

# Former names of renamed Ukrainian places (KATOTTG code of the hromada -> aliases); only
# renamings that are well documented. Matched by centre name below.
RENAMED = {
    "Кропивницький": ["Kirowohrad", "Kirovohrad", "Кіровоград", "Kirovograd"],
    "Дніпро": ["Dnipropetrovsk", "Dnipropetrowsk", "Dnjepropetrowsk", "Дніпропетровськ"],
    "Звягель": ["Novohrad-Volynskyi", "Nowohrad-Wolynskyj", "Новоград-Волинський"],
    "Самар": ["Novomoskovsk", "Nowomoskowsk", "Новомосковськ"],
    "Шептицький": ["Chervonohrad", "Tscherwonohrad", "Червоноград"],
    "Покровськ": ["Krasnoarmiisk", "Krasnoarmejsk", "Красноармійськ"],
    "Бахмут": ["Artemivsk", "Artemiwsk", "Артемівськ"],
    "Кам'янське": ["Dniprodzerzhynsk", "Dniprodserschynsk", "Дніпродзержинськ"],
    "Горішні Плавні": ["Komsomolsk", "Komsomolsk am Dnepr", "Комсомольськ"],
    "Київ": ["Kiew", "Kiev", "Kijiw"],
}

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def slug_for(text: str) -> str:
    return slugify(text.translate(_UMLAUTS))[:200]


@dataclass
class Row:
    """The reference state of one actor."""

    code: str
    kind: str
    name: str
    country: str
    admin_area: str = ""
    parent_code: str = ""
    region_code: str = ""
    district_code: str = ""
    population: int | None = None
    population_date: date | None = None
    latitude: float | None = None
    longitude: float | None = None
    aliases: list[str] = field(default_factory=list)
    source: str = ""
    slug_hint: str = ""
    slug_alt: str = ""
    names: Names | None = None  # per language (Ukrainian actors; German: ``name`` everywhere)


def _read(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _float(value: str) -> float | None:
    return float(value) if value not in ("", None) else None


def _int(value: str) -> int | None:
    return int(value) if value not in ("", None) else None


def nrw_rows() -> list[Row]:
    municipalities = _read("nrw_municipalities.csv")
    kreise = _read("nrw_kreise.csv")
    by_ags = {m["ags"]: m for m in municipalities}
    rb_code = {k["regierungsbezirk"]: k["code"] for k in kreise if k["level"] == "Regierungsbezirk"}
    members = defaultdict(list)
    for m in municipalities:
        members[m["kreis_ags"]].append(m)
    total_pop = sum(int(m["population"]) for m in municipalities)
    duesseldorf = by_ags["05111000"]
    rows = [
        Row(
            code=NRW_CODE,
            kind=Actor.Kind.STATE,
            name="Land Nordrhein-Westfalen",
            country="DE",
            population=total_pop,
            population_date=date.fromisoformat(duesseldorf["population_date"]),
            latitude=float(duesseldorf["lat"]),
            longitude=float(duesseldorf["lon"]),
            aliases=[
                "Nordrhein-Westfalen",
                "NRW",
                "North Rhine-Westphalia",
                "Північний Рейн-Вестфалія",
            ],
            source="destatis",
            slug_hint="land-nrw",
        )
    ]
    for k in kreise:
        if k["level"] == "Regierungsbezirk":
            seat = by_ags[RB_SEATS[k["code"]]]
            rows.append(
                Row(
                    code=k["code"],
                    kind=Actor.Kind.GOV_REGION,
                    name=k["name"],
                    country="DE",
                    admin_area="Nordrhein-Westfalen",
                    parent_code=NRW_CODE,
                    population=_int(k["population"]),
                    population_date=date.fromisoformat(k["population_date"]),
                    latitude=float(seat["lat"]),
                    longitude=float(seat["lon"]),
                    aliases=[f"RB {k['name_short']}", f"Bezirksregierung {k['name_short']}"],
                    source="destatis",
                )
            )
        elif k["level"] == "Kreis":
            ms = members[k["code"]]
            rows.append(
                Row(
                    code=k["code"],
                    kind=Actor.Kind.DISTRICT,
                    name=k["name"],
                    country="DE",
                    admin_area=f"Regierungsbezirk {k['regierungsbezirk']}",
                    parent_code=rb_code[k["regierungsbezirk"]],
                    region_code=rb_code[k["regierungsbezirk"]],
                    population=_int(k["population"]),
                    population_date=date.fromisoformat(k["population_date"]),
                    latitude=round(fmean(float(m["lat"]) for m in ms), 5),
                    longitude=round(fmean(float(m["lon"]) for m in ms), 5),
                    aliases=[k["name_short"]] if k["name_short"] != k["name"] else [],
                    source="destatis",
                )
            )
        # kreisfreie Städte are loaded once, as municipalities
    for m in municipalities:
        rb = rb_code[m["regierungsbezirk"]]
        kreisfrei = not m["kreis"]
        area = f"Regierungsbezirk {m['regierungsbezirk']}"
        if not kreisfrei:
            area = f"{m['kreis']}, {area}"
        rows.append(
            Row(
                code=m["ags"],
                kind=Actor.Kind.MUNICIPALITY,
                name=m["name"],
                country="DE",
                admin_area=area,
                parent_code=rb if kreisfrei else m["kreis_ags"],
                region_code=rb,
                district_code="" if kreisfrei else m["kreis_ags"],
                population=_int(m["population"]),
                population_date=date.fromisoformat(m["population_date"]),
                latitude=_float(m["lat"]),
                longitude=_float(m["lon"]),
                aliases=[m["name_official"]] if m["name_official"] != m["name"] else [],
                source="destatis",
            )
        )
    return rows


def _ua_aliases(*names: str) -> list[str]:
    aliases = []
    for name in names:
        if not name:
            continue
        aliases.append(name)
        if re.search("[А-Яа-яІіЇїЄєҐґ]", name):
            aliases.append(transliterate_de(name))
        aliases.extend(RENAMED.get(name, []))
    return aliases


UA_POPULATION_DATE = date(2022, 1, 1)


def ua_population() -> dict[str, int]:
    """Present population of each hromada on 1 Jan 2022 (Ukrstat), by KATOTTG code."""
    return {
        r["katottg"]: int(r["population_2022"])
        for r in _read("ua_hromada_population_2022.csv")
        if r["population_2022"]
    }


def _population_sum(codes: list[str], population: dict[str, int]) -> int | None:
    known = [population[c] for c in codes if c in population]
    return sum(known) if len(known) == len(codes) and known else None


def ua_rows() -> list[Row]:
    oblasts = _read("ua_oblasts.csv")
    hromadas = _read("ua_hromadas.csv")
    population = ua_population()
    names = reference_names()
    oblast_by_code = {o["katottg"]: o for o in oblasts}
    oblast_hromadas: dict[str, list[str]] = defaultdict(list)
    for h in hromadas:
        oblast_hromadas[h["oblast_katottg"]].append(h["katottg"])
    rows = []
    for o in oblasts:
        is_city = o["kind"] == "city with special status"
        oblast_population = (
            None if is_city else _population_sum(oblast_hromadas[o["katottg"]], population)
        )
        rows.append(
            Row(
                code=o["katottg"],
                kind=Actor.Kind.HROMADA if is_city else Actor.Kind.OBLAST,
                name=names[o["katottg"]].de,
                names=names[o["katottg"]],
                country="UA",
                admin_area="" if not is_city else "Stadt mit Sonderstatus",
                population=oblast_population,
                population_date=UA_POPULATION_DATE if oblast_population else None,
                latitude=_float(o["capital_lat"]),
                longitude=_float(o["capital_lon"]),
                aliases=_ua_aliases(
                    o["name_uk"],
                    o["name_en"],
                    o["name_en_common"],
                    o["name_de_alt"],
                    o["capital_uk"] if is_city else "",
                )
                + ([o["capital_en"]] if is_city else [o["iso_3166_2"]]),
                source="katottg",
                slug_hint=slug_for(o["capital_en"] if is_city else o["name_de"]),
            )
        )
    raions: dict[str, list[dict]] = defaultdict(list)
    for h in hromadas:
        raions[h["raion_katottg"]].append(h)
    for code, hs in raions.items():
        h0 = hs[0]
        oblast = oblast_by_code[h0["oblast_katottg"]]
        raion_uk = f"{h0['raion_uk']} район"
        raion_population = _population_sum([h["katottg"] for h in hs], population)
        rows.append(
            Row(
                code=code,
                kind=Actor.Kind.RAION,
                name=names[code].de,
                names=names[code],
                country="UA",
                admin_area=oblast["name_de"],
                parent_code=oblast["katottg"],
                region_code=oblast["katottg"],
                population=raion_population,
                population_date=UA_POPULATION_DATE if raion_population else None,
                latitude=round(fmean(float(h["lat"]) for h in hs), 5),
                longitude=round(fmean(float(h["lon"]) for h in hs), 5),
                aliases=_ua_aliases(raion_uk, h0["raion_en"]),
                source="katottg",
                slug_hint=slug_for(h0["raion_en"]),
            )
        )
    for h in hromadas:
        oblast = oblast_by_code[h["oblast_katottg"]]
        raion_de = f"Rajon {transliterate_de(h['raion_uk'])}"
        rows.append(
            Row(
                code=h["katottg"],
                kind=Actor.Kind.HROMADA,
                name=names[h["katottg"]].de,
                names=names[h["katottg"]],
                country="UA",
                admin_area=f"{raion_de}, {oblast['name_de']}",
                parent_code=h["raion_katottg"],
                region_code=h["oblast_katottg"],
                district_code=h["raion_katottg"],
                population=population.get(h["katottg"]),
                population_date=UA_POPULATION_DATE if h["katottg"] in population else None,
                latitude=_float(h["lat"]),
                longitude=_float(h["lon"]),
                aliases=_ua_aliases(h["centre_uk"], h["name_uk"], h["full_name_uk"], h["name_en"]),
                source="katottg",
                slug_hint=slug_for(h["centre_en"]),
                slug_alt=slug_for(f"{h['centre_en']} {oblast['name_en_common']}"),
            )
        )
    return rows


def reference_rows() -> list[Row]:
    return nrw_rows() + ua_rows()


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


LEVEL_ORDER = [
    Actor.Kind.STATE,
    Actor.Kind.GOV_REGION,
    Actor.Kind.OBLAST,
    Actor.Kind.DISTRICT,
    Actor.Kind.RAION,
    Actor.Kind.MUNICIPALITY,
    Actor.Kind.HROMADA,
]


@transaction.atomic
def reference_actors_load(*, rows: list[Row] | None = None) -> LoadResult:
    """Create or update the reference actors; see the module docstring for the rules."""
    rows = rows if rows is not None else reference_rows()
    rows.sort(key=lambda r: LEVEL_ORDER.index(r.kind) if r.kind in LEVEL_ORDER else 99)
    codes = [r.code for r in rows]
    existing = {a.official_code: a for a in Actor.objects.filter(official_code__in=codes)}
    taken_slugs = set(Actor.objects.values_list("slug", flat=True))
    result = LoadResult()
    pk_by_code = {code: a.pk for code, a in existing.items()}
    now = timezone.now()

    by_level: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_level[row.kind if row.kind in LEVEL_ORDER else "other"].append(row)
    # Oblast-level cities (Kyiv, Sevastopol) are "hromada" kind but have no parent: fine.
    for level in [*LEVEL_ORDER, "other"]:
        to_create, to_update, update_fields = [], [], set()
        for row in by_level.get(level, []):
            ref = {
                "kind": row.kind,
                "country": row.country,
                "admin_area": row.admin_area,
                "parent_id": pk_by_code.get(row.parent_code),
                "region_id": pk_by_code.get(row.region_code),
                "district_id": pk_by_code.get(row.district_code),
                "population": row.population,
                "population_date": row.population_date,
                "reference_source": row.source,
            }
            actor = existing.get(row.code)
            if actor is None:
                slug = row.slug_hint or slug_for(row.name)
                if slug in taken_slugs and row.slug_alt:
                    slug = row.slug_alt
                if slug in taken_slugs:
                    slug = f"{slug}-{slug_for(row.code)}"
                taken_slugs.add(slug)
                names = row.names or Names(de=row.name, uk=row.name, en=row.name)
                to_create.append(
                    Actor(
                        official_code=row.code,
                        name=names.de,
                        name_de=names.de,
                        name_uk=names.uk,
                        name_en=names.en,
                        slug=slug,
                        aliases=merge_aliases(
                            "", [*row.aliases, *names.aliases], names.de, names.uk, names.en
                        ),
                        latitude=row.latitude,
                        longitude=row.longitude,
                        coordinate_source=Actor.CoordinateSource.REFERENCE
                        if row.latitude is not None
                        else "",
                        **ref,
                    )
                )
                continue
            changed = set()
            for name, value in ref.items():
                if getattr(actor, name) != value:
                    setattr(actor, name, value)
                    changed.add(name)
            names = row.names or Names(de=row.name, uk=row.name, en=row.name)
            changed |= names_apply(actor, names) - {"name"}
            if actor.coordinate_source in ("", Actor.CoordinateSource.REFERENCE) and (
                actor.latitude,
                actor.longitude,
            ) != (row.latitude, row.longitude):
                actor.latitude, actor.longitude = row.latitude, row.longitude
                actor.coordinate_source = Actor.CoordinateSource.REFERENCE
                changed |= {"latitude", "longitude", "coordinate_source"}
            aliases = merge_aliases(
                actor.aliases,
                [*row.aliases, *names.aliases],
                actor.name_de,
                actor.name_uk,
                actor.name_en,
            )
            if aliases != actor.aliases:
                actor.aliases = aliases
                changed.add("aliases")
            if changed:
                actor.updated_at = now
                to_update.append(actor)
                update_fields |= changed
            else:
                result.unchanged += 1
        if to_create:
            created = bulk_create_with_history(
                to_create, Actor, batch_size=500, default_change_reason=REFERENCE_REASON
            )
            if any(a.pk is None for a in created):  # backends that return no ids
                created = list(
                    Actor.objects.filter(official_code__in=[a.official_code for a in to_create])
                )
            for a in created:
                pk_by_code[a.official_code] = a.pk
            result.created += len(to_create)
        if to_update:
            bulk_update_with_history(
                to_update,
                Actor,
                sorted(update_fields | {"updated_at"}),
                batch_size=500,
                default_change_reason=REFERENCE_REASON,
            )
            result.updated += len(to_update)
    if result.created or result.updated:
        area_choices_forget()
        published_data_changed()
    return result
