"""Foundation journeys: home, language switch, and the advice form by keyboard alone."""

import pytest

from portal.models import ConsultationRequest
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_language_switch_and_static_pages(page, journey):
    page.goto(page.base_url + "/")
    assert page.url.endswith("/de/")
    assert page.locator("html").get_attribute("lang") == "de"
    journey.check("home-de")
    page.get_by_role("link", name="Українська").click()
    assert page.url.endswith("/uk/")
    assert page.locator("html").get_attribute("lang") == "uk"
    journey.check("home-uk")
    # The switch keeps the page.
    page.goto(page.base_url + "/uk/impressum/")
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/impressum/")
    page.get_by_role("link", name="Deutsch").click()
    assert page.url.endswith("/de/impressum/")
    journey.check("imprint-de")
    for path in ("/de/kontakt/", "/de/datenschutz/", "/de/barrierefreiheit/"):
        page.goto(page.base_url + path)
        assert "Steinstr. 48" in page.content() or path == "/de/barrierefreiheit/"
        journey.check(path.strip("/").replace("/", "-"))
    assert page.console_errors == []


def test_advice_form_with_keyboard_only(page, journey, mailoutbox):
    StaffFactory(email="team@example.org")
    page.goto(page.base_url + "/de/beratung/")
    journey.check("advice-form")
    # Skip link first, then into the form by Tab alone.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    page.locator("#id_name").focus()  # start of the form; from here on only the keyboard
    page.keyboard.type("Anna Muster")
    page.keyboard.press("Tab")
    page.keyboard.type("Stadt Billerbeck")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # organisation kind: first real option
    page.keyboard.press("Tab")  # country: Germany, preselected on /de/
    page.keyboard.press("Tab")
    page.keyboard.type("anna@example.org")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("Wir suchen eine Partnergemeinde in der Ukraine.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # consent
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # submit
    page.wait_for_url("**/de/beratung/danke/**")
    journey.check("advice-thanks")
    request = ConsultationRequest.objects.get()
    assert request.organisation == "Stadt Billerbeck"
    assert request.message == "Wir suchen eine Partnergemeinde in der Ukraine."
    assert sorted(m.to for m in mailoutbox) == [["anna@example.org"], ["team@example.org"]]


def test_advice_form_errors_are_announced_and_input_kept(page, journey):
    page.goto(page.base_url + "/uk/beratung/")
    page.fill("#id_name", "Олена")
    page.locator("form.form button[type=submit]").click()
    assert page.locator("[role=alert]").first.is_visible()
    assert page.input_value("#id_name") == "Олена"
    journey.check("advice-errors-uk")
    assert ConsultationRequest.objects.count() == 0
