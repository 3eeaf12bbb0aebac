"""Places by any spelling: the one resolver the register filter, the site search, the
editors' partner picker and the CSV import use.

``places_matching(text, *, country=None, kinds=None, limit=10) -> list[PlaceMatch]`` and
``place_resolve(text, *, country=None, kinds=None) -> Actor | None``. A place is found by
its name in any language, the German exonym (Czernowitz, Saporischschja), the
Russian-derived forms (Dnepr, Saporoshje), the transliterations (KMU 2010, German Duden,
scholarly), former names (Dnipropetrowsk, Kirowohrad, Wolodymyr-Wolynskyj), "Stadt X" /
"X hromada" / "Rajon X" / "Oblast X" forms and one-letter typos; the largest place of a
name comes first. Display names per language: ``partnerships.places.names``.
"""

from partnerships.places.resolver import PlaceMatch, place_resolve, places_matching

__all__ = ["PlaceMatch", "place_resolve", "places_matching"]
