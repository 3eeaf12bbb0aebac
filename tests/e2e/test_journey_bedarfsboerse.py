"""Bedarfsbörse, in Ukrainian and German: a hromada editor posts a need for a generator in
Ukrainian → Billerbeck's offer is suggested and reserved → the NRW editor agrees and ships →
the handover is recorded with a protocol → the use report → closed; the public aggregate
counts it."""

import re

import pytest

from partnerships.exchange.models import HandoverPhoto, Item, State
from tests.e2e.test_journey_partnersuche import login
from tests.exchange.conftest import make_item, world  # noqa: F401 - fixtures
from tests.upload_samples import pdf_bytes, photo_with_gps

pytestmark = pytest.mark.django_db(transaction=True)


def test_generator_need_from_post_to_reported_use(page, journey, world, make_item, tmp_path):  # noqa: F811
    offer = make_item(kind="offer", title={"de": "Notstromaggregat 100 kVA"})
    ua, de = world["ua_editor"], world["de_editor"]

    # 1. The hromada editor posts the need in Ukrainian.
    login(page, ua.email, "uk")
    page.goto(page.base_url + "/uk/mein-bereich/bedarfsboerse/")
    page.get_by_role("link", name="Нова потреба для Malyn").click()
    page.wait_for_url("**/uk/mein-bereich/bedarfsboerse/neu/need/")
    journey.check("need-form-uk")
    page.fill("#id_title_uk", "Генератор для лікарні")
    page.fill("#id_description_uk", "Потужність 100 кВт, для лікарні Малина.")
    page.select_option("#id_category", "generator")
    page.fill("#id_quantity", "1")
    photos = []
    for n, fmt in enumerate(("JPEG", "PNG"), start=1):
        photos.append(tmp_path / f"heneratory-{n}.{fmt.lower()}")
        photos[-1].write_bytes(photo_with_gps(fmt))
    page.set_input_files("#id_photos", [str(p) for p in photos])  # two at once
    page.check("#id_publish")
    page.get_by_role("button", name="Зберегти").click()
    page.wait_for_url(re.compile(r".*/uk/bedarfsboerse/\d+/$"))
    need = Item.objects.get(kind="need")
    assert need.state == State.PUBLISHED and need.title_uk == "Генератор для лікарні"
    assert need.photos.count() == 2

    # 2. Billerbeck's offer is suggested, with its reasons; the editor reserves it.
    assert "Відповідні пропозиції" in page.content()
    assert "Notstromaggregat 100 kVA" in page.content()
    assert "наявне партнерство" in page.content()
    journey.check("need-suggestions-uk", axe=False)
    page.locator(
        "form", has=page.locator(f"input[name=counterpart][value='{offer.pk}']")
    ).get_by_role("button").click()
    page.wait_for_load_state()
    need.refresh_from_db()
    assert need.state == State.IN_TALKS

    # 3. The NRW editor agrees and ships.
    login(page, de.email, "de")
    page.goto(page.base_url + f"/de/bedarfsboerse/{offer.pk}/")
    page.locator("button[data-action=agree]").click()
    page.wait_for_load_state()
    page.locator("button[data-action=ship]").click()
    page.wait_for_load_state()
    need.refresh_from_db()
    assert need.state == State.IN_TRANSIT

    # 4. The hromada editor records the handover with the signed protocol, then the use.
    login(page, ua.email, "uk")
    page.goto(page.base_url + f"/uk/bedarfsboerse/{need.pk}/")
    page.get_by_role("link", name="Зафіксувати передачу").click()
    page.fill("#id_handed_over_on", need.published_at.date().isoformat())
    page.fill("#id_people", "Пожежна служба Біллербека – міському голові Малина")
    protocol = tmp_path / "protokol.pdf"
    protocol.write_bytes(pdf_bytes())
    page.set_input_files("#id_protocol", str(protocol))
    page.set_input_files("#id_photos", [str(p) for p in photos])
    page.get_by_role("button", name="Зберегти").click()
    page.wait_for_url(re.compile(rf".*/uk/bedarfsboerse/{need.pk}/$"))
    page.get_by_role("link", name="Звітувати про використання").click()
    page.fill("#id_report", "Генератор живить лікарню під час відключень.")
    page.get_by_role("button", name="Зберегти").click()
    page.wait_for_url(re.compile(rf".*/uk/bedarfsboerse/{need.pk}/$"))
    need.refresh_from_db()
    assert need.state == State.USE_REPORTED
    assert HandoverPhoto.objects.filter(match__need=need).count() == 2

    # 5. The NRW side closes it; the public aggregate counts it.
    login(page, de.email, "de")
    page.goto(page.base_url + f"/de/bedarfsboerse/{offer.pk}/")
    page.locator("button[data-action=close]").click()
    page.wait_for_load_state()
    need.refresh_from_db()
    assert need.state == State.CLOSED
    page.context.clear_cookies()
    page.goto(page.base_url + "/de/bedarfsboerse/")
    assert "1 Bedarf seit 2024 gedeckt" in page.content()
    assert "Generatoren und Energietechnik" in page.content()
    page.locator("#exchange-map[data-state=ready]").wait_for()
    journey.check("public-aggregate")
