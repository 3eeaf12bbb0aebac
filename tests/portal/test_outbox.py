"""The outbox every email takes: queued with the decision, dispatched once per burst, sent at
least once (claim before, sent after), retried by Celery, failures where staff see them."""

import logging
import os
import smtplib
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from events import services as event_services
from portal import outbox, selectors, tasks
from portal.celery import app
from portal.models import OutboundEmail
from tests.events.factories import EventFactory
from tests.newsletter.conftest import smtp_sink  # noqa: F401 - fixture
from tests.newsletter.test_worker_kill import worker_env

ROOT = Path(__file__).resolve().parents[2]
Status = OutboundEmail.Status


def rows(count: int, **fields) -> list[int]:
    return [
        OutboundEmail.objects.create(
            template="portal/emails/test", to_email=f"p{i}@example.org", **fields
        ).pk
        for i in range(count)
    ]


@pytest.fixture
def queued(monkeypatch):
    """The send tasks the dispatch queues (recorded instead of published)."""
    ids, lock = [], threading.Lock()

    def record(pk):
        with lock:
            ids.append(pk)

    monkeypatch.setattr(tasks.outbound_email_send, "delay", record)
    return ids


@pytest.mark.django_db
def test_dispatch_queues_each_new_row_once(queued):
    ids = rows(3)
    assert outbox.emails_dispatch() == 3
    assert outbox.emails_dispatch() == 0  # nothing new: nothing queued again
    assert sorted(queued) == ids
    assert not OutboundEmail.objects.filter(queued_at__isnull=True).exists()


@pytest.mark.django_db
def test_lost_and_stale_rows_are_queued_again_and_nothing_else(queued, settings):
    now = timezone.now()
    long_ago = now - outbox.lost_after() - timedelta(minutes=1)
    lost = rows(1, queued_at=long_ago)  # its send task never arrived
    stale = rows(1, queued_at=long_ago, claimed_at=long_ago, attempts=1)  # its worker died
    rows(1, queued_at=now - timedelta(minutes=5))  # still on its way
    rows(1, queued_at=long_ago, claimed_at=now - timedelta(seconds=5), attempts=1)  # sending
    rows(1, queued_at=long_ago, status=Status.SENT, sent_at=now)
    rows(1, queued_at=long_ago, status=Status.FAILED)
    assert outbox.emails_dispatch(now=now) == 2
    assert sorted(queued) == lost + stale
    released = OutboundEmail.objects.get(pk=stale[0])
    assert released.claimed_at is None and released.possibly_duplicate
    assert not OutboundEmail.objects.get(pk=lost[0]).possibly_duplicate


@pytest.fixture
def published(monkeypatch):
    """The dispatch tasks published (recorded instead), with a clean pending mark."""
    calls = []
    monkeypatch.setattr(tasks.outbox_dispatch, "apply_async", lambda *args, **kw: calls.append(kw))
    outbox._forget_pending()
    yield calls
    outbox._forget_pending()


@pytest.mark.django_db
def test_a_burst_publishes_one_dispatch_until_it_runs(published, queued, settings):
    for _ in range(5):
        outbox.request_dispatch()
    assert published == [{"countdown": settings.OUTBOX_DISPATCH_DELAY}]
    outbox.emails_dispatch()  # run in this process: takes the mark away first
    outbox.request_dispatch()
    assert len(published) == 2


def test_a_commit_late_in_the_delay_publishes_again(published, monkeypatch, settings):
    settings.OUTBOX_DISPATCH_DELAY = 1.0
    clock = [1000.0]
    monkeypatch.setattr(outbox.time, "monotonic", lambda: clock[0])
    outbox.request_dispatch()
    clock[0] += 0.4  # the pending dispatch starts in 0.6 s: it will read this commit
    outbox.request_dispatch()
    assert len(published) == 1
    clock[0] += 0.2  # 0.4 s left: too close to its start, another one is published
    outbox.request_dispatch()
    assert len(published) == 2


def test_a_failed_publish_is_logged_and_leaves_the_emails_to_beat(monkeypatch, caplog):
    """The broker is down after the commit: no exception for the request; the next commits
    of the process do not wait for the broker again for a while (beat sends the rows)."""
    outbox._forget_pending()
    attempts = []

    def broker_down(*args, **kwargs):
        attempts.append(kwargs)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.outbox_dispatch, "apply_async", broker_down)
    clock = [1000.0]
    monkeypatch.setattr(outbox.time, "monotonic", lambda: clock[0])
    with caplog.at_level(logging.ERROR, logger="portal.celery"):
        outbox.request_dispatch()
        outbox.request_dispatch()
    assert len(attempts) == 1
    assert "portal.outbox_dispatch not queued, the broker is unreachable" in caplog.text
    clock[0] += outbox.PUBLISH_PAUSE_AFTER_FAILURE + 1
    outbox.request_dispatch()
    assert len(attempts) == 2
    outbox._forget_pending()


