"""Search-result snippets: the passage around the first hit, with the hits marked.

PostgreSQL's ``ts_headline`` parses and stems the whole text of every result (about 1 ms
per resource here, the largest part of a search); this finds the same words with one
regular expression over the text: a word is a hit when it starts with one of the query's
normalised lexemes (``german`` stems such as ``partnerschaft``, ``wiederaufbau`` and the
``simple`` forms such as ``відбудова``), comparing in lower case with umlauts folded as the
German stemmer does.
"""

import re

MARK_START, MARK_STOP = "\u27e6", "\u27e7"
BEFORE, AFTER = 80, 240  # characters of context before the first hit and from it on
MIN_PREFIX = 3  # shorter lexemes must match a whole word

_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
_LEXEME = re.compile(r"'((?:[^']|'')+)'")
_SPACE = re.compile(r"\s+")


def lexemes(tsquery_text: str) -> list[str]:
    """The lexemes of a normalised ``tsquery`` text (``'partnerschaft' | 'kyiv'``)."""
    return sorted({m.replace("''", "'") for m in _LEXEME.findall(tsquery_text)})


def _fold(text: str) -> str:
    folded = text.lower().translate(_FOLD)
    return folded if len(folded) == len(text) else text.lower()


def _pattern(words: list[str]) -> re.Pattern | None:
    parts = []
    for word in sorted({_fold(w) for w in words if w}, key=len, reverse=True):
        tail = r"\w*" if len(word) >= MIN_PREFIX else r"(?!\w)"
        parts.append(re.escape(word) + tail)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")") if parts else None


def highlight(source: str, words: list[str]) -> str:
    """About 40 words of ``source`` around the first hit, hits between the marks; the start
    of the text when nothing matches."""
    text = _SPACE.sub(" ", source or "").strip()
    if not text:
        return ""
    folded = _fold(text)
    pattern = _pattern(words)
    first = pattern.search(folded) if pattern else None
    start = max(0, first.start() - BEFORE) if first else 0
    end = min(len(text), (first.start() if first else 0) + AFTER)
    if start > 0:  # begin and end on whole words
        start = text.find(" ", start) + 1 or start
    if end < len(text) and (space := text.rfind(" ", start, end)) > start:
        end = space
    pieces, position = [], start
    if pattern:
        for match in pattern.finditer(folded, start, end):
            hit = text[match.start() : match.end()]
            pieces += [text[position : match.start()], MARK_START, hit, MARK_STOP]
            position = match.end()
    pieces.append(text[position:end])
    return ("… " if start > 0 else "") + "".join(pieces) + (" …" if end < len(text) else "")
