"""Every interface string exists in Ukrainian and English.

Each catalogue is complete (no untranslated, no fuzzy entry) and up to date: extracting the
strings from the code and templates now finds none that the catalogue lacks.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "partnerships",
    "partnerships/matchmaking",
    "partnerships/exchange",
    "partnerships/statistics",
    "partnerships/imports",
    "partnerships/surveys",
    "events",
    "newsletter",
    "knowledge",
]
# Nested apps keep their own catalogue: their parent's extraction leaves them out.
NESTED = {"partnerships": ["matchmaking", "exchange", "statistics", "imports", "surveys"]}
CATALOGUE_DIRS = ["locale", *(f"{app}/locale" for app in APPS)]
CATALOGUES = sorted(
    po for folder in CATALOGUE_DIRS for po in (ROOT / folder).glob("*/LC_MESSAGES/django.po")
)


def msgids(path: Path) -> set[str]:
    result = subprocess.run(
        ["msgcat", "--no-wrap", "--sort-output", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    ids, current = set(), None
    for line in result.stdout.splitlines():
        if line.startswith("msgid "):
            current = line[6:]
        elif line.startswith('"') and current is not None:
            current += line
        elif current is not None:
            if current != '""':
                ids.add(current)
            current = None
    return ids


def entries(po: Path, flag: str) -> list[str]:
    result = subprocess.run(
        ["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True
    )
    return [
        line
        for line in result.stdout.splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    ]


def extract(tmp_path: Path, sources: dict[str, Path], ignore: tuple[str, ...] = ()) -> Path:
    """Run makemessages over ``sources`` (link name -> path) into a fresh locale folder."""
    work = tmp_path / "work"
    work.mkdir()
    for name, path in sources.items():
        (work / name).symlink_to(path)
    (work / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "en",
            "--no-location",
            "--symlinks",
            "-e",
            "html,txt,py",
            "-i",
            "*/migrations/*",
            "-i",
            "*/locale/*",
            *(arg for pattern in ignore for arg in ("-i", pattern)),
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return work / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_catalogues_exist_for_ukrainian_and_english():
    for folder in CATALOGUE_DIRS:
        for language in ("uk", "en"):
            assert (ROOT / folder / language / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(po):
    assert entries(po, "--untranslated") == [], f"untranslated entries in {po}"
    assert entries(po, "--only-fuzzy") == [], f"fuzzy entries in {po}"
    check = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("app", ["portal", *APPS])
def test_catalogue_covers_every_string_in_the_code(app, tmp_path):
    if app == "portal":
        sources = {"portal": ROOT / "portal"}
        templates = tmp_path / "templates"
        templates.mkdir()
        for entry in (ROOT / "templates").iterdir():
            if entry.name not in APPS:  # app folders (a nested app's lies inside its parent's)
                (templates / entry.name).symlink_to(entry)
        sources["templates"] = templates
        catalogue_dir = ROOT / "locale"
    else:
        sources = {"code": ROOT / app}
        if (ROOT / "templates" / app).exists():
            sources["templates"] = ROOT / "templates" / app
        catalogue_dir = ROOT / app / "locale"
    ignore = tuple(
        f"{folder}/{nested}/*" for nested in NESTED.get(app, ()) for folder in ("code", "templates")
    )
    extracted = msgids(extract(tmp_path, sources, ignore))
    for language in ("uk", "en"):
        missing = extracted - msgids(catalogue_dir / language / "LC_MESSAGES" / "django.po")
        assert not missing, f"{app}/{language} lacks {len(missing)}: {sorted(missing)[:5]}"
