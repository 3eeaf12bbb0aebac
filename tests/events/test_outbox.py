"""The emails' outbox: each row is queued once, lost rows come back, bursts dispatch once."""

import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from events import outbox, services, tasks
from events.models import Notification
from portal.celery import app
from tests.events.factories import EventFactory, RegistrationFactory
from tests.newsletter.conftest import smtp_sink  # noqa: F401 - fixture
from tests.newsletter.test_worker_kill import worker_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def queued(monkeypatch):
    """The send tasks the dispatch queues (recorded instead of published)."""
    ids, lock = [], threading.Lock()

    def record(pk):
        with lock:
            ids.append(pk)

    monkeypatch.setattr(tasks.notification_send, "delay", record)
    return ids


def notifications(count: int, **fields) -> list[int]:
    registration = RegistrationFactory()
    return [
        Notification.objects.create(registration=registration, kind="confirmed", **fields).pk
        for _ in range(count)
    ]


@pytest.mark.django_db
def test_dispatch_queues_each_new_row_once(queued):
    ids = notifications(3)
    assert outbox.notifications_dispatch() == 3
    assert outbox.notifications_dispatch() == 0  # nothing new: nothing queued again
    assert sorted(queued) == ids
    assert not Notification.objects.filter(queued_at__isnull=True).exists()


@pytest.mark.django_db
def test_lost_rows_are_queued_again_and_nothing_else(queued):
    now = timezone.now()
    lost = notifications(1, queued_at=now - timedelta(minutes=16))
    notifications(1, queued_at=now - timedelta(minutes=5))  # still on its way
    notifications(1, queued_at=now - timedelta(hours=1), attempts=1)  # failed: retries
    notifications(1, queued_at=now - timedelta(hours=1), sent_at=now)  # sent
    assert outbox.notifications_dispatch(now=now) == 1
    assert queued == lost


@pytest.fixture
def published(monkeypatch):
    """The dispatch tasks published (recorded instead), with a clean pending mark."""
    calls = []
    monkeypatch.setattr(tasks.notifications_dispatch, "apply_async", lambda **kw: calls.append(kw))
    outbox._forget_pending()
    yield calls
    outbox._forget_pending()


@pytest.mark.django_db
def test_a_burst_publishes_one_dispatch_until_it_runs(published, queued, settings):
    for _ in range(5):
        outbox.request_dispatch()
    assert published == [{"countdown": settings.EVENTS_EMAIL_DISPATCH_DELAY}]
    outbox.notifications_dispatch()  # run in this process: takes the mark away first
    outbox.request_dispatch()
    assert len(published) == 2


def test_a_commit_late_in_the_delay_publishes_again(published, monkeypatch, settings):
    settings.EVENTS_EMAIL_DISPATCH_DELAY = 1.0
    clock = [1000.0]
    monkeypatch.setattr(outbox.time, "monotonic", lambda: clock[0])
    outbox.request_dispatch()
    clock[0] += 0.4  # the pending dispatch starts in 0.6 s: it will read this commit
    outbox.request_dispatch()
    assert len(published) == 1
    clock[0] += 0.2  # 0.4 s left: too close to its start, another one is published
    outbox.request_dispatch()
    assert len(published) == 2


def test_a_failed_publish_leaves_nothing_covered(monkeypatch):
    outbox._forget_pending()

    def broker_down(**kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.notifications_dispatch, "apply_async", broker_down)
    for _ in range(2):  # each commit tries (and beat picks the rows up later)
        with pytest.raises(ConnectionError):
            outbox.request_dispatch()


@pytest.mark.timeout(120)
@pytest.mark.django_db(transaction=True)
def test_concurrent_dispatches_never_queue_a_row_twice(queued):
    ids = notifications(1200)  # more than two batches
    barrier = threading.Barrier(4)
    errors = []

    def dispatch():
        try:
            barrier.wait(timeout=30)
            outbox.notifications_dispatch()
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
            services.registration_create(
                event=event, name=f"P {i}", email=f"p{i}@example.org", consent_text="x"
            )
    assert Notification.objects.filter(queued_at__isnull=True).count() == 30
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
            app.send_task("events.notifications_dispatch", queue=queue)
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
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
