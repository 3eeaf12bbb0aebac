import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Attendance, Event, Registration
from tests.events.conftest import SECRET_JOIN_URL
from tests.events.factories import EventFactory, EventSeriesFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def url(event, suffix=""):
    return f"/de/veranstaltungen/{event.pk}/{suffix}"


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_list_calendar_and_detail_render(client, event, language):
    response = client.get(f"/{language}/veranstaltungen/")
    assert response.status_code == 200
    body = response.content.decode()
    assert event.title in body
    assert 'class="calendar"' in body
    response = client.get(f"/{language}/veranstaltungen/{event.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'type="application/ld+json"' in body
    assert {"de": "Kyjiwer Zeit", "uk": "За київським часом", "en": "Kyiv time"}[language] in body


def test_filters(client):
    online = EventFactory(title_de="Online-Termin", format="online", languages="de,uk")
    onsite = EventFactory(title_de="Vor-Ort-Termin", format="in_person", languages="de")
    body = client.get("/de/veranstaltungen/?format=online").content.decode()
    assert online.title in body.split('id="calendar-heading"')[0]
    assert onsite.title not in body.split('id="calendar-heading"')[0]
    body = client.get("/de/veranstaltungen/?sprache=uk").content.decode()
    assert "Vor-Ort-Termin" not in body
    series = EventSeriesFactory(slug="forum")
    online.series = series
    online.save()
    body = client.get("/de/veranstaltungen/?reihe=forum").content.decode()
    assert "Online-Termin" in body and "Vor-Ort-Termin" not in body


def test_past_events_show_materials(client):
    past = EventFactory(
        start=timezone.now() - timedelta(days=30),
        recording_url="https://video.example.org/aufzeichnung",
        documentation_de="## Dokumentation\n\nDer Vortrag.",
    )
    body = client.get("/de/veranstaltungen/rueckblick/").content.decode()
    assert past.title in body and "https://video.example.org/aufzeichnung" in body
    detail = client.get(url(past)).content.decode()
    assert "Der Vortrag." in detail
    assert "Diese Veranstaltung hat bereits begonnen oder ist vorbei." in detail


def test_places_left_and_waiting_list_shown(client):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event)
    assert "noch 1 Platz frei" in client.get(url(event)).content.decode()
    RegistrationFactory(event=event)
    assert "Ausgebucht" in client.get(url(event)).content.decode()