@pytest.mark.django_db
def test_a_secret_link_never_goes_into_a_row():
    with pytest.raises(ValueError, match="secret link"):
        outbox.email_queue(
            template="portal/emails/test",
            to="a@example.org",
            language="de",
            context={"url": "https://portal.example/de/konto/password/reset/key/3-abc/"},
        )
    assert not OutboundEmail.objects.exists()


@pytest.mark.django_db
def test_rows_commit_with_the_decision_or_not_at_all(mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.email_queue(template="portal/emails/test", to="a@example.org", language="de")
        raise RuntimeError("rollback")
    assert not OutboundEmail.objects.exists() and mailoutbox == []


def test_every_registered_email_has_its_templates():
    from django.apps import apps

    assert apps.ready
    for template in outbox._builders:
        if template.endswith("/"):
            continue  # allauth's folders: allauth's own templates
        if template.startswith("account/"):
            names = [f"{template}_subject.txt", f"{template}_message.txt"]
        else:
            names = [f"{template}_subject.txt", f"{template}.txt", f"{template}.html"]
        for name in names:
            get_template(name)
    assert len(outbox._builders) >= 18


def test_two_builders_for_one_template_are_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        outbox.message_for("events/emails/confirmed")(lambda email: None)


# --- sending -----------------------------------------------------------------------------------


@pytest.fixture
def registration_email(db):
    """One pending email to a registrant (not sent: the test transaction never commits)."""
    event_services.registration_create(
        event=EventFactory(), name="Olena", email="olena@example.org", consent_text="x"
    )
    return OutboundEmail.objects.get()


class Refusing:
    """An email backend whose server answers ``code`` to every message."""

    code = 550

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"olena@example.org": (self.code, b"no")})


class Greylisting(Refusing):
    code = 451


def test_a_permanent_failure_is_recorded_and_not_retried(registration_email, settings):
    settings.EMAIL_BACKEND = "tests.portal.test_outbox.Refusing"
    assert tasks.outbound_email_send.apply(args=[registration_email.pk]).get() is False
    registration_email.refresh_from_db()
    assert registration_email.status == Status.FAILED and registration_email.attempts == 1
    assert "550" in registration_email.last_error
    assert selectors.failed_emails_count() == 1


@pytest.fixture
def retries_in_process(monkeypatch):
    """As in a worker (not the embedded mode), but apply() runs Celery's retries here, one
    after the other, without waiting for their countdown; returns the countdowns."""
    before = {key: app.conf[key] for key in ("task_always_eager", "task_eager_propagates")}
    app.conf.update(task_always_eager=False, task_eager_propagates=False)
    countdowns = []
    real_retry = tasks.outbound_email_send.retry

    def spy_retry(*args, **kwargs):
        countdowns.append(kwargs.get("countdown"))
        return real_retry(*args, **kwargs)

    monkeypatch.setattr(tasks.outbound_email_send, "retry", spy_retry)
    yield countdowns
    app.conf.update(before)


def test_temporary_failures_are_retried_with_backoff_then_recorded_as_failed(
    registration_email, settings, retries_in_process
):
    settings.EMAIL_BACKEND = "tests.portal.test_outbox.Greylisting"
    tasks.outbound_email_send.apply(args=[registration_email.pk])
    registration_email.refresh_from_db()
    assert registration_email.status == Status.FAILED
    assert registration_email.attempts == settings.OUTBOX_MAX_RETRIES + 1
    assert "451" in registration_email.last_error
    backoff, longest = settings.OUTBOX_RETRY_BACKOFF, settings.OUTBOX_RETRY_BACKOFF_MAX
    assert retries_in_process == [
        min(backoff * 2**n, longest) for n in range(settings.OUTBOX_MAX_RETRIES)
    ]


def test_in_process_tasks_record_a_temporary_failure_at_once(registration_email, settings):
    """The embedded mode runs tasks in the request: no retry, no exception, a failed row."""
    settings.EMAIL_BACKEND = "tests.portal.test_outbox.Greylisting"
    assert tasks.outbound_email_send.delay(registration_email.pk).get() is False
    registration_email.refresh_from_db()
    assert registration_email.status == Status.FAILED and registration_email.attempts == 1


