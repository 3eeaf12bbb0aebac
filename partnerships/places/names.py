"""Display names of the reference actors in each language, and their extra spellings.

- Ukrainian hromadas, raions and oblasts: Cyrillic on ``uk`` (from KATOTTG), the national
  romanisation (KMU 2010) on ``en``, on ``de`` the common German exonym where one exists
  (``data/exonyms.csv``: Kiew, Charkiw, Lwiw, Odessa, Saporischschja, Czernowitz, ...),
  otherwise what the register showed before (the romanisation, "Rajon ...", "Oblast ...").
- German actors keep their German name in every language.

``reference_names()`` gives them by official code; the reference loader writes them into
the translated ``name_*`` columns, and so does a data migration for existing databases.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from partnerships.places.normalise import CYRILLIC, transliterate_de
from portal import languages

DATA_DIR = Path(__file__).resolve().parent / "data"
REFERENCE_DIR = DATA_DIR.parent.parent / "data"


@dataclass
class Names:
    de: str
    uk: str
    en: str
    aliases: list[str] = field(default_factory=list)

    def for_language(self, code: str) -> str:
        return getattr(self, code, "") or self.de


def _apostrophe(text: str) -> str:
    return text.replace("ʼ", "'").replace("’", "'")


def _exonym(centre_uk: str, oblast_uk: str, default: tuple[str, list[str]] | None = None):
    return exonyms().get((_apostrophe(centre_uk), oblast_uk), default)


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def exonyms() -> dict[tuple[str, str], tuple[str, list[str]]]:
    """(centre in Cyrillic, oblast adjective or "") → (German name, other spellings)."""
    result = {}
    for row in _read(DATA_DIR / "exonyms.csv"):
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        result[(_apostrophe(row["centre_uk"]), row["oblast_uk"])] = (row["de"], aliases)
    return result


def _raion_centres(hromadas: list[dict]) -> dict[str, dict]:
    """The centre hromada of each raion: the one named like the raion (Нікопольський →
    Нікопольська), else its most populous town."""
    by_raion: dict[str, list[dict]] = {}
    for h in hromadas:
        by_raion.setdefault(h["raion_katottg"], []).append(h)
    centres = {}
    for code, hs in by_raion.items():
        feminine = hs[0]["raion_uk"][:-2] + "а"
        named = [h for h in hs if h["name_uk"] == feminine]
        towns = [h for h in hs if h["centre_category"] == "місто"]
        if named:
            centres[code] = named[0]
        elif towns:
            centres[code] = towns[0]
    return centres


@cache
def reference_names() -> dict[str, Names]:
    """Display names and extra spellings of every Ukrainian reference actor, by KATOTTG."""
    oblasts = _read(REFERENCE_DIR / "ua_oblasts.csv")
    hromadas = _read(REFERENCE_DIR / "ua_hromadas.csv")
    names: dict[str, Names] = {}
    for o in oblasts:
        if o["kind"] == "city with special status":
            de, extra = _exonym(o["capital_uk"], "", (o["capital_de"], []))
            names[o["katottg"]] = Names(
                de=de, uk=o["capital_uk"], en=o["capital_en"], aliases=extra
            )
            continue
        capital = _exonym(o["capital_uk"], o["name_uk"].split()[0])
        capital_spellings = [o["capital_de"], o["capital_en"], *(capital[1] if capital else [])]
        names[o["katottg"]] = Names(
            de=o["name_de"],
            uk=o["name_uk"],
            en=o["name_en_common"],
            aliases=[
                o["name_en"],
                *[f"Oblast {s}" for s in capital_spellings if not CYRILLIC.search(s)],
            ],
        )
    centres = _raion_centres(hromadas)
    for code, h in centres.items():
        raion_uk = f"{h['raion_uk']} район"
        spellings = {h["centre_en"], transliterate_de(h["centre_uk"])}
        exonym = _exonym(h["centre_uk"], h["oblast_uk"])
        if exonym:
            spellings |= {exonym[0], *(s for s in exonym[1] if not CYRILLIC.search(s))}
        names[code] = Names(
            de=f"Rajon {transliterate_de(h['raion_uk'])}",
            uk=raion_uk,
            en=h["raion_en"].replace(" raion", " Raion"),
            aliases=sorted(f"Rajon {s}" for s in spellings if s),
        )
    for h in hromadas:
        if h["raion_katottg"] not in names:  # a raion without a found centre
            names[h["raion_katottg"]] = Names(
                de=f"Rajon {transliterate_de(h['raion_uk'])}",
                uk=f"{h['raion_uk']} район",
                en=h["raion_en"].replace(" raion", " Raion"),
            )
        de, extra = _exonym(h["centre_uk"], h["oblast_uk"], (h["centre_en"], []))
        names[h["katottg"]] = Names(
            de=de, uk=h["centre_uk"], en=h["centre_en"], aliases=[*extra, f"{h['name_en']} hromada"]
        )
    return names


def merge_aliases(existing: str, new: list[str], *names: str) -> str:
    """``existing`` alias lines plus those of ``new`` not yet there (case-insensitive);
    none is removed, and none repeats one of ``names``."""
    lines = [a.strip() for a in (existing or "").splitlines() if a.strip()]
    seen = {a.casefold() for a in lines} | {n.casefold() for n in names if n}
    for alias in new:
        if alias and alias.casefold() not in seen:
            lines.append(alias)
            seen.add(alias.casefold())
    return "\n".join(lines)


def names_apply(actor, names: Names | None) -> set[str]:
    """Put the display names of ``names`` on ``actor`` (a model instance, also a migration's
    historical one) and return the changed fields.

    The reference names replace those of an actor nobody maintains yet (as the reference
    loader always did); a claimed actor's names are the editors' — only empty languages are
    filled. Without reference names (German actors, actors staff created) an empty language
    gets the German name, so lists sort and read the same in every language.
    """
    changed = set()

    def put(column: str, value: str, *, replace: bool) -> None:
        if value and (replace or not getattr(actor, column)) and getattr(actor, column) != value:
            setattr(actor, column, value)
            changed.add(column)

    columns = languages.columns("name")
    source = f"name_{languages.SOURCE}"
    unclaimed = actor.claimed_at is None
    if names is not None:
        for code in languages.CODES:
            put(f"name_{code}", names.for_language(code), replace=unclaimed)
        current = [getattr(actor, c) or "" for c in columns]
        aliases = merge_aliases(actor.aliases, names.aliases, *current)
        if aliases != actor.aliases:
            actor.aliases = aliases
            changed.add("aliases")
    german = getattr(actor, source) or actor.__dict__.get("name") or ""
    for column in columns:
        put(column, german, replace=False)
    if source in changed and actor.__dict__.get("name") != getattr(actor, source):
        actor.__dict__["name"] = getattr(actor, source)  # the untranslated column follows
        changed.add("name")
    return changed