def test_register_via_form(
    client, event, registration_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(event), registration_data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.language == "uk"
    assert registration.consent and registration.consent_text
    assert len(mailoutbox) == 1
    page = client.get(response["Location"]).content.decode()
    assert "Vielen Dank für Ihre Anmeldung" in page


def test_waitlist_position_said_in_the_email(
    client, registration_data, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(event), {**registration_data, "language": "de"})
    [mail] = mailoutbox
    assert "Platz 1 der Warteliste" in mail.body


def _messages_shown(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("capacity", [None, 1])
def test_known_and_new_addresses_get_the_same_words_on_screen(
    client, registration_data, mailoutbox, django_capture_on_commit_callbacks, capacity
):
    """Only the email differs: the known address is told it is registered already."""
    event = EventFactory(capacity=capacity)
    RegistrationFactory(event=event, email="olena@example.org")
    answers = []
    for email in ("OLENA@example.org", "taras@example.org"):  # known, then new
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url(event), {**registration_data, "email": email, "language": "de"}, follow=True
            )
        assert response.status_code == 200
        answers.append((response.redirect_chain, _messages_shown(response)))
    assert answers[0] == answers[1]
    assert len(answers[0][1]) == 1
    assert "bereits" not in answers[0][1][0] and "Warteliste und" not in answers[0][1][0]
    assert Registration.objects.count() == 2
    known, new = mailoutbox
    assert known.to == ["olena@example.org"] and "bereits eine Anmeldung" in known.body
    assert new.to == ["taras@example.org"] and "bereits" not in new.body


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"email": ""}, "email", "Bitte geben Sie Ihre E-Mail-Adresse an."),
        ({"email": "olena@"}, "email", "gültige E-Mail-Adresse"),
        ({"email": "olena@example.org\nBcc: x@example.org"}, "email", "gültige E-Mail-Adresse"),
        ({"name": ""}, "name", "Bitte geben Sie Ihren Namen an."),
        ({"name": "x" * 121}, "name", "höchstens 120 Zeichen"),
        ({"question": "x" * 2001}, "question", "höchstens 2000 Zeichen"),
        ({"name": "<script>alert(1)</script>"}, "name", "ohne HTML"),
        ({"question": "Hallo <script>alert(1)</script>"}, "question", "ohne HTML"),
        ({"organisation": "Stadt\r\nBcc: x"}, "organisation", "Zeilenumbrüche"),
        ({"consent": ""}, "consent", "Ohne Ihre Einwilligung"),
        ({"website": "http://spam.example"}, "website", "verstecktes Feld"),
        ({"organisation_kind": "king"}, "organisation_kind", "gültige Auswahl"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    client, event, registration_data, mailoutbox, change, field, message
):
    data = {**registration_data, **change}
    if change.get("consent") == "":
        data.pop("consent")
    response = client.post(url(event), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert Registration.objects.count() == 0
    assert mailoutbox == []
    # What was entered is kept.
    if field != "name" and "name" not in change:
        assert registration_data["name"] in response.content.decode()


@pytest.mark.parametrize(
    ("attrs", "message"),
    [
        ({"status": "cancelled"}, "abgesagt"),
        ({"registration_opens": timezone.now() + timedelta(days=1)}, "Die Anmeldung ist ab"),
        ({"registration_closes": timezone.now() - timedelta(hours=1)}, "Anmeldefrist"),
        ({"start": timezone.now() - timedelta(hours=1)}, "begonnen oder ist vorbei"),
    ],
)
def test_registration_window_and_state_checks(client, registration_data, attrs, message):
    event = EventFactory(**attrs)
    page = client.get(url(event)).content.decode()
    assert message in page
    response = client.post(url(event), registration_data)
    assert response.status_code == 409
    assert message in response.content.decode()
    assert Registration.objects.count() == 0


def test_draft_event_is_404_for_pages_posts_ics_and_links(client, registration_data):
    event = EventFactory(status=Event.Status.DRAFT)
    registration = RegistrationFactory(event=event)
    assert client.get(url(event)).status_code == 404
    assert client.post(url(event), registration_data).status_code == 404
    assert client.get(url(event, "termin.ics")).status_code == 404
    assert client.get(url(event, f"anmeldung/{registration.manage_token}/")).status_code == 404
    assert client.get(url(event, f"teilnehmen/{registration.join_token}/")).status_code == 404
    assert event.title not in client.get("/de/veranstaltungen/").content.decode()
    assert event.title not in client.get("/de/veranstaltungen/feed.ics").content.decode()
    assert Registration.objects.count() == 1


def test_rate_limit_per_ip(client, event, registration_data, settings):
    settings.EVENTS_REGISTRATION_RATE_LIMIT = (2, 3600)
    for i in range(2):
        response = client.post(url(event), {**registration_data, "email": f"p{i}@example.org"})
        assert response.status_code == 302
    response = client.post(url(event), {**registration_data, "email": "p9@example.org"})
    assert response.status_code == 429
    assert "zu viele Anmeldungen" in response.content.decode()
    assert Registration.objects.count() == 2


def test_json_ld_is_escaped_and_valid(client):
    event = EventFactory(title_de='Forum </script><script>alert("x")</script>', capacity=5)
    body = client.get(url(event)).content.decode()
    assert "</script><script>" not in body
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["location"]["@type"] == "VirtualLocation"
    assert SECRET_JOIN_URL not in match.group(1)
    assert data["offers"]["availability"].endswith("InStock")


def test_cancelled_event_page_says_so(client):
    event = EventFactory(status=Event.Status.CANCELLED, cancellation_note_de="Krankheit.")
    body = client.get(url(event)).content.decode()
    assert "Diese Veranstaltung wurde abgesagt." in body
    assert "Alle Angemeldeten wurden per E-Mail informiert." in body
    assert "EventCancelled" in body


# --- manage page ---------------------------------------------------------------------------


def test_manage_page_shows_status_and_updates(client, event):
    registration = RegistrationFactory(event=event)
    manage = url(event, f"anmeldung/{registration.manage_token}/")
    body = client.get(manage).content.decode()
    assert "Ihr Platz ist bestätigt." in body
    assert registration.join_token in body  # the personal link
    assert SECRET_JOIN_URL not in body
    response = client.post(
        manage,
        {
            "action": "update",
            "name": "Olena Neu",
            "organisation": "Kreis Coesfeld",
            "organisation_kind": "district",
            "accessibility_needs": "Untertitel",
            "question": "",
            "language": "en",
        },
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.name == "Olena Neu" and registration.language == "en"


def test_manage_page_bad_update_changes_nothing(client, event):
    registration = RegistrationFactory(event=event, name="Olena")
    manage = url(event, f"anmeldung/{registration.manage_token}/")
    response = client.post(manage, {"action": "update", "name": "<b>x</b>", "language": "de"})
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.name == "Olena"


def test_manage_page_cancel_and_cancelled_link(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(event=event)
    manage = url(event, f"anmeldung/{registration.manage_token}/")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(manage, {"action": "cancel"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert len(mailoutbox) == 1
    body = client.get(manage).content.decode()
    assert "Diese Anmeldung ist storniert." in body
    assert 'value="cancel"' not in body
    response = client.post(manage, {"action": "update", "name": "X", "language": "de"})
    assert response.status_code == 409
    registration.refresh_from_db()
    assert registration.name != "X"
    # The cancelled person's join link no longer works.
    assert client.get(url(event, f"teilnehmen/{registration.join_token}/")).status_code == 404


@pytest.mark.parametrize("token", ["", "x", "A" * 43, "../../admin"])
def test_tampered_tokens_are_404(client, event, token):
    registration = RegistrationFactory(event=event)
    for path in ("anmeldung", "teilnehmen"):
        response = client.get(url(event, f"{path}/{token}/"))
        assert response.status_code == 404
    # A token of another event does not open this one.
    other = EventFactory()
    assert client.get(url(other, f"anmeldung/{registration.manage_token}/")).status_code == 404


def test_anonymised_registration_links_are_404(client):
    from events import services

    event = EventFactory(start=timezone.now() - timedelta(days=200))
    registration = RegistrationFactory(event=event)
    assert services.registrations_anonymise() == 1
    for token in (registration.manage_token, f"anonymised-m-{registration.pk}"):
        assert client.get(url(event, f"anmeldung/{token}/")).status_code == 404
    assert client.get(url(event, f"teilnehmen/anonymised-j-{registration.pk}/")).status_code == 404


# --- personal join link -------------------------------------------------------------------


def test_join_link_redirects_only_in_window_and_logs_attendance(client):
    start = timezone.now() + timedelta(minutes=45)
    event = EventFactory(start=start, end=start + timedelta(hours=1), join_url=SECRET_JOIN_URL)
    registration = RegistrationFactory(event=event)
    join = url(event, f"teilnehmen/{registration.join_token}/")

    response = client.get(join)
    assert response.status_code == 200
    body = response.content.decode()
    assert "freigeschaltet" in body and SECRET_JOIN_URL not in body
    assert Attendance.objects.count() == 0

    event.start = timezone.now() + timedelta(minutes=20)  # opens 30 minutes before
    event.save()
    response = client.get(join)
    assert response.status_code == 302
    assert response["Location"] == SECRET_JOIN_URL
    assert response["Referrer-Policy"] == "no-referrer"
    client.get(join)
    assert Attendance.objects.filter(registration=registration).count() == 2
    registration.refresh_from_db()
    assert registration.status == "attended"

    event.start = timezone.now() - timedelta(hours=3)
    event.end = timezone.now() - timedelta(hours=1)
    event.save()
    response = client.get(join)
    assert response.status_code == 200
    assert "nicht mehr aktiv" in response.content.decode()


def test_waitlisted_has_no_join_link(client, event):
    registration = RegistrationFactory(event=event, status="waitlisted", waitlist_position=1)
    assert client.get(url(event, f"teilnehmen/{registration.join_token}/")).status_code == 404
    body = client.get(url(event, f"anmeldung/{registration.manage_token}/")).content.decode()
    assert "Platz 1 der Warteliste" in body
    assert registration.join_token not in body


def test_join_link_never_on_public_pages_feeds_or_ics(client):
    series = EventSeriesFactory(slug="forum")
    events = [
        EventFactory(series=series, format=fmt, join_url=SECRET_JOIN_URL, venue="Steinwache")
        for fmt in ("online", "hybrid", "in_person")
    ]
    EventFactory(status="cancelled", join_url=SECRET_JOIN_URL)
    pages = [
        "/de/veranstaltungen/",
        "/uk/veranstaltungen/",
        "/de/veranstaltungen/rueckblick/",
        "/de/veranstaltungen/feed.ics",
        "/de/veranstaltungen/reihe/forum/feed.ics",
        "/de/",
        *[url(e) for e in events],
        *[url(e, "termin.ics") for e in events],
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert b"meet.example.org" not in response.content, page


def test_feeds_link_back_and_carry_events(client):
    series = EventSeriesFactory(slug="forum")
    event = EventFactory(series=series)
    other = EventFactory()
    feed = client.get("/de/veranstaltungen/reihe/forum/feed.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    text = feed.content.decode().replace("\r\n ", "")
    assert f"http://127.0.0.1:8000/de/veranstaltungen/{event.pk}/" in text
    assert f"/veranstaltungen/{other.pk}/" not in text
    assert client.get("/de/veranstaltungen/reihe/gibt-es-nicht/feed.ics").status_code == 404
    text = client.get("/de/veranstaltungen/feed.ics").content.decode()
    assert text.count("BEGIN:VEVENT") == 2
    assert "Europe/Berlin" in text


def test_list_offers_the_feeds_of_series_with_public_events_only(client):
    forum = EventSeriesFactory(slug="forum", name_de="Forum Städtepartnerschaften NRW")
    EventFactory(series=forum)
    EventFactory(series=forum, status=Event.Status.CANCELLED)
    planned = EventSeriesFactory(slug="geplant", name_de="Geplante Reihe")
    EventFactory(series=planned, status=Event.Status.DRAFT)
    body = client.get("/de/veranstaltungen/").content.decode()
    assert body.count("/de/veranstaltungen/reihe/forum/feed.ics") == 1
    assert "/reihe/geplant/feed.ics" not in body
