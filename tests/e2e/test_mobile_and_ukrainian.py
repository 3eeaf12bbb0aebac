"""A phone at 360 px never scrolls sideways and sees results before filters; a Ukrainian
reader goes home → register → portrait → calendar → event registration → advice form in
/uk/ and never meets German outside an element marked lang="de"."""

import re
import unicodedata

import pytest

from tests.events.factories import EventFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = [
    "/de/", "/de/partnerschaften/", "/de/karte/", "/de/akteure/", "/de/veranstaltungen/",
    "/de/wissen/", "/de/beratung/", "/de/newsletter/",
    "/uk/", "/uk/partnerschaften/", "/uk/akteure/", "/uk/veranstaltungen/",
    "/uk/partnersuche/", "/uk/partnersuche/wir-suchen/", "/uk/bedarfsboerse/", "/uk/statistik/",
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
    r"bitte|Uhr|für|mit|zurück|weitere|Netzwerkstelle|Bedarf\w*|Angebot\w*|Gesuch\w*|"
    r"Seite|gefunden|Stand|ungültig)\b"
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


def unmarked_german(page, names: tuple[str, ...] = ()) -> list[str]:
    """German words outside lang="de"; German places keep their German names ("Mülheim an
    der Ruhr"), so ``names`` are taken out of the text first."""
    found = []
    for text in page.evaluate(UNMARKED):
        text = unicodedata.normalize("NFC", text)  # boundary files spell "ü" as u + ◌̈
        for name in names:
            text = text.replace(name, "")
        if GERMAN.search(text):
            found.append(text)
    return found


def german_place_names() -> tuple[str, ...]:
    from partnerships.models import Actor
    from partnerships.statistics import boundaries

    names = [
        *Actor.objects.filter(country="DE").values_list("name", flat=True),
        *(boundaries.kreis_name(code) for code in boundaries.kreise()),  # the statistics' maps
    ]
    names = {unicodedata.normalize("NFC", n) for n in names if GERMAN.search(n)}
    return tuple(sorted(names, key=len, reverse=True))


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


def test_ukrainian_reader_meets_no_unmarked_german_on_the_wave_2_pages(page, journey, demo_data):
    """Partnersuche, Bedarfsbörse (list, entry, contact), "Wir suchen einen Partner", the
    statistics, a survey link, empty results, form errors and a missing page — in /uk/,
    with a German-only need among the entries and Ukrainian places named in Cyrillic."""
    from partnerships.exchange.models import Item
    from partnerships.matchmaking.models import SearchProfile
    from partnerships.surveys import services as surveys
    from partnerships.surveys.models import Invitation

    german_only = Item.objects.filter(state="published").first()
    Item.objects.filter(pk=german_only.pk).update(title_uk="", title_en="", description_uk="",
                                                   description_en="")  # fmt: skip
    invitation = Invitation.objects.first()
    Invitation.objects.filter(pk=invitation.pk).update(language="uk", submitted_at=None,
                                                       applied_at=None, answers={})  # fmt: skip
    seen = {}
    names = german_place_names()

    def visit(label, *, axe=True):
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "uk"
        found = unmarked_german(page, names)
        if found:
            seen[f"{label} {page.url}"] = found[:5]
        journey.check(label, axe=axe)

    page.goto(page.base_url + "/uk/partnersuche/")
    visit("partner-search")
    page.locator(".leaflet-control-zoom-in").wait_for()
    marker_names = page.evaluate(
        "fetch('/uk/partnersuche/karte.json').then(r => r.json())"
        ".then(d => d.profiles.map(p => p.name))"
    )  # what the markers are titled with
    assert "Коростень" in marker_names and "Korosten" not in marker_names, marker_names
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Збільшити"
    page.goto(page.base_url + "/uk/partnersuche/?side=UA&region=regierungsbezirk-koeln")
    visit("partner-search-empty")
    assert page.locator(".empty-state").count() == 1
    korosten = SearchProfile.objects.get(actor__slug="korosten")
    page.goto(page.base_url + f"/uk/partnersuche/{korosten.pk}/kontakt/")
    visit("partner-search-contact")
    page.locator("main form button[type=submit]").last.click()
    visit("partner-search-contact-errors")
    page.goto(page.base_url + "/uk/partnersuche/wir-suchen/")
    visit("partner-request")
    page.fill("#id_contact_email", "keine-adresse")
    page.locator("main form button[type=submit]").last.click()
    visit("partner-request-errors")
    assert page.input_value("#id_contact_email") == "keine-adresse"  # input kept
    page.goto(page.base_url + "/uk/bedarfsboerse/")
    visit("exchange")
    page.goto(page.base_url + "/uk/bedarfsboerse/?kind=need&region=regierungsbezirk-koeln")
    visit("exchange-empty")
    assert page.locator(".empty-state").count() == 1
    page.goto(page.base_url + f"/uk/bedarfsboerse/{german_only.pk}/")
    visit("exchange-entry")
    assert page.locator('h1 [lang="de"]').count() == 1  # the German title, marked
    page.goto(page.base_url + f"/uk/bedarfsboerse/{german_only.pk}/kontakt/")
    visit("exchange-contact")
    page.locator("main form button[type=submit]").last.click()
    visit("exchange-contact-errors")
    page.goto(page.base_url + "/uk/statistik/")
    visit("statistics")
    from django.utils import translation

    with translation.override("uk"):
        token = surveys.invitation_token(invitation=invitation)
    page.goto(page.base_url + f"/uk/bestandsaufnahme/{token}/")
    visit("survey")
    page.goto(page.base_url + "/uk/bestandsaufnahme/ungueltig/")
    visit("survey-bad-link")
    page.goto(page.base_url + "/uk/gibt-es-nicht/")
    visit("not-found")
    assert not seen, seen
