"""Anonymised registrations leave no email address anywhere in the database: not in the
registration, its history, its emails' outbox rows or their error texts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from events import services
from events.models import Event, Registration
from portal.models import OutboundEmail
from tests.events.factories import EventFactory
from tests.mail import send_pending

pytestmark = pytest.mark.django_db

ADDRESS = "olena.anonym@example.org"


class RefusingOlena:
    """The SMTP server refuses the address; the error text names it (as servers do)."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPRecipientsRefused({ADDRESS: (550, b"5.1.1 <" + ADDRESS.encode() + b">")})


def columns_holding(text: str) -> list[str]:
    """Every text, varchar and JSON column of every table that contains ``text``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' "
            "AND data_type IN ('text', 'character varying', 'jsonb', 'json')"
        )
        found = []
        for table, column in cursor.fetchall():
            cursor.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1',  # noqa: S608
                [f"%{text}%"],
            )
            if cursor.fetchone():
                found.append(f"{table}.{column}")
    return found


def test_anonymised_registration_leaves_no_address_anywhere(settings, registration_path):
    if connection.vendor != "postgresql":
        pytest.skip("reads PostgreSQL's catalogue")
    event = EventFactory(capacity=1)
    services.registration_create(event=event, name="Olena", email=ADDRESS, consent_text="x")
    services.registration_create(event=event, name="Olena", email=ADDRESS, consent_text="x")
    send_pending()  # confirmation and duplicate notice sent
    registration = Registration.objects.get(email=ADDRESS)
    services.registration_update(
        registration=registration, name="Olena K.", organisation="Hromada", organisation_kind="",
        accessibility_needs="", question="", language="uk",
    )  # fmt: skip
    services.registration_cancel(registration=registration)  # a third email...
    settings.EMAIL_BACKEND = "tests.events.test_anonymisation.RefusingOlena"
    send_pending()  # ...refused by the server: its error text names the address
    assert OutboundEmail.objects.filter(status="failed", last_error__contains=ADDRESS).exists()
    assert "events_historicalregistration.email" in columns_holding(ADDRESS)

    long_ago = timezone.now() - timedelta(days=settings.EVENTS_ANONYMISE_AFTER_DAYS + 10)
    Event.objects.filter(pk=event.pk).update(start=long_ago, end=long_ago + timedelta(hours=2))
    assert services.registrations_anonymise() == 1

    assert columns_holding(ADDRESS) == []
    assert columns_holding("olena.anonym") == []
    assert OutboundEmail.objects.count() == 3  # the rows stay, without the address
