"""Emails go out after commit only, once, in the registrant's language; SMTP failures retry."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.db import transaction

from events import services
from events.models import Registration
from portal import outbox, tasks
from portal.models import OutboundEmail
from tests.callbacks import without_page_cache
from tests.events.conftest import SECRET_JOIN_URL, email_kinds
from tests.events.factories import EventFactory, RegistrationFactory
from tests.portal.test_outbox import retries_in_process  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registration_path")]


def register(event, email="olena@example.org", language="de", **extra):
    return services.registration_create(
        event=event, name="Olena", email=email, language=language, consent_text="x", **extra
    )


def test_confirmation_sent_after_commit_only(event, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = register(event)
        assert mailoutbox == []  # nothing before the commit
    # besides the cached pages' version (portal/page_cache.py): one email, queued on commit
    mail_callbacks = without_page_cache(callbacks)
    assert len(mail_callbacks) == 1
    for callback in mail_callbacks:
        callback()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["olena@example.org"]
    assert "Anmeldung bestätigt" in mail.subject
    assert result.registration.manage_url() in mail.body
    html = mail.alternatives[0][0]
    assert result.registration.manage_token in html
    (filename, ics, mimetype) = mail.attachments[0]
    assert mimetype == "text/calendar" and filename.endswith(".ics")
    assert "BEGIN:VEVENT" in (ics.decode() if isinstance(ics, bytes) else ics)
    assert "Kyjiwer Zeit" in mail.body and "Berliner Zeit" in mail.body


def test_rolled_back_registration_sends_nothing(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    class Boom(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        register(event)
        raise Boom
    assert callbacks == []
    assert Registration.objects.count() == 0
    assert OutboundEmail.objects.count() == 0
    assert mailoutbox == []


def test_email_in_registrants_language(event, mailoutbox, django_capture_on_commit_callbacks):
    event.title_uk = "Форум міст-побратимів"
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        register(event, language="uk")
    mail = mailoutbox[0]
    assert "Форум міст-побратимів" in mail.subject
    assert "/uk/veranstaltungen/" in mail.body


def test_waitlist_notice_says_position_and_promotion_mails(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, email="a@example.org").registration
        second = register(event, email="b@example.org").registration
    assert second.status == "waitlisted" and second.waitlist_position == 1
    assert "Platz 1 der Warteliste" in mailoutbox[1].body
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_cancel(registration=first)
    second.refresh_from_db()
    assert second.status == "confirmed" and second.waitlist_position is None
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]
    promoted = next(m for m in mailoutbox if m.to == ["b@example.org"])
    assert "nachgerückt" in promoted.subject


def test_duplicate_registration_mails_manage_link_again(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, email="Olena@Example.org").registration
        again = register(event, email="olena@example.ORG")
    assert again.outcome == "duplicate"
    assert Registration.objects.count() == 1
    assert len(mailoutbox) == 2
    assert first.manage_url() in mailoutbox[1].body
    assert mailoutbox[1].to == ["Olena@Example.org"]  # the registered address, not the new one


def test_email_is_sent_once_even_if_task_runs_twice(event, mailoutbox):
    registration = RegistrationFactory(event=event)
    register(event, email=registration.email)  # a duplicate: one row, not sent yet
    email = OutboundEmail.objects.get()
    tasks.outbound_email_send.apply(args=[email.pk])
    tasks.outbound_email_send.apply(args=[email.pk])
    assert len(mailoutbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, email.possibly_duplicate) == ("sent", 1, False)


class FlakySMTPHandler:
    """Answers 451 (temporary failure) to the first ``failures`` messages, then accepts."""

    def __init__(self, failures: int):
        self.failures = failures
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        if self.failures > 0:
            self.failures -= 1
            return "451 Requested action aborted: try again later"
        self.received.append(envelope)
        return "250 OK"


@pytest.fixture
def flaky_smtp(settings):
    handler = FlakySMTPHandler(failures=1)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield handler
    controller.stop()


def test_failing_smtp_keeps_registration_and_retries(
    event,
    flaky_smtp,
    settings,
    retries_in_process,  # noqa: F811 - the fixture
):
    register(event)  # no on-commit capture: the test transaction never commits
    email = OutboundEmail.objects.get()

    tasks.outbound_email_send.apply(args=[email.pk])

    # A temporary failure is retried by Celery's autoretry, with its backoff.
    assert retries_in_process == [settings.OUTBOX_RETRY_BACKOFF]
    email.refresh_from_db()
    assert email.status == "sent" and email.sent_at is not None
    assert email.attempts == 2
    assert "451" in email.last_error
    assert len(flaky_smtp.received) == 1
    assert Registration.objects.get().status == "confirmed"


def test_unreachable_smtp_releases_the_claim_and_registration_stays(event, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens: connection refused (temporary, retried)
    settings.EMAIL_TIMEOUT = 2
    register(event)
    email = OutboundEmail.objects.get()
    with pytest.raises(outbox.TemporaryMailError):
        outbox.email_send(email_id=email.pk)
    email.refresh_from_db()
    assert (email.status, email.claimed_at, email.sent_at) == ("pending", None, None)
    assert "ConnectionRefusedError" in email.last_error
    assert Registration.objects.get().status == "confirmed"


def test_no_email_ever_contains_the_join_link(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    event.capacity = 1
    event.start = timezone.now() + timedelta(hours=10)
    event.end = event.start + timedelta(hours=2)
    event.save()
    steps = [
        lambda: register(event, email="a@example.org"),
        lambda: register(event, email="b@example.org"),
        lambda: register(event, email="A@example.org"),  # duplicate
        services.registration_reminders_send,
        lambda: services.event_message_create(event=event, subject="Programm", body="Hallo"),
        lambda: services.registration_cancel(registration=Registration.objects.earliest("pk")),
        lambda: services.event_cancel(event=event),
    ]
    for step in steps:
        with django_capture_on_commit_callbacks(execute=True):
            step()
    assert set(email_kinds()) == {
        "confirmed",
        "waitlisted",
        "duplicate",
        "reminder",
        "message",
        "cancelled",
        "promoted",
        "event_cancelled",
    }
    assert len(mailoutbox) == OutboundEmail.objects.count()
    for mail in mailoutbox:
        parts = [mail.subject, mail.body, mail.alternatives[0][0]]
        parts += [a[1].decode() if isinstance(a[1], bytes) else a[1] for a in mail.attachments]
        for part in parts:
            assert SECRET_JOIN_URL not in part
            assert "meet.example.org" not in part
    reminder = next(m for m in mailoutbox if "Morgen" in m.subject)
    assert "/teilnehmen/" in reminder.body
