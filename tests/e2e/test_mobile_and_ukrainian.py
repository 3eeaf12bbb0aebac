"""A phone at 360 px never scrolls sideways and sees results before filters; a Ukrainian
reader goes home → register → portrait → calendar → event registration → advice form in
/uk/ and never meets German outside an element marked lang="de"."""

import re

import pytest

from tests.events.factories import EventFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = [
    "/de/", "/de/partnerschaften/", "/de/karte/", "/de/akteure/", "/de/veranstaltungen/",
    "/de/wissen/", "/de/beratung/", "/de/newsletter/",
    "/uk/", "/uk/partnerschaften/", "/uk/akteure/", "/uk/veranstaltungen/",
]  # fmt: skip


def test_no_public_page_scrolls_sideways_at_360(page, demo_data):
    page.set_viewport_size({"width": 360, "height": 780})
    wide = {}
    for path in PUBLIC:
        page.goto(page.base_url + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
    assert not wide, wide


def test_funding_page_does_not_scroll_sideways_at_360(page, demo_data):
    """Programme names are long compounds ("Solidaritätspartnerschaften") in headings."""
    page.set_viewport_size({"width": 360, "height": 780})
    wide = {}
    for language in ("de", "uk", "en"):
        page.goto(page.base_url + f"/{language}/foerderung/")
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[language] = width
    assert not wide, wide


def test_results_come_before_the_open_filters_on_a_phone(page, demo_data):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/de/partnerschaften/")
    assert not page.locator(".filter-panel").first.evaluate("d => d.open")
    results = page.locator("#results-title").bounding_box()
    assert results["y"] < 844, results  # visible without scrolling past the filters


# Words that only German uses: a page in Ukrainian that shows one outside lang="de" has
# German the reader is not warned about. (Names of actors are Latin script until the
# names work lands; the check looks for German words, not for Latin letters.)
GERMAN = re.compile(
    r"\b(und|oder|der|die|das|nicht|Sie|Ihre?|Partnerschaft\w*|Veranstaltung\w*|Anmeldung|"
    r"bitte|Uhr|für|mit|zurück|weitere)\b"
)

UNMARKED = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || el.closest('script,style,noscript,[hidden],.leaflet-control-attribution')) continue;
    const lang = el.closest('[lang]');
    if (lang && lang.getAttribute('lang') !== 'uk') continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  return out;
}"""


def unmarked_german(page) -> list[str]:
    return [t for t in page.evaluate(UNMARKED) if GERMAN.search(t)]


def test_ukrainian_journey_meets_no_unmarked_german(page, journey, demo_data, mailoutbox):
    StaffFactory(email="team@example.org")
    event = EventFactory(title_de="Nur deutscher Titel", title_uk="", summary_uk="",
                         description_uk="", capacity=5)  # fmt: skip
    seen = {}

    def visit(label):
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "uk"
        found = unmarked_german(page)
        if found:
            seen[f"{label} {page.url}"] = found[:5]
        journey.check(label)

    page.goto(page.base_url + "/uk/")
    visit("home")
    page.get_by_role("navigation", name=re.compile(".")).first.wait_for()
    page.goto(page.base_url + "/uk/partnerschaften/")
    visit("register")
    page.locator(".partnership-card h3 a").first.click()
    visit("portrait")
    page.goto(page.base_url + "/uk/veranstaltungen/")
    visit("calendar")
    page.goto(page.base_url + f"/uk/veranstaltungen/{event.pk}/")
    visit("event")
    page.fill("#id_name", "Олена Коваль")
    page.fill("#id_email", "olena@example.org")
    page.fill("#id_organisation", "Малинська громада")
    page.select_option("#id_organisation_kind", index=1)
    page.check("#id_consent")
    page.locator("form").filter(has=page.locator("#id_email")).locator(
        "button[type=submit]"
    ).click()
    visit("registered")
    assert "Ви зареєструвалися на цей захід." in page.content()
    page.goto(page.base_url + "/uk/beratung/")
    visit("advice")
    page.fill("#id_name", "Олена Коваль")
    page.fill("#id_organisation", "Малинська міська громада")
    page.select_option("#id_organisation_kind", "hromada")
    assert page.input_value("#id_country") == "UA"
    page.fill("#id_email", "olena@example.org")
    page.select_option("#id_topic", "seek_nrw")
    page.fill("#id_message", "Шукаємо партнера в NRW.")
    page.check("#id_consent")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url("**/uk/beratung/danke/**")
    visit("advice-thanks")
    assert not seen, seen
