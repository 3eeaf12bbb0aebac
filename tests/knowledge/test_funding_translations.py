"""The funding guide's demo programmes exist in German, Ukrainian and English."""

import re

import pytest

from knowledge.demo import funding_programmes, load_funding
from knowledge.models import FundingDeadline, FundingProgram
from knowledge.translation import FundingDeadlineTranslation, FundingProgramTranslation
from portal.models import SeedRecord

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def test_every_published_programme_has_ukrainian_and_english_texts():
    load_funding()
    programs = list(FundingProgram.objects.published().prefetch_related("deadlines"))
    assert len(programs) == len(funding_programmes()) == 13
    checked = 0
    for program in programs:
        for field in FundingProgramTranslation.fields:
            german = getattr(program, f"{field}_de")
            if not german:
                continue  # nothing to translate (e.g. no co-financing for a non-grant entry)
            uk, en = getattr(program, f"{field}_uk"), getattr(program, f"{field}_en")
            assert uk and en, (program.slug, field)
            assert CYRILLIC.search(uk), (program.slug, field, uk)
            assert not CYRILLIC.search(en), (program.slug, field)
            checked += 1
        for deadline in program.deadlines.all():
            for field in FundingDeadlineTranslation.fields:
                if getattr(deadline, f"{field}_de"):
                    assert CYRILLIC.search(getattr(deadline, f"{field}_uk") or ""), deadline
                    assert LATIN_WORD.search(getattr(deadline, f"{field}_en") or ""), deadline
                    checked += 1
    assert checked > 13 * 6


def test_ukrainian_texts_keep_the_facts():
    """Amounts, years and percentages of the German text appear in the Ukrainian one."""
    for spec in funding_programmes():
        for field in FundingProgramTranslation.fields:
            german, ukrainian = spec[field].get("de", ""), spec[field].get("uk", "")
            numbers = set(re.findall(r"\d+", german.replace(".", "").replace(",", "")))
            found = set(re.findall(r"\d+", ukrainian.replace("\xa0", "").replace(",", "")))
            assert numbers <= found, (spec["slug"], field, numbers - found)


def test_rerun_fills_translations_of_rows_created_earlier():
    load_funding()
    # Rows as an earlier loader left them (no seed records): German (and English) only,
    # deadline labels German.
    SeedRecord.objects.all().delete()
    FundingProgram.objects.update(name_uk=None, funds_uk=None, eligibility_uk=None)
    FundingDeadline.objects.update(label_uk=None, label_en=None)
    load_funding()
    skew = FundingProgram.objects.get(slug="skew-kleinprojektefonds")
    assert skew.name_uk.startswith("SKEW – Фонд малих проєктів")
    assert skew.funds_uk and skew.eligibility_uk
    assert set(skew.deadlines.values_list("label_uk", flat=True)) == {
        "Конкурс 2022 року",
        "Конкурс 2024 року",
    }
    assert not FundingProgram.objects.filter(name_uk__isnull=True).exists()
    history = FundingProgram.history.count()
    load_funding()
    assert FundingProgram.history.count() == history  # nothing changed, nothing saved


def test_funding_page_speaks_the_visitors_language(client):
    load_funding()
    german = client.get("/de/foerderung/").content.decode()
    ukrainian = client.get("/uk/foerderung/").content.decode()
    english = client.get("/en/foerderung/").content.decode()

    assert "Anteilfinanzierung bis 90 % der zuwendungsfähigen Kosten" in german
    assert "Фонд малих проєктів" not in german

    assert "Фонд малих проєктів муніципальної політики розвитку" in ukrainian
    assert "Часткове фінансування до 90 % прийнятних витрат" in ukrainian
    assert "1\xa0000–20\xa0000 євро на проєкт" in ukrainian
    assert "</time> – Конкурс 2024 року" in ukrainian  # a deadline label
    assert "Anteilfinanzierung" not in ukrainian

    assert "Share financing up to 90 % of eligible costs" in english
    assert "</time> – 2024 call" in english
    assert "Anteilfinanzierung" not in english
