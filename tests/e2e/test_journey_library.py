"""Library: search "Partnerschaft" → filter by theme → open a publication → download it."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_filter_open_and_download_a_publication(page, journey, demo_data):
    page.goto(page.base_url + "/de/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Wissen"
    ).click()
    page.wait_for_url("**/de/wissen/**")
    journey.check("library")
    page.fill("#id_q", "Partnerschaft")
    page.locator("form.facets button[type=submit]").click()
    page.wait_for_url("**q=Partnerschaft**")
    # The compound "Städtepartnerschaften" in the title is found by "Partnerschaft".
    assert page.get_by_role(
        "link", name="Migration und Integration in Städtepartnerschaften"
    ).count()
    journey.check("search-results")

    page.select_option("#id_theme", "migration")
    page.locator("form.facets button[type=submit]").click()
    page.wait_for_url("**theme=migration**")
    journey.check("filtered")
    page.get_by_role(
        "link", name="Migration und Integration in Städtepartnerschaften"
    ).first.click()
    page.wait_for_url("**/de/wissen/migration-und-integration-in-staedtepartnerschaften/**")
    journey.check("publication")

    # The download link serves the PDF (inline, so the browser's viewer opens it).
    href = page.locator("a[href$='/download/']").first.get_attribute("href")
    response = page.request.get(page.base_url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert ".pdf" in response.headers.get("content-disposition", "")
    assert response.body()[:4] == b"%PDF"
