"""Spellings of place names: folding for comparison, kind words ("Stadt", "Rajon",
"область", ...) and the transliterations of Ukrainian names (national KMU 2010, German
Duden-style, scholarly).

Everything here is pure string work, shared by the name index, the display names and
the reference loader.
"""

from __future__ import annotations

import re
import unicodedata

CYRILLIC = re.compile("[А-Яа-яІіЇїЄєҐґЁё]")
_APOSTROPHES = "'’ʼ`´‘"
_VOWELS_UK = set("аеєиіїоуюя")

# --- transliterations -----------------------------------------------------------------------

_DE = {
    "а": "a", "б": "b", "в": "w", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je",
    "ж": "sch", "з": "s", "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ь": "",
    "ю": "ju", "я": "ja",
}  # fmt: skip

# Ukrainian national transliteration (KMU resolution 55 of 2010): the first form is used at
# the start of a word, the second elsewhere.
_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": ("ye", "ie"),
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": ("yi", "i"), "й": ("y", "i"), "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
    "ю": ("yu", "iu"), "я": ("ya", "ia"),
}  # fmt: skip

# Scholarly (ISO 9 / scientific) transliteration, diacritics included.
_SCHOLARLY = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je",
    "ж": "ž", "з": "z", "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ь": "",
    "ю": "ju", "я": "ja",
}  # fmt: skip


def _transliterate(text: str, table: dict, *, german_ss: bool = False) -> str:
    out = []
    previous = ""
    for index, ch in enumerate(text):
        low = ch.lower()
        if low in _APOSTROPHES:
            previous = ""
            continue
        rep = table.get(low)
        if rep is None:
            out.append(ch)
            previous = low
            continue
        if isinstance(rep, tuple):
            rep = rep[0] if not previous.isalpha() else rep[1]
        if table is _KMU and low == "г" and previous == "з":
            rep = "gh"  # зг → zgh (Zghurivka), not zh
        if german_ss and low == "с":
            following = text[index + 1 : index + 2].lower()
            if previous in _VOWELS_UK and following in _VOWELS_UK:
                rep = "ss"  # Wosnessensk, Odessa-style
        if ch != low and rep:
            rep = rep[0].upper() + rep[1:]
        out.append(rep)
        previous = low
    return "".join(out)


def transliterate_de(text: str) -> str:
    """German (Duden) transliteration of Ukrainian: Кривий Ріг → Krywyj Rih."""
    return _transliterate(text, _DE)


def transliterate_de_ss(text: str) -> str:
    """The German variant with "ss" between vowels: Вознесенськ → Wosnessensk."""
    return _transliterate(text, _DE, german_ss=True)


def transliterate_kmu(text: str) -> str:
    """National romanisation (KMU 2010): Запоріжжя → Zaporizhzhia."""
    return _transliterate(text, _KMU)


def transliterate_scholarly(text: str) -> str:
    """Scholarly transliteration: Чернівці → Černivci."""
    return _transliterate(text, _SCHOLARLY)


def transliterations(text: str) -> set[str]:
    """Every Latin spelling the systems above give a Cyrillic name (empty for Latin)."""
    if not CYRILLIC.search(text):
        return set()
    return {
        transliterate_de(text),
        transliterate_de_ss(text),
        transliterate_kmu(text),
        transliterate_scholarly(text),
    }


# --- folding and kind words -----------------------------------------------------------------

_FOLD = str.maketrans({"ß": "ss", "ё": "е", "ґ": "г", "-": " ", "‐": " ", "–": " ", ".": " "})


def fold(text: str) -> str:
    """The comparison form: lower case, no accents or apostrophes, hyphens as spaces.

    Cyrillic letters keep their identity (й and ї are not decomposed).
    """
    text = (text or "").strip().lower().translate(_FOLD)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    kept = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            # Cyrillic й/ї are written with a combining mark in NFD: keep them whole.
            if kept and kept[-1] in "иі" and ch in "\u0306\u0308":
                kept[-1] = unicodedata.normalize("NFC", kept[-1] + ch)
            continue
        kept.append(ch)
    text = "".join(kept)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


# Kind words: which kinds of actor a word before or after the name asks for.
MUNICIPAL = ("municipality", "hromada")
KIND_WORDS: dict[str, tuple[str, ...]] = {
    # German
    "stadt": MUNICIPAL,
    "gemeinde": MUNICIPAL,
    "hansestadt": MUNICIPAL,
    "kreisfreie stadt": MUNICIPAL,
    "rajon": ("raion",),
    "raion": ("raion",),
    "rayon": ("raion",),
    "oblast": ("oblast",),
    "gebiet": ("oblast",),
    "kreis": ("district",),
    "landkreis": ("district",),
    "regierungsbezirk": ("gov_region",),
    "bezirksregierung": ("gov_region",),
    "rb": ("gov_region",),
    "hromada": ("hromada",),
    "gromada": ("hromada",),
    "hromade": ("hromada",),
    "tg": ("hromada",),
    "otg": ("hromada",),
    # English
    "city": MUNICIPAL,
    "town": MUNICIPAL,
    "village": MUNICIPAL,
    "district": ("raion", "district"),
    "region": ("oblast", "gov_region"),
    "community": ("hromada",),
    "territorial community": ("hromada",),
    "urban territorial community": ("hromada",),
    "rural territorial community": ("hromada",),
    "settlement territorial community": ("hromada",),
    "urban tc": ("hromada",),
    "rural tc": ("hromada",),
    "stlmt tc": ("hromada",),
    # Ukrainian
    "місто": MUNICIPAL,
    "м": MUNICIPAL,
    "село": MUNICIPAL,
    "с": MUNICIPAL,
    "смт": MUNICIPAL,
    "селище": MUNICIPAL,
    "район": ("raion",),
    "р н": ("raion",),
    "область": ("oblast",),
    "обл": ("oblast",),
    "громада": ("hromada",),
    "тг": ("hromada",),
    "отг": ("hromada",),
    "територіальна громада": ("hromada",),
    "міська територіальна громада": ("hromada",),
    "сільська територіальна громада": ("hromada",),
    "селищна територіальна громада": ("hromada",),
    "міська громада": ("hromada",),
    "сільська громада": ("hromada",),
    "селищна громада": ("hromada",),
    "міська тг": ("hromada",),
    "сільська тг": ("hromada",),
    "селищна тг": ("hromada",),
    # transliterated Ukrainian kind words
    "terytorialna hromada": ("hromada",),
    "miska hromada": ("hromada",),
    "silska hromada": ("hromada",),
    "selyshchna hromada": ("hromada",),
}
_KIND_WORDS_LONGEST_FIRST = sorted(KIND_WORDS, key=lambda w: (-len(w.split()), -len(w)))


def split_kind(folded: str) -> tuple[tuple[str, ...] | None, str]:
    """("Rajon Nikopol" folded) → (("raion",), "nikopol"): the kinds a kind word asks for
    and the name without it. The word may stand before or after the name; a name that is
    only a kind word ("Stadt") is left alone."""
    for word in _KIND_WORDS_LONGEST_FIRST:
        if folded.startswith(word + " ") and len(folded) > len(word) + 1:
            return KIND_WORDS[word], folded[len(word) + 1 :]
        if folded.endswith(" " + word) and len(folded) > len(word) + 1:
            return KIND_WORDS[word], folded[: -len(word) - 1]
    return None, folded


def strip_kind(text: str) -> str:
    return split_kind(fold(text))[1]
