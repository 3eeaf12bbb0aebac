"""Find a place by any common spelling (see the package docstring)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from partnerships.places.index import NameIndex, name_index, within_one_edit
from partnerships.places.normalise import fold, split_kind

EXACT = 1.0
KIND_WORD_ONLY = 0.9  # the spelling carries a kind word the query did not ("Oblast Odessa")
TYPO = 0.8
PREFIX = 0.5  # the query is the start of a name (as you type)
RESOLVE_MIN_SCORE = TYPO
MIN_TYPO_LENGTH = 4
MIN_PREFIX_LENGTH = 3
# A namesake wins without question when it is this many times larger (city vs village).
CLEAR_POPULATION_RATIO = 5


@dataclass
class PlaceMatch:
    actor: object  # partnerships.models.Actor
    score: float
    spelling: str  # the name or alias that matched, as written


def _candidates(
    index: NameIndex, key: str, query_kinds, *, prefix: bool
) -> dict[int, tuple[float, str]]:
    found: dict[int, tuple[float, str]] = {}

    def offer(entries, base: float):
        for entry in entries:
            score = base
            if entry.kinds is not None and query_kinds is None:
                score *= KIND_WORD_ONLY
            if score > found.get(entry.actor_id, (0, ""))[0]:
                found[entry.actor_id] = (score, entry.spelling)

    offer(index.entries.get(key, ()), EXACT)
    if not found and len(key) >= MIN_TYPO_LENGTH:
        for length in (len(key) - 1, len(key), len(key) + 1):
            for other in index.by_length.get(length, ()):
                if within_one_edit(key, other):
                    offer(index.entries[other], TYPO)
    if prefix and len(key) >= MIN_PREFIX_LENGTH:
        keys = index.sorted_keys()
        start = bisect.bisect_left(keys, key)
        for other in keys[start : start + 200]:
            if not other.startswith(key):
                break
            if other != key:
                offer(index.entries[other], PREFIX)
    return found


MIN_QUERY_LENGTH = 2


def ranked_ids(
    text: str,
    *,
    country: str | None = None,
    kinds=None,
    limit: int = 10,
    prefix: bool = False,
) -> list[tuple[int, float, str]]:
    """(actor id, score, spelling), best first — ``places_matching`` without loading the
    actors (one cheap query for the index's freshness)."""
    text = (text or "").strip()
    folded = fold(text)
    if len(folded) < MIN_QUERY_LENGTH:
        return []
    index = name_index()
    kinds = set(kinds) if kinds else None
    query_kinds, key = split_kind(folded)
    found: dict[int, tuple[float, str]] = {}
    code_match = index.codes.get(text.casefold())
    if code_match is not None:
        found[code_match] = (EXACT, text)

    def allowed(actor_id: int, wanted) -> bool:
        if country and index.country.get(actor_id) != country.upper():
            return False
        if kinds and index.kind.get(actor_id) not in kinds:
            return False
        return not wanted or index.kind.get(actor_id) in wanted

    matches = _candidates(index, key, query_kinds, prefix=prefix)
    narrowed = {a: m for a, m in matches.items() if allowed(a, query_kinds)}
    # "Stadt Kiew": Kyiv is filed as a hromada; a kind word narrows only if something is left.
    for actor_id, match in (narrowed or matches).items():
        if allowed(actor_id, None) and match[0] > found.get(actor_id, (0, ""))[0]:
            found[actor_id] = match
    ranked = sorted(
        found.items(), key=lambda item: (-item[1][0], -index.population.get(item[0], 0))
    )[:limit]
    return [(actor_id, score, spelling) for actor_id, (score, spelling) in ranked]


def places_matching(
    text: str,
    *,
    country: str | None = None,
    kinds=None,
    limit: int = 10,
    prefix: bool = False,
) -> list:
    """Actors whose name or any common spelling matches ``text``, best first.

    Score 1.0: a name, alias, exonym, transliteration or former name (case, accents,
    apostrophes, hyphens and a kind word like "Stadt", "Rajon", "Oblast", "hromada",
    "область" do not matter); 0.9: only with a kind word the query left out ("Odessa" finds
    the oblast as well as the city, the city first); 0.8: one letter wrong, missing, extra
    or swapped; 0.5 (``prefix=True``, for typing): the start of a name. Among equal scores
    the larger population comes first, so the city wins over the village of the same name.
    ``country`` (ISO code) and ``kinds`` (``Actor.Kind`` values) restrict the result.
    """
    from partnerships.models import Actor

    ranked = ranked_ids(text, country=country, kinds=kinds, limit=limit, prefix=prefix)
    if not ranked:
        return []
    actors = Actor.objects.select_related("region", "district", "parent").in_bulk(
        [actor_id for actor_id, _score, _spelling in ranked]
    )
    return [
        PlaceMatch(actor=actors[actor_id], score=score, spelling=spelling)
        for actor_id, score, spelling in ranked
        if actor_id in actors
    ]


def place_resolve(text: str, *, country: str | None = None, kinds=None):
    """The one actor ``text`` names, or None if nothing or several namesakes of similar
    size match (then ``places_matching`` lists the candidates)."""
    matches = [
        m
        for m in places_matching(text, country=country, kinds=kinds, limit=5)
        if m.score >= RESOLVE_MIN_SCORE
    ]
    if not matches:
        return None
    top = matches[0]
    rivals = [m for m in matches[1:] if m.score == top.score]
    if not rivals:
        return top.actor
    runner_up = rivals[0].actor.population or 0
    if (top.actor.population or 0) >= CLEAR_POPULATION_RATIO * max(runner_up, 1):
        return top.actor
    return None
