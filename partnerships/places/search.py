"""The resolver as a search condition, for the register lists and the site search."""

from __future__ import annotations

from django.db.models import Q

from partnerships.places.resolver import KIND_WORD_ONLY, RESOLVE_MIN_SCORE, ranked_ids
from portal import languages

SEARCH_LIMIT = 50


def matching_actor_ids(text: str) -> list[int]:
    """Actors ``text`` names by any spelling: the exact matches (name, exonym, old name,
    transliteration, with or without kind word) or, if there are none, the one-letter
    typos — never a mere substring ("Dnepr" is Dnipro, not "Komsomolsk am Dnepr")."""
    matches = [m for m in ranked_ids(text, limit=SEARCH_LIMIT) if m[1] >= RESOLVE_MIN_SCORE]
    exact = [m for m in matches if m[1] >= KIND_WORD_ONLY]
    return [actor_id for actor_id, _score, _spelling in (exact or matches)]


def actor_condition(text: str, *, path: str = "") -> Q:
    """A ``Q`` for the actors ``text`` names (``path`` leads to the actor, e.g. ``actor__``
    on memberships). Text that names no place by any spelling falls back to a
    substring of a name in any language or an alias ("Dort" while typing Dortmund)."""
    text = (text or "").strip()
    if not text:
        return Q()
    ids = matching_actor_ids(text)
    if ids:
        return Q(**{f"{path}pk__in": ids})
    condition = Q(**{f"{path}aliases__icontains": text})
    for column in languages.columns("name"):
        condition |= Q(**{f"{path}{column}__icontains": text})
    return condition
