"""The Ukrainian catalogues follow the glossary (locale/glossary-uk.yaml): no forbidden
variant anywhere, and each msgid with a term uses the chosen Ukrainian term."""

import re
from pathlib import Path

import polib
import pytest
import yaml
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
GLOSSARY = yaml.safe_load((ROOT / "locale" / "glossary-uk.yaml").read_text(encoding="utf-8"))
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/uk/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "node_modules" not in path.parts
)


def entries():
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            texts = [entry.msgstr, *entry.msgstr_plural.values()]
            yield path.relative_to(ROOT), entry, [t for t in texts if t]


def test_catalogues_found():
    assert len(CATALOGUES) >= 5


@pytest.mark.parametrize("term", GLOSSARY["terms"], ids=lambda t: t["de"])
def test_no_forbidden_variant(term):
    bad = [
        f"{path}: {entry.msgid[:60]!r} -> {text[:80]!r}"
        for path, entry, texts in entries()
        for text in texts
        for pattern in term.get("forbidden", [])
        if re.search(pattern, text)
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    "term", [t for t in GLOSSARY["terms"] if t.get("required")], ids=lambda t: t["de"]
)
def test_term_translated_as_the_glossary_says(term):
    bad = [
        f"{path}: {entry.msgid[:60]!r} -> {text[:80]!r}"
        for path, entry, texts in entries()
        if term["msgid"] in entry.msgid
        and not any(skip in entry.msgid for skip in term.get("except_msgid", []))
        for text in texts
        if not re.search(term["required"], text)
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.django_db
def test_country_filter_is_country_not_federal_state(client):
    html = client.get("/uk/akteure/").content.decode()
    assert "Країна" in html
    assert "Федеральна земля</label>" not in html
    with translation.override("uk"):
        from partnerships.models import Actor

        assert str(Actor.Kind.STATE.label) == "Федеральна земля"


SEED_FILES = sorted(
    path
    for path in ROOT.glob("**/data/**/*.yaml")
    if ".venv" not in path.parts and "node_modules" not in path.parts
)


@pytest.mark.parametrize("term", GLOSSARY["terms"], ids=lambda t: t["de"])
def test_seed_data_uses_no_forbidden_variant(term):
    """Demo and seed texts (newsletters, guides, portraits) speak like the catalogues."""
    bad = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]!r}"
        for path in SEED_FILES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for pattern in term.get("forbidden", [])
        if re.search(pattern, line)
    ]
    assert not bad, "\n".join(bad)
