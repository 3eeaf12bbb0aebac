"""The portal's languages, from the one setting ``settings.LANGUAGES``.

German (``settings.LANGUAGE_CODE``) is the source language and the fallback of every
translated field; django-modeltranslation adds one column per language (``title_de``,
``title_uk``, ``title_en``). Code that loops over languages or translated columns uses
these names instead of writing the list out.
"""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SOURCE: str = settings.LANGUAGE_CODE
CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
# Each language in its own name, for language switches and content-language tabs.
NAMES: dict[str, str] = dict(settings.LANGUAGES)

# Each language's name in the reader's language, for choices ("Sprache für E-Mails").
_LABELS = {"de": _("Deutsch"), "uk": _("Ukrainisch"), "en": _("Englisch")}
CHOICES: list[tuple[str, str]] = [(code, _LABELS[code]) for code in CODES]


def columns(field: str) -> list[str]:
    """The translated columns of a modeltranslation field, source language first."""
    return [f"{field}_{code}" for code in CODES]


def value_columns(key: str) -> list[str]:
    """``key`` and its translated columns, for ``.values()`` across relations
    (``"actor__name"`` → ``actor__name``, ``actor__name_de``, ``actor__name_uk``, …)."""
    return [key, *columns(key)]


def value_in_active(row: dict, key: str) -> str:
    """A translated column read with ``.values(*value_columns(key))``: the active language's
    text, else German, else the plain column."""
    return row.get(f"{key}_{active()}") or row.get(f"{key}_{SOURCE}") or row.get(key) or ""


def known(code: str | None, default: str = SOURCE) -> str:
    """``code`` if the portal speaks it, else ``default``."""
    return code if code in CODES else default


def active() -> str:
    """The active language if the portal speaks it, else the source language."""
    return known((get_language() or SOURCE)[:2])


def shown(obj, field: str) -> tuple[str, str]:
    """(text, language) of a translated field as a page in the active language shows it:
    the active language's column, or German when that column is empty (modeltranslation's
    fallback), or else the first language that has the text, together with the language
    the text is in.

    Dicts (the cross-app item shape) name a fallback with a ``<field>_language`` key (see
    ``fallback_marks``); objects without per-language columns count as the page's language.
    """
    language = active()
    if obj is None:
        return "", language
    if isinstance(obj, dict):
        return obj.get(field) or "", obj.get(f"{field}_language") or language
    own = getattr(obj, f"{field}_{language}", None)
    source = getattr(obj, f"{field}_{SOURCE}", None)
    if own is None and source is None:
        return getattr(obj, field, "") or "", language
    if own:
        return own, language
    if source:
        return source, SOURCE
    # Written in another language only (a need entered in Ukrainian, shown on /de/).
    for code in CODES:
        text = getattr(obj, f"{field}_{code}", None)
        if text:
            return text, code
    return "", SOURCE


def fallback_marks(obj, *fields: str) -> dict[str, str]:
    """``{"<field>_language": "de"}`` for each field that the active language shows in German,
    for dict items that templates render with ``{% content item "<field>" %}``."""
    marks = {}
    for field in fields:
        text, language = shown(obj, field)
        if text and language != active():
            marks[f"{field}_language"] = language
    return marks
