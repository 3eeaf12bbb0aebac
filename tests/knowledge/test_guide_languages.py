"""A guide's PDF on /uk/ and /en/ is rendered in that language: its Ukrainian text where it
exists, else the German text with a note in the reader's language (never the German file)."""

import io

import pytest
from pypdf import PdfReader

from knowledge import guides
from tests.knowledge.factories import GuideFactory, GuideSectionFactory

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def guide(django_capture_on_commit_callbacks):
    guide = GuideFactory(slug="leitfaden", title_de="Leitfaden Partnerschaften",
                         introduction_de="Wie Kommunen beginnen.")  # fmt: skip
    GuideSectionFactory(guide=guide, heading_de="Erste Schritte", text_de="Ein Anruf genügt.")
    with django_capture_on_commit_callbacks(execute=True):
        guides.guide_request_pdf(guide=guide)
    return guide


def test_german_only_guide_in_ukrainian_is_german_with_a_note(client, guide):
    german = pdf_text(client.get("/de/wissen/leitfaden/leitfaden/pdf/"))
    ukrainian = pdf_text(client.get("/uk/wissen/leitfaden/leitfaden/pdf/"))
    assert "Ein Anruf genügt." in ukrainian
    assert "Сіткове бюро" not in german
    assert "ще не доступний українською" in ukrainian
    assert "ще не доступний українською" not in german
    assert "Zuerst" not in ukrainian


def test_ukrainian_text_makes_a_ukrainian_guide(client, guide, django_capture_on_commit_callbacks):
    guide.title_uk = "Посібник з партнерств"
    guide.introduction_uk = "Як громади починають."
    guide.save()
    section = guide.sections.get()
    section.heading_uk = "Перші кроки"
    section.text_uk = "Достатньо одного дзвінка."
    section.save()
    with django_capture_on_commit_callbacks(execute=True):
        guides.guide_request_pdf(guide=guide)
    text = pdf_text(client.get("/uk/wissen/leitfaden/leitfaden/pdf/"))
    assert "Посібник з партнерств" in text
    assert "Достатньо одного дзвінка." in text
    assert "ще не доступний українською" not in text
    assert "Ein Anruf genügt." not in text


def test_language_pdf_names_carry_the_language(guide):
    path_uk, _html = guides.guide_language_pdf_path(guide=guide, language="uk")
    path_en, _html = guides.guide_language_pdf_path(guide=guide, language="en")
    assert "-uk-" in path_uk and "-en-" in path_en
