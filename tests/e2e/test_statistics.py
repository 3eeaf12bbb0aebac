"""Statistics in the browser: the page works without JavaScript and passes axe; the main map
draws its base layer of borders when the tile host is down (no grey square)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_statistics_page_without_javascript(browser, live_server, demo_data, settings):
    settings.SITE_URL = live_server.url
    context = browser.new_context(java_script_enabled=False, locale="uk-UA")
    page = context.new_page()
    page.goto(live_server.url + "/uk/statistik/")
    assert page.locator("h1").inner_text().startswith("Статистика")
    assert page.locator("svg.stat-chart").count() >= 10
    assert page.locator("table.data").count() == 11
    context.close()


def test_statistics_page_accessible(page, demo_data):
    # axe only: full-page screenshots of this long page time out on a loaded machine.
    from tests.e2e.conftest import Journey

    page.goto(page.base_url + "/de/statistik/")
    results = Journey.axe.run(page)
    serious = [
        (v["id"], [n["target"][0] for n in v["nodes"][:3]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert page.console_errors == []


def test_map_draws_borders_when_the_tile_host_is_down(page, demo_data):
    # The tile host is down: every request off the portal fails.
    page.context.unroute("**/*")
    local = page.base_url + "/"
    page.context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(local) else route.abort(),
    )
    page.goto(page.base_url + "/de/karte/")
    page.wait_for_selector('#partnership-map[data-boundaries="ready"]')
    canvas = page.locator(".leaflet-boundaries-pane canvas")
    assert canvas.count() == 1
    # The borders are drawn: the canvas is not blank.
    painted = canvas.evaluate(
        "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }"
    )
    assert painted > 1000
