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


def known(code: str | None, default: str = SOURCE) -> str:
    """``code`` if the portal speaks it, else ``default``."""
    return code if code in CODES else default


def active() -> str:
    """The active language if the portal speaks it, else the source language."""
    return known((get_language() or SOURCE)[:2])
