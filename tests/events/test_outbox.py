"""The emails' outbox: each row is queued once, lost rows come back, bursts dispatch once."""

import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
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


@pytest.mark.django_db
def test_a_burst_publishes_one_dispatch_until_it_runs(monkeypatch, queued, settings):
    published = []
    monkeypatch.setattr(
        tasks.notifications_dispatch, "apply_async", lambda **kw: published.append(kw)
    )
    cache.delete(outbox.PENDING_KEY)
    for _ in range(5):
        outbox.request_dispatch()
    assert published == [{"countdown": settings.EVENTS_EMAIL_DISPATCH_DELAY}]
    outbox.notifications_dispatch()  # takes the pending mark away before reading
    outbox.request_dispatch()
    assert len(published) == 2
    cache.delete(outbox.PENDING_KEY)


@pytest.mark.timeout(120)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
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
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
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
