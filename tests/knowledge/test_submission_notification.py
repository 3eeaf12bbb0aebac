"""The network staff learn by email that an editor submitted a best practice, exactly once."""

import threading

import pytest
from django.db import connection, transaction

from knowledge import services
from knowledge.models import Resource
from portal import outbox
from portal.models import OutboundEmail
from portal.tasks import outbound_email_send
from tests.callbacks import without_page_cache
from tests.factories import StaffFactory, UserFactory
from tests.mail import send_pending
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
    assert len(without_page_cache(callbacks)) == 1
    resource = Resource.objects.get(submitted_by=editor)
    # One email to each staff address, each an outbox row that went out.
    assert sorted(m.to[0] for m in mailoutbox) == ["redaktion@example.org", "team@example.org"]
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {"sent"}
    message = mailoutbox[0]
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


def test_rerunning_the_send_task_sends_nothing_more(staff, editor_setup, mailoutbox):
    editor, partnership = editor_setup
    submit(editor, partnership)  # no commit in this test: nothing is dispatched
    assert mailoutbox == []
    [email] = OutboundEmail.objects.all()
    outbound_email_send.apply(args=[email.pk], throw=True)
    outbound_email_send.apply(args=[email.pk], throw=True)
    assert outbox.email_send(email_id=email.pk) is False
    assert len(mailoutbox) == 1


def test_ukrainian_submission_is_announced_with_its_own_title(staff, editor_setup, mailoutbox):
    editor, partnership = editor_setup
    submit(editor, partnership, title="Літній табір для дітей", language="uk")
    send_pending()
    [message] = mailoutbox
    assert "Літній табір для дітей" in message.subject
    assert "Ukrainisch" in message.body  # the email itself is German


@pytest.mark.django_db(transaction=True)
def test_concurrent_task_runs_send_one_email(staff, editor_setup, mailoutbox):
    """Four workers picking up the same email (a redelivered task) on PostgreSQL."""
    editor, partnership = editor_setup
    submit(editor, partnership)
    mailoutbox.clear()  # the committed submission dispatched the (eager) task already
    [email] = OutboundEmail.objects.all()
    OutboundEmail.objects.update(status="pending", sent_at=None, claimed_at=None)
    barrier = threading.Barrier(4)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(outbox.email_send(email_id=email.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert len(mailoutbox) == 1
