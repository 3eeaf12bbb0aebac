"""Search-result snippets: the passage around the first hit, with the hits marked.

PostgreSQL's ``ts_headline`` parses and stems the whole text of every result (about 1 ms
per resource here, the largest part of a search); this finds the same words with one
regular expression over the text: a word is a hit when it starts with one of the query's
normalised lexemes (``german`` stems such as ``partnerschaft``, ``wiederaufbau`` and the
``simple`` forms such as ``відбудова``), ignoring case; a stem's ``a``/``o``/``u`` also
match ``ä``/``ö``/``ü``, which the German stemmer folds.
"""

import functools
import re

MARK_START, MARK_STOP = "\u27e6", "\u27e7"
BEFORE, AFTER = 80, 240  # characters of context before the first hit and from it on
MIN_PREFIX = 3  # shorter lexemes must match a whole word

# The German stemmer folds umlauts (``städte`` -> ``stadt``): its stems match both spellings.
_UMLAUTS = {"a": "[aä]", "o": "[oö]", "u": "[uü]"}
_LEXEME = re.compile(r"'((?:[^']|'')+)'")
_SPACE = re.compile(r"\s+")
_WHITESPACE = re.compile(r"\s")


def lexemes(tsquery_text: str) -> list[str]:
    """The lexemes of a normalised ``tsquery`` text (``'partnerschaft' | 'kyiv'``)."""
    return sorted({m.replace("''", "'") for m in _LEXEME.findall(tsquery_text)})


@functools.lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    parts = []
    for word in sorted({w.lower() for w in words if w}, key=len, reverse=True):
        body = "".join(_UMLAUTS.get(ch, re.escape(ch)) for ch in word)
        parts.append(body + (r"\w*" if len(word) >= MIN_PREFIX else r"(?!\w)"))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


def highlight(source: str, words: list[str]) -> str:
    """About 40 words of ``source`` around the first hit, hits between the marks; the start
    of the text when nothing matches. Only the passage is scanned beyond the first hit."""
    source = source or ""
    pattern = _pattern(tuple(words))
    first = pattern.search(source) if pattern else None
    anchor = first.start() if first else 0
    start, end = max(0, anchor - BEFORE), min(len(source), anchor + AFTER)
    if start > 0 and (space := _WHITESPACE.search(source, start, anchor)):
        start = space.end()  # begin and end on whole words
    if end < len(source):
        after = first.end() if first else start
        space = max(source.rfind(" ", after, end), source.rfind("\n", after, end))
        end = space if space > after else end
    pieces, position = [], start
    for match in pattern.finditer(source, start, end) if pattern else ():
        hit = source[match.start() : match.end()]
        pieces += [source[position : match.start()], MARK_START, hit, MARK_STOP]
        position = match.end()
    pieces.append(source[position:end])
    passage = _SPACE.sub(" ", "".join(pieces)).strip()
    if not passage:
        return ""
    return ("… " if start > 0 else "") + passage + (" …" if end < len(source) else "")
