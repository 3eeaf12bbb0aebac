import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events import services
from events.models import Attendance, Event, Registration
from tests.events.conftest import email_kinds
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_changelist_shows_counts(admin_client):
    event = EventFactory(capacity=2)
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status="waitlisted", waitlist_position=1)
    response = admin_client.get(reverse("admin:events_event_changelist"))
    assert response.status_code == 200
    row = next(r for r in response.context["cl"].result_list if r.pk == event.pk)
    assert (row.confirmed_total, row.waiting_total) == (2, 1)


def test_csv_and_excel_export(admin_client):
    event = EventFactory()
    RegistrationFactory(event=event, name='=HYPERLINK("http://x")', organisation="Stadt Hürth")
    changelist = reverse("admin:events_event_changelist")
    data = {"action": "export_csv", "_selected_action": [event.pk]}
    response = admin_client.post(changelist, data)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Name"
    assert rows[1][0].startswith("'=")  # no formula injection
    assert rows[1][2] == "Stadt Hürth"
    response = admin_client.post(changelist, {**data, "action": "export_xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[1][2] == "Stadt Hürth"


def test_mark_attendance_and_staff_cancel(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    first = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted", waitlist_position=1)
    changelist = reverse("admin:events_registration_changelist")
    admin_client.post(changelist, {"action": "mark_attended", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.status == "attended"
    assert Attendance.objects.filter(registration=first, source="staff").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            changelist, {"action": "cancel_registrations", "_selected_action": [first.pk]}
        )
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert set(email_kinds()) == {"cancelled_by_staff", "promoted"}
    assert len(mailoutbox) == 2


def test_message_to_confirmed_goes_once_to_each(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    confirmed = RegistrationFactory.create_batch(3, event=event)
    RegistrationFactory(event=event, status="waitlisted", waitlist_position=1)
    RegistrationFactory(event=event, status="cancelled")
    url = reverse("admin:events_event_message", args=[event.pk])
    assert admin_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"subject": "Programm", "body": "Das Programm steht."})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.email for r in confirmed)
    assert all("Das Programm steht." in m.body for m in mailoutbox)
    # Running the fan-out again sends nobody a second copy.
    message = event.messages.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_message_fan_out(message_id=message.pk)
    assert len(mailoutbox) == 3


def test_duplicate_for_next_date(admin_client):
    event = EventFactory(documentation_de="Alt", recording_url="https://video.example.org/x")
    new_start = event.start + timedelta(days=28)
    url = reverse("admin:events_event_duplicate", args=[event.pk])
    response = admin_client.post(
        url, {"start": timezone.localtime(new_start).strftime("%Y-%m-%d %H:%M")}
    )
    assert response.status_code == 302
    copy = Event.objects.exclude(pk=event.pk).get()
    assert copy.status == "draft" and copy.title == event.title
    assert copy.end - copy.start == event.end - event.start
    assert copy.documentation == "" and copy.recording_url == "" and copy.join_url == ""
    assert abs((copy.start - new_start).total_seconds()) < 60


def test_cancel_event_in_admin_emails_everyone(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status="waitlisted", waitlist_position=1)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:events_event_changelist"),
            {"action": "cancel_events", "_selected_action": [event.pk]},
        )
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert len(mailoutbox) == 3
    assert all("Abgesagt" in m.subject for m in mailoutbox)


def test_raising_capacity_promotes_from_waiting_list(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = [
        RegistrationFactory(event=event, status="waitlisted", waitlist_position=i)
        for i in (1, 2, 3)
    ]
    event.capacity = 3
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.event_capacity_changed(event=event)
    assert [r.pk for r in promoted] == [waiting[0].pk, waiting[1].pk]
    waiting[2].refresh_from_db()
    assert waiting[2].waitlist_position == 1
    assert len(mailoutbox) == 2


def test_anonymisation_keeps_counts_and_erases_personal_data(settings):
    settings.EVENTS_ANONYMISE_AFTER_DAYS = 180
    old = EventFactory(start=timezone.now() - timedelta(days=200))
    recent = EventFactory(start=timezone.now() - timedelta(days=10))
    regs = RegistrationFactory.create_batch(3, event=old, question="Frage?")
    services.registration_mark_attended(registrations=regs[:2])
    RegistrationFactory(event=recent)
    assert services.registrations_anonymise() == 3
    assert services.registrations_anonymise() == 0
    old_regs = Registration.objects.filter(event=old)
    assert old_regs.count() == 3
    assert old_regs.filter(status="attended").count() == 2
    assert Attendance.objects.filter(event=old).count() == 2
    for r in old_regs:
        assert r.name == "" and r.question == "" and r.email.endswith("@example.invalid")
        assert r.anonymised_at is not None
    assert not Registration.history.filter(id__in=[r.pk for r in regs]).exists()
    assert Registration.objects.get(event=recent).name != ""


def test_cancelling_in_the_change_form_goes_through_the_service(
    admin_client, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.admin_forms import admin_form_data

    event = EventFactory()
    RegistrationFactory.create_batch(2, event=event)
    url = reverse("admin:events_event_change", args=[event.pk])
    data = admin_form_data(admin_client.get(url))
    data.update({"status": "cancelled", "cancellation_note_de": "Die Referentin ist erkrankt."})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "2 Angemeldete werden per E-Mail informiert" in response.content.decode()
    event.refresh_from_db()
    assert event.status == "cancelled" and event.cancelled_at is not None
    assert event.cancellation_note == "Die Referentin ist erkrankt."
    assert email_kinds().count("event_cancelled") == 2
    assert len(mailoutbox) == 2
    latest = event.history.first()
    assert (latest.status, latest.history_user) == ("cancelled", admin_user)
    # Saving the cancelled event again tells nobody a second time.
    data = admin_form_data(admin_client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, data)
    assert email_kinds().count("event_cancelled") == 2


def test_raising_capacity_in_the_change_form_promotes_the_waiting_list(
    admin_client, django_capture_on_commit_callbacks
):
    from tests.admin_forms import admin_form_data

    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted", waitlist_position=1)
    url = reverse("admin:events_event_change", args=[event.pk])
    data = {**admin_form_data(admin_client.get(url)), "capacity": "2"}
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_cancel_action_records_who_cancelled(admin_client, admin_user):
    event = EventFactory()
    admin_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "cancel_events", "_selected_action": [event.pk]},
    )
    assert event.history.first().history_user == admin_user
