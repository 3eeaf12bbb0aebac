"""Citizen: home → map → filter to Ukraine → a marker's popup → portrait → partner → languages."""

import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_citizen_explores_duisburg_kryvyi_rih(page, journey, demo_data):
    page.goto(page.base_url + "/de/")
    journey.check("home")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Karte").click()
    page.wait_for_url("**/de/karte/**")
    page.wait_for_selector(".leaflet-marker-icon")
    journey.check("map")

    # Filter to Ukraine (the same filters as the list) and narrow to Kryvyi Rih by an alias.
    page.locator(".filter-panel > summary").click()  # folded until filters are in use
    page.select_option("#id_country", "UA")
    page.fill("#id_q", "Krywyj Rih")
    page.locator("#id_q").press("Enter")
    page.wait_for_url(re.compile(r".*country=UA.*"))
    marker = page.locator('.leaflet-marker-icon[title="Krywyj Rih"]')
    marker.wait_for()
    journey.check("map-filtered")
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    popup.get_by_role("link", name="Duisburg – Kryvyi Rih").click()
    page.wait_for_url("**/de/partnerschaften/**")
    body = page.content()
    assert "ArcelorMittal" in body
    assert "2023" in body
    journey.check("portrait")

    page.locator("main").get_by_role("link", name="Krywyj Rih").first.click()
    page.wait_for_url("**/de/akteure/**")
    assert "Duisburg – Kryvyi Rih" in page.content()
    journey.check("partner-profile")

    page.get_by_role("link", name="Українська").click()
    assert "/uk/akteure/" in page.url
    assert page.locator("html").get_attribute("lang") == "uk"
    journey.check("partner-profile-uk")
    page.get_by_role("link", name="Deutsch").click()
    assert "/de/akteure/" in page.url
    assert page.console_errors == []
