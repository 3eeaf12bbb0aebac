"""Free text of real lists understood: kinds ("Städtepartnerschaft", "sister city",
"побратимство"), states, yes/no, and dates with their precision ("2023", "März 2023",
"21.02.2023", "21 Feb 2023")."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date

from django.utils import translation

from partnerships.models import DatePrecision, Partnership
from portal import languages


class ParseError(ValueError):
    pass


def norm(text: str) -> str:
    """Case-folded, without accents or punctuation, single spaces."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Ukrainian й/ї lose their marks in NFKD; that is fine for matching both spellings.
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


@functools.cache
def _labels_of(name: str) -> dict[str, str]:
    return _labels(getattr(Partnership, name).choices)


def _labels(choices) -> dict[str, str]:
    """Every code and every label in every language, normalised, mapped to the code."""
    result = {}
    for code, label in choices:
        result[norm(code)] = code
        for lang in languages.CODES:
            with translation.override(lang):
                result[norm(str(label))] = code
    return result


# Stems in order: the more specific first ("Solidaritätspartnerschaft" is also a
# "partnerschaft").
KIND_STEMS = [
    ("solidar", "solidarity"),
    ("солідарн", "solidarity"),
    ("projekt", "project"),
    ("project", "project"),
    ("проект", "project"),
    ("проєкт", "project"),
    ("hochschul", "university"),
    ("universit", "university"),
    ("університет", "university"),
    ("schul", "school"),
    ("school", "school"),
    ("шкіл", "school"),
    ("школ", "school"),
    ("klinik", "clinic"),
    ("krankenh", "clinic"),
    ("hospital", "clinic"),
    ("clinic", "clinic"),
    ("лікар", "clinic"),
    ("stadtwerk", "utility"),
    ("utility", "utility"),
    ("freundschaft", "friendship"),
    ("friendship", "friendship"),
    ("дружб", "friendship"),
    ("kreis", "district"),
    ("district", "district"),
    ("rajon", "district"),
    ("район", "district"),
    ("region", "regional"),
    ("регіон", "regional"),
    ("област", "regional"),
    ("stadtepartner", "twinning"),
    ("stadtpartner", "twinning"),
    ("twin", "twinning"),
    ("sister", "twinning"),
    ("побратим", "twinning"),
    ("partnerschaft", "twinning"),
    ("partnership", "twinning"),
    ("партнерств", "twinning"),
]


def _parse_by_words(text: str, labels: str, stems: list[tuple[str, str]]) -> str:
    """The code whose label (any language) is ``text``, else the first stem ``text``
    contains."""
    key = norm(text)
    if not key:
        raise ParseError("empty")
    exact = _labels_of(labels)
    if key in exact:
        return exact[key]
    for stem, code in stems:
        if norm(stem) in key:
            return code
    raise ParseError(text)


def parse_kind(text: str) -> str:
    return _parse_by_words(text, "Kind", KIND_STEMS)


STATUS_STEMS = [
    ("unterzeichn", "signed"),
    ("unterschrieb", "signed"),
    ("signed", "signed"),
    ("підписан", "signed"),
    ("ratsbeschl", "council_decision"),
    ("beschluss", "council_decision"),
    ("council", "council_decision"),
    ("рішення", "council_decision"),
    ("ruhend", "dormant"),
    ("dormant", "dormant"),
    ("inaktiv", "dormant"),
    ("ausgesetzt", "suspended"),
    ("suspend", "suspended"),
    ("beendet", "ended"),
    ("ended", "ended"),
    ("припинен", "ended"),
    ("kontakt", "first_contact"),
    ("contact", "first_contact"),
    ("контакт", "first_contact"),
    ("aktiv", "active"),
    ("active", "active"),
    ("активн", "active"),
    ("діюч", "active"),
]


def parse_status(text: str) -> str:
    return _parse_by_words(text, "Status", STATUS_STEMS)


def parse_publication(text: str) -> str:
    key = norm(text)
    exact = _labels_of("Publication")
    if key in exact:
        return exact[key]
    raise ParseError(text)


YES_WORDS = {"yes", "ja", "j", "y", "true", "wahr", "1", "x", "так", "förmlich", "formal"}
NO_WORDS = {"no", "nein", "n", "false", "falsch", "0", "ні", "informell", "informal"}


YES = {norm(w) for w in YES_WORDS}
NO = {norm(w) for w in NO_WORDS}


def parse_bool(text: str) -> bool:
    key = norm(text)
    if key in YES:
        return True
    if key in NO:
        return False
    raise ParseError(text)


MONTHS = {
    # de
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "marz": 3,
    "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    # en
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7,
    "october": 10, "oct": 10, "december": 12, "dec": 12,
    # uk (nominative and genitive)
    "січень": 1, "січня": 1, "лютий": 2, "лютого": 2, "березень": 3, "березня": 3,
    "квітень": 4, "квітня": 4, "травень": 5, "травня": 5, "червень": 6, "червня": 6,
    "липень": 7, "липня": 7, "серпень": 8, "серпня": 8, "вересень": 9, "вересня": 9,
    "жовтень": 10, "жовтня": 10, "листопад": 11, "листопада": 11, "грудень": 12, "грудня": 12,
}  # fmt: skip
_MONTHS = {norm(k): v for k, v in MONTHS.items()}


def _ymd(y: int, m: int = 1, d: int = 1) -> date:
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise ParseError(f"{y}-{m}-{d}") from exc


def parse_date(text: str, precision_hint: str = "") -> tuple[date, str]:
    """``(date, precision)``; the date is the first day of the year or month it names.

    ``precision_hint`` (a ``since_precision`` column) may lower the precision of an ISO date
    (the export writes 2023-03-01 with "month")."""
    raw = (text or "").strip()
    if not raw:
        raise ParseError("empty")
    s = raw.casefold()
    s = re.sub(r"^(seit|ab|since|from|з|від)\s+", "", s)
    s = re.sub(r"\s*(г\.|р\.|року|рік)$", "", s).strip()
    result = None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?", s):
        result = _ymd(int(m[1]), int(m[2]), int(m[3])), DatePrecision.DAY
    elif m := re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", s):
        result = _ymd(int(m[3]), int(m[2]), int(m[1])), DatePrecision.DAY
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})", s):
        result = _ymd(int(m[1]), int(m[2])), DatePrecision.MONTH
    elif m := re.fullmatch(r"(\d{1,2})[./](\d{4})", s):
        result = _ymd(int(m[2]), int(m[1])), DatePrecision.MONTH
    elif m := re.fullmatch(r"(\d{4})", s):
        result = _ymd(int(m[1])), DatePrecision.YEAR
    elif m := re.fullmatch(r"(\d{1,2})\.?\s+([^\d\s.]+)\.?\s+(\d{4})", s):
        month = _MONTHS.get(norm(m[2]))
        if month:
            result = _ymd(int(m[3]), month, int(m[1])), DatePrecision.DAY
    elif m := re.fullmatch(r"([^\d\s.]+)\.?\s+(\d{1,2}),?\s+(\d{4})", s):
        month = _MONTHS.get(norm(m[1]))
        if month:
            result = _ymd(int(m[3]), month, int(m[2])), DatePrecision.DAY
    elif m := re.fullmatch(r"([^\d\s.]+)\.?\s+(\d{4})", s):
        month = _MONTHS.get(norm(m[1]))
        if month:
            result = _ymd(int(m[2]), month), DatePrecision.MONTH
    if result is None:
        raise ParseError(raw)
    value, precision = result
    hint = (precision_hint or "").strip().lower()
    if hint in (DatePrecision.MONTH, DatePrecision.YEAR) and precision == DatePrecision.DAY:
        precision = hint
    return value, str(precision)


RANK = {DatePrecision.YEAR: 0, DatePrecision.MONTH: 1, DatePrecision.DAY: 2}


def precision_rank(precision: str) -> int:
    return RANK.get(precision, 1)


def truncate(value: date, precision: str) -> tuple:
    if precision == DatePrecision.YEAR:
        return (value.year,)
    if precision == DatePrecision.MONTH:
        return (value.year, value.month)
    return (value.year, value.month, value.day)


def compatible(a: date, pa: str, b: date, pb: str) -> bool:
    """Both dates can be the same day (2023 and 21.02.2023 are; 2022 and 2023 are not)."""
    coarse = pa if precision_rank(pa) <= precision_rank(pb) else pb
    return truncate(a, coarse) == truncate(b, coarse)


def split_list(text: str) -> list[str]:
    """Items of a list cell, position kept (empty items too): "a | b", "a; b", "a, b"."""
    text = (text or "").strip()
    if not text:
        return []
    for sep in ("|", ";", "\n"):
        if sep in text:
            return [p.strip() for p in text.split(sep)]
    return [text]
