"""The network staff learn by email that an editor submitted a best practice, exactly once."""

import smtplib
import threading

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.db import connection, transaction

from knowledge import services
from knowledge.models import Resource
from knowledge.tasks import best_practice_notify_staff
from portal.emails import RETRY_DELAYS
from tests.factories import StaffFactory, UserFactory
from tests.partnerships.factories import ActorFactory, EditorFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return StaffFactory(email="team@example.org")


@pytest.fixture
def editor_setup(db):
    actor = ActorFactory(name="Billerbeck")
    partnership = PartnershipFactory(title="Billerbeck – Malyn", partners=[actor, ActorFactory()])
    user = UserFactory(first_name="Olena", last_name="Kovalenko", email="olena@example.org")
    EditorFactory(actor=actor, user=user)
    return user, partnership


def submit(editor, partnership, **extra):
    return services.best_practice_submit(
        user=editor,
        partnership=partnership,
        title=extra.pop("title", "Ferienfreizeit für 19 Kinder"),
        summary="Kinder aus Malyn zu Gast in Billerbeck.",
        body="Im Sommer 2022 **19 Kinder** eingeladen.",
        language=extra.pop("language", "de"),
        **extra,
    )


def test_submission_emails_the_staff_once_after_commit(
    client, settings, staff, editor_setup, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://portal.example.org"
    settings.PORTAL_STAFF_NOTIFY_EMAILS = ["Redaktion@Example.org"]
    editor, partnership = editor_setup
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            "/de/wissen/einreichen/",
            {
                "partnership": partnership.pk,
                "title": "Ferienfreizeit für 19 Kinder",
                "summary": "Kinder aus Malyn zu Gast in Billerbeck.",
                "body": "Im Sommer 2022 **19 Kinder** eingeladen.",
                "language": "de",
            },
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    resource = Resource.objects.get(submitted_by=editor)
    assert resource.staff_notified_at is not None
    [message] = mailoutbox
    assert message.to == ["redaktion@example.org", "team@example.org"]
    assert message.reply_to == ["olena@example.org"]
    assert message.subject == "Neue Best Practice zur Prüfung: Ferienfreizeit für 19 Kinder"
    admin_link = f"https://portal.example.org/admin/knowledge/resource/{resource.pk}/change/"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for part in (message.body, html):
        assert "Ferienfreizeit für 19 Kinder" in part
        assert "Billerbeck – Malyn" in part
        assert "Olena Kovalenko" in part
        assert "olena@example.org" in part  # staff only
        assert "Kinder aus Malyn zu Gast in Billerbeck." in part
        assert admin_link in part
    assert f'href="{admin_link}"' in html
    assert "wartet auf Ihre Prüfung" in message.body


def test_the_editors_email_stays_off_public_pages(client, staff, editor_setup, staff_user):
    editor, partnership = editor_setup
    resource = submit(editor, partnership)
    services.resource_publish(resource=resource, user=staff_user)
    page = client.get(resource.get_absolute_url())
    assert page.status_code == 200
    assert "olena@example.org" not in page.content.decode()


def test_nothing_is_sent_when_the_submission_rolls_back(
    staff, editor_setup, mailoutbox, django_capture_on_commit_callbacks
):
    editor, partnership = editor_setup
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        submit(editor, partnership)
        assert mailoutbox == []
        raise RuntimeError("rollback")
    assert callbacks == []
    assert not Resource.objects.exists()
    assert mailoutbox == []


def test_rerunning_the_task_sends_nothing_more(staff, editor_setup, mailoutbox):
    editor, partnership = editor_setup
    resource = submit(editor, partnership)  # no commit in this test: the task is not queued
    assert mailoutbox == []
    best_practice_notify_staff.apply(args=[resource.pk], throw=True)
    best_practice_notify_staff.apply(args=[resource.pk], throw=True)
    assert services.best_practice_notify_staff(resource_id=resource.pk) is False
    assert len(mailoutbox) == 1


def test_resources_not_submitted_by_an_editor_are_not_announced(staff, mailoutbox):
    from tests.knowledge.factories import ResourceFactory

    resource = ResourceFactory()
    assert services.best_practice_notify_staff(resource_id=resource.pk) is False
    assert services.best_practice_notify_staff(resource_id=resource.pk + 1000) is False
    assert mailoutbox == []


def test_ukrainian_submission_is_announced_with_its_own_title(staff, editor_setup, mailoutbox):
    editor, partnership = editor_setup
    resource = submit(editor, partnership, title="Літній табір для дітей", language="uk")
    services.best_practice_notify_staff(resource_id=resource.pk)
    [message] = mailoutbox
    assert "Літній табір для дітей" in message.subject
    assert "Ukrainisch" in message.body  # the email itself is German


class TemporaryFailure:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPResponseException(451, b"try again later")


class PermanentFailure(TemporaryFailure):
    def send_messages(self, messages):
        raise smtplib.SMTPResponseException(550, b"mailbox unavailable")


def test_temporary_smtp_failure_is_retried_with_backoff_then_sent_once(
    settings, staff, editor_setup
):
    editor, partnership = editor_setup
    resource = submit(editor, partnership)
    settings.EMAIL_BACKEND = "tests.knowledge.test_submission_notification.TemporaryFailure"
    with pytest.raises(Retry) as first:
        best_practice_notify_staff.apply(args=[resource.pk], throw=True)
    assert first.value.when == RETRY_DELAYS[0]
    with pytest.raises(Retry) as third:
        best_practice_notify_staff.apply(args=[resource.pk], retries=2, throw=True)
    assert third.value.when == RETRY_DELAYS[2] > RETRY_DELAYS[0]
    resource.refresh_from_db()
    assert resource.staff_notified_at is None  # the claim was released for the retry

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    best_practice_notify_staff.apply(args=[resource.pk], retries=3, throw=True)
    best_practice_notify_staff.apply(args=[resource.pk], retries=4, throw=True)
    assert len(mail.outbox) == 1
    resource.refresh_from_db()
    assert resource.staff_notified_at is not None


def test_permanent_smtp_failure_is_not_retried(settings, staff, editor_setup):
    editor, partnership = editor_setup
    resource = submit(editor, partnership)
    settings.EMAIL_BACKEND = "tests.knowledge.test_submission_notification.PermanentFailure"
    with pytest.raises(smtplib.SMTPResponseException) as error:
        best_practice_notify_staff.apply(args=[resource.pk], throw=True)
    assert error.value.smtp_code == 550


# serialized_rollback like every other committing test: its flush then leaves no content
# types with new ids behind for the next serialized test to collide with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_task_runs_send_one_email(staff, editor_setup, mailoutbox):
    """Two workers picking up the same submission (a redelivered task) on PostgreSQL."""
    editor, partnership = editor_setup
    resource = submit(editor, partnership)
    mailoutbox.clear()  # the committed submission queued the (eager) task already
    Resource.objects.filter(pk=resource.pk).update(staff_notified_at=None)
    barrier = threading.Barrier(4)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(services.best_practice_notify_staff(resource_id=resource.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert len(mailoutbox) == 1
