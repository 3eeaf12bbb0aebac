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


def _table(mapping: dict) -> dict:
    """A ``str.translate`` table for lower- and upper-case letters; apostrophes vanish."""
    table = {ord(a): "" for a in _APOSTROPHES}
    for letter, latin in mapping.items():
        latin = latin[1] if isinstance(latin, tuple) else latin
        table[ord(letter)] = latin
        table[ord(letter.upper())] = latin[:1].upper() + latin[1:]
    return table


_DE_TABLE = _table(_DE)
_KMU_TABLE = _table(_KMU)
_SCHOLARLY_TABLE = _table(_SCHOLARLY)
_UK_VOWELS = "аеєиіїоуюяАЕЄИІЇОУЮЯ"
_BETWEEN_VOWELS_S = re.compile(rf"(?<=[{_UK_VOWELS}])с(?=[{_UK_VOWELS}])")
_KMU_INITIAL = re.compile(r"(?<![\w'’ʼ])[єїйюяЄЇЙЮЯ]")
_KMU_ZGH = re.compile("[зЗ]г")


def _kmu_initial(match: re.Match) -> str:
    letter = match.group(0)
    latin = _KMU[letter.lower()][0]
    return latin if letter.islower() else latin.capitalize()


def transliterate_de(text: str) -> str:
    """German (Duden) transliteration of Ukrainian: Кривий Ріг → Krywyj Rih."""
    return text.translate(_DE_TABLE)


def transliterate_de_ss(text: str) -> str:
    """The German variant with "ss" between vowels: Вознесенськ → Wosnessensk."""
    return _BETWEEN_VOWELS_S.sub("сс", text).translate(_DE_TABLE)


def transliterate_kmu(text: str) -> str:
    """National romanisation (KMU 2010): Запоріжжя → Zaporizhzhia, Єнакієве → Yenakiieve."""
    text = _KMU_ZGH.sub(lambda m: "Zgh" if m.group(0)[0] == "З" else "zgh", text)
    return _KMU_INITIAL.sub(_kmu_initial, text).translate(_KMU_TABLE)


def transliterate_scholarly(text: str) -> str:
    """Scholarly transliteration: Чернівці → Černivci."""
    return text.translate(_SCHOLARLY_TABLE)


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

_NON_WORD = re.compile(r"[^\w\s]")
_FOLD = str.maketrans({"ß": "ss", "ё": "е", "ґ": "г", "-": " ", "‐": " ", "–": " ", ".": " "})


def fold(text: str) -> str:
    """The comparison form: lower case, no accents or apostrophes, hyphens as spaces.

    Cyrillic letters keep their identity (й and ї are not decomposed).
    """
    text = (text or "").strip().lower().translate(_FOLD)
    if text.isascii():
        text = text.replace("'", "").replace("`", "")
        return " ".join(_NON_WORD.sub(" ", text).split())
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
    return " ".join(_NON_WORD.sub(" ", text).split())


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
_KIND_ALTERNATIVES = "|".join(re.escape(w) for w in _KIND_WORDS_LONGEST_FIRST)
_KIND_BEFORE = re.compile(rf"^({_KIND_ALTERNATIVES}) (.+)$")
_KIND_AFTER = re.compile(rf"^(.+?) ({_KIND_ALTERNATIVES})$")


def split_kind(folded: str) -> tuple[tuple[str, ...] | None, str]:
    """("Rajon Nikopol" folded) → (("raion",), "nikopol"): the kinds a kind word asks for
    and the name without it. The word may stand before or after the name; a name that is
    only a kind word ("Stadt") is left alone."""
    if " " not in folded:
        return None, folded
    if match := _KIND_BEFORE.match(folded):
        return KIND_WORDS[match.group(1)], match.group(2)
    if match := _KIND_AFTER.match(folded):
        return KIND_WORDS[match.group(2)], match.group(1)
    return None, folded


def strip_kind(text: str) -> str:
    return split_kind(fold(text))[1]
