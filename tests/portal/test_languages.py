"""The languages come from one setting; nothing else writes the list out."""

import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

from portal import languages

ROOT = Path(__file__).resolve().parents[2]
APPS = ["portal", "partnerships", "events", "newsletter", "knowledge"]
# Three language codes written out next to each other, in any order, as strings.
WRITTEN_OUT = re.compile(r"""["'](de|uk|en)["'],\s*["'](de|uk|en)["'],\s*["'](de|uk|en)["']""")


def test_everything_derives_from_settings_languages():
    assert languages.CODES == ("de", "uk", "en")
    assert tuple(settings.MODELTRANSLATION_LANGUAGES) == languages.CODES
    assert settings.MODELTRANSLATION_FALLBACK_LANGUAGES == (languages.SOURCE,)
    assert languages.columns("title") == ["title_de", "title_uk", "title_en"]
    assert [code for code, _label in languages.CHOICES] == list(languages.CODES)
    with translation.override("uk"):
        assert str(dict(languages.CHOICES)["uk"]) == "Українська"
    assert languages.known("pl") == "de"
    assert languages.known("uk") == "uk"
    with translation.override("en"):
        assert languages.active() == "en"


def test_no_module_writes_the_language_list_out():
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path == ROOT / "portal" / "languages.py":
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if WRITTEN_OUT.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []
