"""Staff: log in with two-factor → publish a proposed partnership → generate a guide PDF and
download it → export an event's participants."""

import csv
import io

import pytest

from events.models import Registration
from knowledge.models import Guide
from partnerships.models import Partnership
from tests.e2e.conftest import totp_code
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import PASSWORD
from tests.partnerships.factories import PartnershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_admin_action(page, *, row_text: str, action_label: str) -> None:
    row = page.locator("#result_list tbody tr").filter(has_text=row_text).first
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", label=action_label)
    page.locator("button[name=index]").click()


def test_staff_publish_generate_guide_and_export_participants(
    page, journey, demo_data, staff_with_totp, settings
):
    settings.ADMIN_REQUIRE_2FA = True
    proposed = PartnershipFactory(
        title="Billerbeck – Malyn (Vorschlag)",
        publication_state=Partnership.Publication.REVIEW,
    )
    event = EventFactory(title_de="Forum Städtepartnerschaften NRW: Wiederaufbau")
    RegistrationFactory(event=event, name="Olena Beispiel", email="olena@example.org")
    RegistrationFactory(
        event=event,
        name="Taras Beispiel",
        status=Registration.Status.WAITLISTED,
        waitlist_position=1,
    )

    # Two-factor login: password, then the authenticator's code.
    page.goto(page.base_url + "/admin/")
    page.wait_for_url("**/konto/login/**")
    page.fill("input[name=login]", staff_with_totp.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/2fa/authenticate/**")
    journey.check("second-factor")
    page.fill("input[name=code]", totp_code(staff_with_totp.totp_secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    assert "Partnerschaftsportal NRW – Verwaltung" in page.content()

    # Publish the proposed partnership.
    page.goto(page.base_url + "/admin/partnerships/partnership/?publication_state__exact=review")
    if page.locator("#result_list").count() == 0:
        page.goto(page.base_url + "/admin/partnerships/partnership/")
    run_admin_action(
        page, row_text="Billerbeck – Malyn (Vorschlag)", action_label="Veröffentlichen"
    )
    page.wait_for_load_state()
    proposed.refresh_from_db()
    assert proposed.publication_state == Partnership.Publication.PUBLISHED
    page.goto(page.base_url + f"/de/partnerschaften/{proposed.slug}/")
    assert "Billerbeck – Malyn (Vorschlag)" in page.content()

    # Generate the demo guide's PDF and download it from its public address.
    guide = Guide.objects.first()
    page.goto(page.base_url + "/admin/knowledge/guide/")
    run_admin_action(
        page, row_text=str(guide.title), action_label="PDF neu erzeugen (auch ohne Änderung)"
    )
    page.wait_for_load_state()
    guide.refresh_from_db()
    response = page.request.get(page.base_url + f"/de/wissen/leitfaden/{guide.slug}/pdf/")
    assert response.status == 200
    assert response.body()[:4] == b"%PDF"

    # Export the event's participants as CSV.
    page.goto(page.base_url + "/admin/events/event/")
    with page.expect_download() as download_info:
        run_admin_action(
            page,
            row_text="Forum Städtepartnerschaften NRW: Wiederaufbau",
            action_label="Teilnehmendenliste als CSV",
        )
    content = download_info.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";" if ";" in content else ","))
    text = "\n".join(",".join(r) for r in rows)
    assert "olena@example.org" in text and "Taras Beispiel" in text
