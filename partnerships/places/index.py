"""The name index: every spelling of every actor, folded, in memory.

Built from the actors' names in every language, their aliases and the transliterations of
the Cyrillic ones (German, national, scholarly); a kind word in a spelling ("Oblast
Odessa", "Rajon Nikopol", "Kreis Coesfeld") is split off and remembered. One index per
process, rebuilt when the actors change (count and newest ``updated_at``: one cheap query
per lookup, so it is right after a reference load, an admin edit or a test's rollback).

One-letter typos are found with a bounded edit distance over the index (works the same on
PostgreSQL and in the embedded SQLite mode; ``pg_trgm`` similarity is too coarse for short
names like "Sumy").
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, Max

from partnerships.places.normalise import fold, split_kind, transliterations
from portal import languages

# An actor's name and its spelling in each of the portal's languages.
NAME_COLUMNS = ("name", *languages.columns("name"))

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@dataclass(frozen=True)
class Entry:
    actor_id: int
    spelling: str  # as written in the actor's names or aliases
    kinds: tuple[str, ...] | None  # the kinds a kind word in the spelling named


@dataclass
class NameIndex:
    version: tuple = ()
    entries: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    by_length: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    codes: dict[str, int] = field(default_factory=dict)  # official code / slug → actor id
    kind: dict[int, str] = field(default_factory=dict)
    country: dict[int, str] = field(default_factory=dict)
    population: dict[int, int] = field(default_factory=dict)
    _sorted: list[str] | None = None

    def sorted_keys(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.entries)
        return self._sorted

    def add(self, actor_id: int, spelling: str) -> None:
        for kinds, key in spelling_keys(spelling):
            entry = Entry(actor_id, spelling, kinds)
            bucket = self.entries[key]
            if entry not in bucket:
                if not bucket:
                    self.by_length[len(key)].append(key)
                bucket.append(entry)


@lru_cache(maxsize=100_000)
def spelling_keys(spelling: str) -> tuple[tuple[tuple[str, ...] | None, str], ...]:
    """The index keys of one spelling: folded, transliterated, kind word split off (cached:
    a rebuild after one actor changed costs little more than reading the actors)."""
    variants = {spelling, spelling.translate(_UMLAUTS), *transliterations(spelling)}
    keys = {split_kind(fold(variant)) for variant in variants}
    return tuple(k for k in keys if k[1])


def spellings(row: dict) -> list[str]:
    names = [row.get(c) or "" for c in NAME_COLUMNS]
    names += (row.get("aliases") or "").splitlines()
    seen, result = set(), []
    for name in names:
        name = name.strip()
        if name and name not in seen:
            seen.add(name)
            result.append(name)
    return result


def build(version: tuple = ()) -> NameIndex:
    from partnerships.models import Actor

    index = NameIndex(version=version)
    rows = Actor.objects.filter(is_synthetic=False).values(
        "id", "kind", "country", "population", "official_code", "slug", "aliases", *NAME_COLUMNS
    )  # fmt: skip
    for row in rows.iterator(chunk_size=2000):
        actor_id = row["id"]
        index.kind[actor_id] = row["kind"]
        index.country[actor_id] = row["country"]
        index.population[actor_id] = row["population"] or 0
        index.codes[row["slug"].casefold()] = actor_id
        if row["official_code"]:
            index.codes[row["official_code"].casefold()] = actor_id
        for spelling in spellings(row):
            index.add(actor_id, spelling)
    return index


_lock = threading.Lock()
_current: NameIndex | None = None


def current_version() -> tuple:
    from partnerships.models import Actor

    stats = Actor.objects.filter(is_synthetic=False).aggregate(n=Count("id"), t=Max("updated_at"))
    return (stats["n"], stats["t"])


def name_index() -> NameIndex:
    """The index for the actors as they are now (rebuilt when they changed)."""
    global _current
    version = current_version()
    index = _current
    if index is not None and index.version == version:
        return index
    with _lock:
        if _current is None or _current.version != version:
            _current = build(version)
        return _current


def within_one_edit(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ by at most one insertion, deletion, substitution or
    swap of two neighbouring letters."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # substitution
        return (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )  # swap
    return a[i:] == b[i + 1 :]  # insertion into a
