"""Event: calendar → online event → register → email → manage link → cancel; a full event
waitlists the next person and the cancellation promotes them (their email arrives)."""

import re

import pytest

from events.models import Registration
from tests.e2e.conftest import link_from_mail
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


def register(page, *, name: str, email: str) -> None:
    form = page.locator("form").filter(has=page.locator("#id_email"))
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.fill("#id_organisation", "Stadt Billerbeck")
    page.select_option("#id_organisation_kind", "municipality")
    page.check("#id_consent")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_register_cancel_and_waiting_list(page, journey, mailoutbox):
    event = EventFactory(title_de="Webinar: Eine ukrainische Partnerkommune finden", capacity=1)
    page.goto(page.base_url + "/de/veranstaltungen/")
    journey.check("calendar")
    page.get_by_role("link", name="Webinar: Eine ukrainische Partnerkommune finden").first.click()
    page.wait_for_url(f"**/de/veranstaltungen/{event.pk}/**")
    assert "meet.example.org" not in page.content()  # the join link is never public
    journey.check("event")

    register(page, name="Olena Beispiel", email="olena@example.org")
    journey.check("registered")
    [confirmation] = [m for m in mailoutbox if m.to == ["olena@example.org"]]
    assert "meet.example.org" not in confirmation.body
    assert any(name.endswith(".ics") for name, *_ in confirmation.attachments)
    manage_url = link_from_mail(confirmation, r"https?://\S+/anmeldung/\S+")

    # The event is full now: the next person lands on the waiting list, position 1.
    # This browser registered: the page shows that, with a link for another person.
    page.goto(page.base_url + f"/de/veranstaltungen/{event.pk}/")
    assert "Sie haben sich für diese Veranstaltung angemeldet." in page.content()
    page.get_by_role("link", name="Eine weitere Person anmelden").click()
    register(page, name="Taras Beispiel", email="taras@example.org")
    journey.check("waitlisted")
    [notice] = [m for m in mailoutbox if m.to == ["taras@example.org"]]
    assert "Platz 1 der Warteliste" in notice.body  # the page says the same to everyone
    taras = Registration.objects.get(email="taras@example.org")
    assert taras.status == Registration.Status.WAITLISTED
    mails_before = len(mailoutbox)

    # Olena follows her manage link and cancels; Taras is promoted and emailed.
    page.goto(manage_url)
    journey.check("manage")
    page.locator("form").filter(has_text=re.compile("stornieren|absagen", re.I)).locator(
        "button[type=submit]"
    ).first.click()
    page.wait_for_load_state()
    journey.check("cancelled")
    assert Registration.objects.get(email="olena@example.org").status == "cancelled"
    taras.refresh_from_db()
    assert taras.status == Registration.Status.CONFIRMED
    assert any(m.to == ["taras@example.org"] for m in mailoutbox[mails_before:])
