"""The portrait PDF per language: its file name carries the language, and German fallback
text in a Ukrainian PDF is marked as German."""

import pytest

from partnerships import pdf as portrait_pdf
from tests.partnerships.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def test_portrait_pdf_per_language_marks_german_fallback():
    p = PartnershipFactory(summary_de="Nur deutsch erzählt.", summary_uk="")
    de_path, de_html = portrait_pdf.portrait_pdf_path(partnership=p, language="de")
    uk_path, uk_html = portrait_pdf.portrait_pdf_path(partnership=p, language="uk")
    assert de_path != uk_path and "-uk-" in uk_path
    assert 'lang="de">Nur deutsch erzählt.' in uk_html
    assert "(німецькою)" in uk_html
    assert "fallback" not in de_html
