"""Every catalogue is complete: no untranslated and no fuzzy entry in uk or en."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The project catalogue and the catalogues of the apps whose interface is complete.
CATALOGUE_DIRS = ["locale"]
CATALOGUES = sorted(
    po for folder in CATALOGUE_DIRS for po in (ROOT / folder).glob("*/LC_MESSAGES/django.po")
)


def entries(po: Path, flag: str) -> str:
    result = subprocess.run(
        ["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True
    )
    return "\n".join(
        line
        for line in result.stdout.splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    )


def test_catalogues_exist_for_ukrainian_and_english():
    languages = {p.parts[-3] for p in CATALOGUES}
    assert {"uk", "en"} <= languages
    assert ROOT / "locale" / "uk" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(po):
    assert entries(po, "--untranslated") == "", f"untranslated entries in {po}"
    assert entries(po, "--only-fuzzy") == "", f"fuzzy entries in {po}"
    check = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
