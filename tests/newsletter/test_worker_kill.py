"""A real Celery worker process is killed (SIGKILL) in the middle of a batch."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection

from newsletter import sending
from newsletter.models import Delivery, Issue
from portal.celery import app
from tests.newsletter.factories import IssueFactory, SubscriptionFactory

ROOT = Path(__file__).resolve().parents[2]


def worker_env(smtp_port: int) -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": (
                f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
                f"{db['NAME']}"
            ),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "NEWSLETTER_RATE_LIMIT": "10",  # slow enough to be killed midway
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


@pytest.mark.timeout(180)
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
@pytest.mark.django_db(transaction=True)
def test_killed_worker_then_rerun_sends_everyone_exactly_once(newsletter, smtp_sink, settings):
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip("needs the Redis broker")
    subscribers = [SubscriptionFactory(newsletter=newsletter).subscriber for _ in range(40)]
    issue = IssueFactory(newsletter=newsletter)
    with mock.patch("newsletter.tasks.dispatch.delay"):
        assert sending.issue_start_sending(issue_id=issue.pk)
    ids = list(Delivery.objects.filter(issue=issue).order_by("id").values_list("id", flat=True))
    queue = f"nl-kill-test-{os.getpid()}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "-Q", queue,
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "WARNING"],
        cwd=ROOT, env=worker_env(smtp_sink.port), start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        app.send_task("newsletter.send_batch", args=[issue.pk, ids], queue=queue)
        deadline = time.time() + 120
        while sum(smtp_sink.handler.count_by_recipient().values()) < 12:
            assert time.time() < deadline, "the worker sent nothing"
            assert worker.poll() is None, "the worker stopped"
            time.sleep(0.05)
        os.killpg(worker.pid, signal.SIGKILL)  # no cleanup, no goodbye
        worker.wait(10)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)

    received_before = sum(smtp_sink.handler.count_by_recipient().values())
    marked = Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count()
    assert 12 <= marked < 40
    # Everything marked sent was received; at most the one message in flight is not marked.
    assert received_before - marked in (0, 1)

    settings.NEWSLETTER_RATE_LIMIT = 0
    for batch in sending.issue_batches(issue_id=issue.pk):  # the re-run
        sending.delivery_batch_send(issue_id=issue.pk, delivery_ids=batch)
    counts = smtp_sink.handler.count_by_recipient()
    assert set(counts) == {s.email for s in subscribers}  # nobody skipped
    duplicates = [email for email, n in counts.items() if n > 1]
    assert len(duplicates) == received_before - marked  # only the in-flight one, if any
    assert all(n <= 2 for n in counts.values())
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and issue.sent_count == 40