def test_an_error_that_is_not_about_mail_is_recorded_and_raised(registration_email, monkeypatch):
    monkeypatch.setitem(outbox._builders, "events/emails/confirmed", lambda email: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        outbox.email_send(email_id=registration_email.pk)
    registration_email.refresh_from_db()
    assert registration_email.status == Status.FAILED
    assert "ZeroDivisionError" in registration_email.last_error


def test_every_attempt_carries_the_same_message_id(registration_email, mailoutbox):
    outbox.email_send(email_id=registration_email.pk)
    OutboundEmail.objects.filter(pk=registration_email.pk).update(
        status=Status.PENDING, claimed_at=None
    )
    outbox.email_send(email_id=registration_email.pk)
    first, second = (m.message()["Message-ID"] for m in mailoutbox)
    assert first == second == outbox.message_id(registration_email)


def test_a_moot_email_is_skipped(registration_email, mailoutbox):
    from events.models import Registration

    Registration.objects.update(anonymised_at=timezone.now())
    assert outbox.email_send(email_id=registration_email.pk) is False
    registration_email.refresh_from_db()
    assert registration_email.status == Status.SKIPPED and mailoutbox == []


# --- what staff see ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_see_failures_filter_by_state_and_send_again(admin_client, mailoutbox):
    failed = rows(2, status=Status.FAILED, last_error="SMTPRecipientsRefused: 550")
    rows(3, status=Status.SENT)
    changelist = reverse("admin:portal_outboundemail_changelist")
    response = admin_client.get(changelist, {"status__exact": "failed"})
    assert response.status_code == 200
    assert sorted(r.pk for r in response.context["cl"].result_list) == failed
    assert "SMTPRecipientsRefused: 550" in response.content.decode()
    assert selectors.failed_emails_count() == 2 and selectors.outbox_backlog() == 0
    response = admin_client.post(changelist, {"action": "retry_emails", "_selected_action": failed})
    assert response.status_code == 302
    assert selectors.failed_emails_count() == 0


@pytest.mark.django_db
def test_the_changelist_reads_a_fixed_number_of_queries(
    admin_client, django_assert_max_num_queries
):
    rows(300, status=Status.SENT)
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:portal_outboundemail_changelist"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_backlog_and_purge(settings):
    now = timezone.now()
    rows(2)
    old = now - timedelta(days=settings.OUTBOX_KEEP_DAYS + 1)
    rows(3, status=Status.SENT, created_at=old)
    rows(1, created_at=old)  # still pending: kept
    assert selectors.outbox_backlog() == 3
    assert selectors.outbox_backlog(older_than=timedelta(days=1)) == 1
    assert outbox.emails_purge(now=now) == 3
    assert OutboundEmail.objects.count() == 3


# --- concurrency and a real worker -------------------------------------------------------------


@pytest.mark.timeout(120)
@pytest.mark.django_db(transaction=True)
def test_concurrent_dispatches_never_queue_a_row_twice(queued):
    ids = rows(1200)  # more than two batches
    barrier = threading.Barrier(4)
    errors = []

    def dispatch():
        try:
            barrier.wait(timeout=30)
            outbox.emails_dispatch()
        except BaseException as exc:  # noqa: BLE001 - asserted empty
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=dispatch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(queued) == ids


@pytest.mark.timeout(180)
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_a_bursts_emails_once_each(smtp_sink, settings):  # noqa: F811
    """Registrations commit while nothing is published; two dispatches reach a real
    prefork worker at once; every registrant gets exactly one email over SMTP."""
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip("needs the Redis broker")
    event = EventFactory(capacity=20)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(outbox, "request_dispatch", lambda: None)  # as if the broker were down
        for i in range(30):
            event_services.registration_create(
                event=event, name=f"P {i}", email=f"p{i}@example.org", consent_text="x"
            )
    assert OutboundEmail.objects.filter(queued_at__isnull=True).count() == 30
    # The dispatch queues the send tasks on the default queue: the worker serves that one
    # (of the test run's own Redis database), emptied before and after.
    queue = app.conf.task_default_queue
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "-c", "2", "-Q", queue,
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "WARNING"],
        cwd=ROOT, env=worker_env(smtp_sink.port), start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(2):  # e.g. beat's run and a commit's, at the same moment
            app.send_task("portal.outbox_dispatch", queue=queue)
        deadline = time.time() + 120
        while sum(smtp_sink.handler.count_by_recipient().values()) < 30:
            assert time.time() < deadline, "the worker did not send everything"
            assert worker.poll() is None, "the worker stopped"
            time.sleep(0.1)
        time.sleep(1)  # anything sent twice would arrive now
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(30)
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)
    counts = smtp_sink.handler.count_by_recipient()
    assert counts == {f"p{i}@example.org": 1 for i in range(30)}
    assert OutboundEmail.objects.filter(status=Status.SENT).count() == 30
