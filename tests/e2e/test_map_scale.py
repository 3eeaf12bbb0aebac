"""The map stays usable with many partnerships: what the browser draws stays bounded.

Counts, not times (times are measured in ``bench/partnerships/bench_map_browser.py``): with
1,500 published synthetic partnerships (3,000 actors), the initial view shows a bounded number
of marker and cluster icons and of lines, a cluster click zooms in, a bundled line lists its
partnerships, and a single marker's popup leads to the portrait.
"""

import re

import pytest

from tests.e2e.map_probe import CAPTURE_MAPS, DRAWN, MAP

pytestmark = pytest.mark.django_db(transaction=True)

PARTNERSHIPS = 1500


@pytest.fixture
def many_partnerships(transactional_db):
    from partnerships.demo import synthetic_partnerships_create
    from tests.partnerships.factories import ActorFactory, UkrainianActorFactory

    oblast = UkrainianActorFactory(kind="oblast", name="Oblast Test", slug="oblast-test")
    for i in range(30):  # places the synthetic actors are scattered around
        ActorFactory(latitude=50.4 + (i % 6) * 0.3, longitude=6.0 + (i // 6) * 0.5)
        UkrainianActorFactory(
            latitude=46.5 + (i % 6) * 0.9, longitude=24.0 + (i // 6) * 3.0, region=oblast
        )
    assert synthetic_partnerships_create(count=PARTNERSHIPS) == PARTNERSHIPS


def test_map_with_many_partnerships_stays_bounded_and_usable(page, many_partnerships):
    page.add_init_script(CAPTURE_MAPS)
    page.goto(page.base_url + "/de/karte/")
    page.wait_for_selector("#partnership-map[data-state=ready]", timeout=60_000)
    assert page.locator("#partnership-map-status").inner_text() == (
        f"{PARTNERSHIPS:,} Partnerschaften".replace(",", ".")  # German thousands separator
    )

    initial = page.evaluate(DRAWN)
    # 3,000 actors and 1,500 lines in the data; the browser draws a few clusters and bundles.
    assert 0 < initial["icons"] < 300
    assert initial["clusters"] >= 1
    assert 0 < initial["lines"] < 100
    assert initial["svgPaths"] < 100  # lines go to one canvas, not one SVG path each

    # A bundled line lists its partnerships (at most ten links) and says how many there are.
    bundle = page.evaluate(
        """() => {
          let best = null;
          MAP.eachLayer((l) => {
            if (l instanceof L.Polyline && l.getPopup() &&
                (!best || l.options.weight > best.options.weight)) best = l;
          });
          best.openPopup(best.getCenter());
          return best.options.weight;
        }""".replace("MAP", MAP)
    )
    assert bundle > 1.5
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert re.search(r"\d+ Partnerschaften", popup.inner_text())
    assert 1 <= popup.locator("a").count() <= 10
    assert "zum Anzeigen hineinzoomen" in popup.inner_text()
    page.evaluate(f"() => {{ {MAP}.closePopup(); }}")

    # Clicking a cluster zooms in; what is drawn stays bounded.
    page.locator(".marker-cluster").first.click()
    page.wait_for_function(f"() => {MAP}.getZoom() > {initial['zoom']}")
    page.wait_for_timeout(400)  # the cluster animation
    zoomed = page.evaluate(DRAWN)
    assert zoomed["zoom"] > initial["zoom"]
    assert 0 < zoomed["icons"] < 300
    assert zoomed["lines"] <= 600

    # Close in, a single actor's marker opens a popup that leads to its partnership's portrait.
    from partnerships.models import Partnership

    partnership = Partnership.objects.get(slug="synthetisch-7")
    actor = partnership.members.order_by("position").first().actor
    page.evaluate(
        f"() => {{ {MAP}.setView([{actor.latitude}, {actor.longitude}], 18, {{animate: false}}); }}"
    )
    marker = page.locator(f'.leaflet-marker-icon[title="{actor.name}"]')
    marker.wait_for()
    assert page.evaluate(DRAWN)["icons"] < 300
    marker.click()
    popup.wait_for()
    popup.get_by_role("link", name=partnership.title).click()
    page.wait_for_url(f"**/de/partnerschaften/{partnership.slug}/")
    assert partnership.title in page.locator("h1").inner_text()
    assert not [e for e in page.console_errors if "ERR_" not in e]
