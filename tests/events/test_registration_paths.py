"""Both ways of taking a place write the same rows: registration, history, email."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import services
from events.models import Registration
from portal.models import OutboundEmail
from tests.events.conftest import email_kinds
from tests.events.factories import EventFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registration_path")]

TRACKED = [
    f.attname
    for f in Registration._meta.concrete_fields
    if f.name not in ("manage_token", "join_token")
]


def register(event, email="olena@example.org", **extra):
    return services.registration_create(
        event=event,
        name=" Olena Kovalenko ",
        email=email,
        organisation="Hromada Malyn",
        organisation_kind="municipality",
        accessibility_needs="Untertitel",
        question="Wie finden wir Partner?",
        language="uk",
        consent_text="Einwilligung",
        **extra,
    )


def test_sql_function_writes_every_field(event):
    """Fails on the PostgreSQL path when Registration gains a field the function of
    migration 0005 does not write: replace the function in a new migration then."""
    result = register(event)
    stored = Registration.objects.get(pk=result.registration.pk)
    for field in Registration._meta.concrete_fields:
        assert getattr(result.registration, field.attname) == getattr(stored, field.attname), (
            field.name
        )
    assert stored.name == "Olena Kovalenko" and stored.consent and stored.consent_at
    assert stored.status == "confirmed" and stored.waitlist_position is None
    assert len(stored.manage_token) >= 40 and stored.manage_token != stored.join_token

    history = stored.history.get()
    assert history.history_type == "+"
    assert {f: getattr(history, f) for f in TRACKED} == {f: getattr(stored, f) for f in TRACKED}
    emails = OutboundEmail.objects.values(
        "template", "to_email", "language", "context", "status", "queued_at", "dedupe_key"
    )
    assert list(emails) == [
        {
            "template": "events/emails/confirmed",
            "to_email": stored.email,
            "language": "uk",
            "context": {"registration_id": stored.pk},
            "status": "pending",
            "queued_at": None,
            "dedupe_key": None,
        }
    ]


def test_waiting_list_positions_and_duplicates():
    event = EventFactory(capacity=1)
    assert register(event, "a@example.org").outcome == "confirmed"
    second = register(event, "b@example.org")
    assert (second.outcome, second.registration.waitlist_position) == ("waitlisted", 1)
    assert register(event, "c@example.org").registration.waitlist_position == 2
    again = register(event, "B@Example.org")
    assert again.outcome == "duplicate" and again.registration.pk == second.registration.pk
    assert Registration.objects.count() == 3
    assert email_kinds() == ["confirmed", "waitlisted", "waitlisted", "duplicate"]
    duplicate = OutboundEmail.objects.latest("pk")
    assert duplicate.to_email == "b@example.org"  # the registered spelling
    assert duplicate.context == {"registration_id": second.registration.pk}


def test_cancelled_registration_comes_back(event):
    first = register(event)
    services.registration_cancel(registration=first.registration)
    back = register(event, email="OLENA@example.org")
    assert back.outcome == "confirmed" and back.registration.pk == first.registration.pk
    stored = Registration.objects.get()
    assert stored.status == "confirmed" and stored.cancelled_at is None
    assert stored.email == "OLENA@example.org"


@pytest.mark.parametrize(
    ("attrs", "code"),
    [
        ({"status": "draft"}, "not_found"),
        ({"status": "cancelled"}, "cancelled"),
        ({"start": timezone.now() - timedelta(hours=1)}, "past"),
        ({"registration_opens": timezone.now() + timedelta(days=1)}, "not_open"),
        ({"registration_closes": timezone.now() - timedelta(hours=1)}, "closed"),
    ],
)
def test_closed_events_say_why_and_change_nothing(attrs, code):
    event = EventFactory(**attrs)
    with pytest.raises(services.RegistrationError) as error:
        register(event)
    assert error.value.code == code and error.value.message
    assert not Registration.objects.exists() and not OutboundEmail.objects.exists()


def test_missing_event_is_not_found():
    with pytest.raises(services.RegistrationError) as error:
        register(10**9)
    assert error.value.code == "not_found"
