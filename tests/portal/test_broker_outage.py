"""The broker (a real, private redis-server) is down while people register and subscribe:
their requests succeed, nothing is marked sent that was not, and every email queued during
the outage goes out exactly once when the broker is back and beat's dispatch runs."""

import logging
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.urls import reverse
from kombu import pools

from newsletter.models import Subscriber
from portal import outbox
from portal.celery import app
from portal.models import OutboundEmail
from tests.events.factories import EventFactory
from tests.newsletter.conftest import smtp_sink  # noqa: F401 - fixture
from tests.newsletter.factories import NewsletterFactory
from tests.newsletter.test_worker_kill import worker_env
from tests.redis_server import private_redis  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parents[2]


def _reset_connections() -> None:
    """Close the connection pools (kombu keeps them per broker URL) so that the next
    publish connects to the broker now configured."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def celery_broker(url: str):
    """Publish to ``url`` (not in-process) for the duration."""
    before = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=url, task_always_eager=False)
    _reset_connections()
    outbox._forget_pending()
    try:
        yield
    finally:
        app.conf.update(before)
        _reset_connections()
        outbox._forget_pending()


def subscribe(client, newsletter):
    from newsletter.services import consent_text_current

    return client.post(
        "/de/newsletter/",
        {
            "email": "taras@example.org",
            "newsletters": [newsletter.pk],
            "language": "de",
            "consent": "on",
            "consent_version": consent_text_current().version,
            "website": "",
        },
    )


def register(client, event):
    return client.post(
        reverse("events:detail", kwargs={"pk": event.pk}),
        {
            "name": "Olena Kovalenko",
            "email": "olena@example.org",
            "organisation": "Stadt Billerbeck",
            "organisation_kind": "municipality",
            "language": "uk",
            "consent": "on",
            "website": "",
        },
    )


@pytest.mark.timeout(120)
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
@pytest.mark.django_db(transaction=True)
def test_requests_succeed_while_the_broker_is_down_and_the_emails_follow(
    client,
    private_redis,  # noqa: F811
    smtp_sink,  # noqa: F811
    caplog,
):
    event, newsletter = EventFactory(), NewsletterFactory()
    with celery_broker(private_redis.url):
        private_redis.stop()  # the outage
        with caplog.at_level(logging.ERROR, logger="portal.celery"):
            registered = register(client, event)
            outbox._forget_pending()  # this commit tries the broker too
            subscribed = subscribe(client, newsletter)
        assert registered.status_code == 302 and subscribed.status_code == 302
        assert caplog.text.count("portal.outbox_dispatch not queued") == 2
        # A retried sign-up shows the same thanks; its email is the one already waiting.
        assert subscribe(client, newsletter).status_code == 302
        assert Subscriber.objects.filter(email="taras@example.org").exists()
        pending = OutboundEmail.objects.filter(status="pending", queued_at__isnull=True)
        assert sorted(pending.values_list("to_email", flat=True)) == [
            "olena@example.org",
            "taras@example.org",
        ]
        assert smtp_sink.handler.messages == []

        private_redis.start()  # back (empty: the dispatch messages were never stored)
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "WARNING"],
            cwd=ROOT, start_new_session=True,
            env={**worker_env(smtp_sink.port), "REDIS_URL": private_redis.url,
                 "CELERY_BROKER_URL": private_redis.url},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            app.send_task("portal.outbox_dispatch")  # beat's periodic run
            deadline = time.time() + 60
            while OutboundEmail.objects.exclude(status="sent").exists():
                assert time.time() < deadline, "the emails were not sent after the outage"
                assert worker.poll() is None, "the worker stopped"
                time.sleep(0.1)
            app.send_task("portal.outbox_dispatch")  # and once more: nothing is sent again
            time.sleep(1)
        finally:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)
    assert smtp_sink.handler.count_by_recipient() == {
        "olena@example.org": 1,
        "taras@example.org": 1,
    }
