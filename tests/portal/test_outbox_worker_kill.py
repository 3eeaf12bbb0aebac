"""A real Celery worker is killed (SIGKILL) while it sends a burst of emails of each kind.

The SMTP sink kills the worker from inside the third message's DATA, after it received the
message and before it answers: the server has the message, the worker never learns it. A
second worker sends the rest; beat's dispatch (run here as beat runs it: a task for the
worker) finds the abandoned claim and sends that email again. Every email arrives at least
once; the one that arrived twice is the one row marked ``possibly_duplicate``.
"""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from portal import outbox
from portal.celery import app
from portal.models import OutboundEmail
from tests.factories import StaffFactory, UserFactory
from tests.newsletter.conftest import smtp_sink  # noqa: F401 - fixture
from tests.newsletter.test_worker_kill import worker_env

ROOT = Path(__file__).resolve().parents[2]
BURST = 5
KILL_AT = 3  # the worker dies while the server holds the third message
CLAIM_TIMEOUT = 1  # second, in the workers: a dead worker's claim goes stale quickly


def event_registrations():
    from events.services import registration_create
    from tests.events.factories import EventFactory

    event = EventFactory(capacity=3)  # confirmations and waiting-list notices
    for i in range(BURST):
        registration_create(event=event, name=f"P {i}", email=f"p{i}@example.org", consent_text="x")


def advice_requests():
    from portal.services import consultation_request_create

    StaffFactory(email="team@example.org")
    for i in range(BURST):
        consultation_request_create(
            name=f"P {i}", organisation="Stadt Hürth", organisation_kind="municipality",
            email=f"p{i}@example.org", topic="ukraine", message="Hallo", language="uk",
            consent_text="ok", ip_address=None,
        )  # fmt: skip


def editor_invitations():
    from partnerships.services import invitation_create
    from tests.partnerships.factories import ActorFactory

    actor = ActorFactory()
    for i in range(BURST):
        invitation_create(email=f"p{i}@example.org", actor=actor, language="uk")


def library_submissions():
    from knowledge.services import best_practice_submit
    from tests.partnerships.factories import ActorFactory, EditorFactory, PartnershipFactory

    StaffFactory(email="team@example.org")
    actor = ActorFactory()
    partnership = PartnershipFactory(partners=[actor, ActorFactory()])
    editor = EditorFactory(actor=actor, user=UserFactory()).user
    for i in range(BURST):
        best_practice_submit(
            user=editor, partnership=partnership, title=f"Ferienfreizeit {i}",
            summary="Kinder zu Gast", body="Text", language="de",
        )  # fmt: skip


def newsletter_confirmations():
    from newsletter.services import consent_text_current, subscription_request
    from tests.newsletter.factories import NewsletterFactory

    newsletter = NewsletterFactory()
    for i in range(BURST):
        subscription_request(
            email=f"p{i}@example.org", newsletters=[newsletter], language="uk",
            consent_text=consent_text_current(), ip_address=None, source="test",
        )  # fmt: skip


KINDS = {
    "event registration": event_registrations,
    "advice request": advice_requests,
    "editor invitation": editor_invitations,
    "library submission": library_submissions,
    "newsletter confirmation": newsletter_confirmations,
}


def start_worker(port: int) -> subprocess.Popen:
    env = {**worker_env(port), "OUTBOX_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT)}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo",
         "-Q", app.conf.task_default_queue, "--without-gossip", "--without-mingle",
         "--without-heartbeat", "-l", "WARNING"],
        cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def wait_for(condition, what: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while not condition():
        assert time.time() < deadline, what
        time.sleep(0.05)


def received(sink) -> Counter:
    with sink.handler.lock:
        return Counter(m["Message-ID"] for m in sink.handler.messages)


def claims_stale() -> bool:
    from datetime import timedelta

    from django.utils import timezone

    cutoff = timezone.now() - timedelta(seconds=CLAIM_TIMEOUT + 0.2)
    return not OutboundEmail.objects.filter(status="pending", claimed_at__gte=cutoff).exists()


def purge_queue() -> None:
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(app.conf.task_default_queue)


@pytest.mark.timeout(120)
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", list(KINDS))
def test_killed_worker_mid_burst_every_email_arrives(kind, smtp_sink, settings):  # noqa: F811
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip("needs the Redis broker")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(outbox, "request_dispatch", lambda: None)  # the dispatch comes below
        KINDS[kind]()
    emails = {outbox.message_id(e): e.pk for e in OutboundEmail.objects.all()}
    # An advice request sends two: the staff's notice and the requester's receipt.
    total = 2 * BURST if kind == "advice request" else BURST
    assert len(emails) == total

    purge_queue()
    worker = start_worker(smtp_sink.port)
    seen = []

    def slow_and_deadly(recipient):
        seen.append(recipient)
        if len(seen) == KILL_AT:
            os.killpg(worker.pid, signal.SIGKILL)  # the server has the message; no answer
        time.sleep(0.1)

    smtp_sink.handler.on_message = slow_and_deadly
    second = None
    try:
        app.send_task("portal.outbox_dispatch")  # the dispatch after the burst's commits
        wait_for(lambda: worker.poll() is not None, "the worker was not killed mid-burst")
        wait_for(lambda: sum(received(smtp_sink).values()) == KILL_AT, "the sink took it")
        second = start_worker(smtp_sink.port)
        wait_for(
            lambda: sum(received(smtp_sink).values()) == total,
            "the second worker did not send the rest",
        )
        wait_for(claims_stale, "the dead worker's claim did not go stale")
        app.send_task("portal.outbox_dispatch")  # beat's periodic run
        wait_for(
            lambda: not OutboundEmail.objects.exclude(status="sent").exists(),
            "beat's dispatch did not send the abandoned email",
        )
        time.sleep(0.5)  # anything sent once more would arrive now
    finally:
        for process in (worker, second):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        purge_queue()

    counts = received(smtp_sink)
    assert set(counts) == set(emails)  # every email arrived
    twice = {message_id for message_id, n in counts.items() if n > 1}
    flagged = set(
        OutboundEmail.objects.filter(possibly_duplicate=True).values_list("pk", flat=True)
    )
    assert len(twice) == 1 and max(counts.values()) == 2  # only the one in flight
    assert {emails[message_id] for message_id in twice} == flagged  # and it is recorded
    assert OutboundEmail.objects.get(pk=next(iter(flagged))).attempts == 2
