"""Sending over real SMTP to a local aiosmtpd sink: once per recipient, whatever happens."""

import re
import threading
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.db import connection as db_connection

from newsletter import rendering, sending, services
from newsletter.models import Delivery, Issue, Subscription
from newsletter.tasks import dispatch, send_batch
from tests.newsletter.factories import IssueFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

# Sending commits each message on its own; these tests run outside a test transaction so that
# the production path (two round trips per message on PostgreSQL) is what they exercise.
committing = pytest.mark.django_db(transaction=True)


class WorkerKilled(BaseException):
    """Stands in for SIGKILL: nothing in the sending code may catch it."""


def make_subscribers(newsletter, n, **kwargs):
    return [SubscriptionFactory(newsletter=newsletter, **kwargs).subscriber for _ in range(n)]


def start(issue, django_capture_on_commit_callbacks=None):
    """Snapshot the recipients without dispatching (the test drives the batches)."""
    with mock.patch("newsletter.tasks.dispatch.delay"):
        assert sending.issue_start_sending(issue_id=issue.pk)


def run_task_like_a_worker(issue, ids) -> list:
    """Run send_batch and its retries the way a worker would (eager mode raises Retry)."""
    retries, countdowns = 0, []
    while True:
        try:
            send_batch.apply(args=(issue.pk, ids), retries=retries, throw=True)
        except Retry as retry:
            countdowns.append(retry.when)
            ids = retry.sig.args[1]
            retries += 1
            continue
        return countdowns


def run_all_batches(issue):
    for ids in sending.issue_batches(issue_id=issue.pk):
        sending.delivery_batch_send(issue_id=issue.pk, delivery_ids=ids)


@committing
def test_every_confirmed_subscriber_gets_exactly_one_personal_message(
    newsletter, smtp_sink, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 4
    settings.NEWSLETTER_UNSUBSCRIBE_MAILTO = "abmelden@partnerschaften-nrw.de"
    subscribers = make_subscribers(newsletter, 9)
    subscribers[0].language = "en"
    subscribers[0].save()
    SubscriptionFactory(newsletter=newsletter, status=Subscription.Status.PENDING)
    SubscriptionFactory(newsletter=newsletter, status=Subscription.Status.UNSUBSCRIBED)
    SubscriptionFactory(status=Subscription.Status.CONFIRMED)  # another newsletter
    issue = IssueFactory(
        newsletter=newsletter, subject_en="In focus: Ukraine 2/2023", body_en="The **lab** goes on."
    )
    real_fast_lock = sending._LedgerRow._fast_lock
    with mock.patch.object(
        sending._LedgerRow, "_fast_lock", autospec=True, side_effect=real_fast_lock
    ) as fast_lock:
        assert sending.issue_send_now(issue=issue)
    assert fast_lock.call_count == 9  # the two-round-trip path of PostgreSQL was taken
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert (issue.recipients_count, issue.sent_count, issue.failed_count) == (9, 9, 0)
    assert issue.sent_at is not None
    counts = smtp_sink.handler.count_by_recipient()
    assert counts == {s.email: 1 for s in subscribers}
    by_rcpt = {m["X-Sink-Rcpt"]: m for m in smtp_sink.handler.messages}
    english = by_rcpt[subscribers[0].email]
    assert english["Subject"] == "In focus: Ukraine 2/2023"
    german = by_rcpt[subscribers[1].email]
    token = subscribers[1].token
    assert german["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = f"http://127.0.0.1:8000/newsletter/abmelden/{token}/{newsletter.pk}/"
    list_unsubscribe = " ".join(german["List-Unsubscribe"].split())  # unfolded
    assert list_unsubscribe.startswith(
        f"<{unsubscribe_url}>, <mailto:abmelden@partnerschaften-nrw.de?"
    )
    parts = {
        p.get_content_type(): p.get_payload(decode=True).decode()
        for p in german.walk()
        if not p.is_multipart()
    }
    assert unsubscribe_url in parts["text/plain"]
    assert unsubscribe_url in parts["text/html"]
    assert f"/de/newsletter/einstellungen/{token}/" in parts["text/html"]
    assert subscribers[2].token not in parts["text/html"]
    # Running the job again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.delay(issue.pk)
    assert smtp_sink.handler.count_by_recipient() == counts


@committing
def test_a_killed_send_is_resumed_with_exactly_the_rest(
    newsletter, smtp_sink, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 5
    subscribers = make_subscribers(newsletter, 12)
    issue = IssueFactory(newsletter=newsletter)
    start(issue, django_capture_on_commit_callbacks)

    real_wait = sending._wait_for_rate_slot
    calls = {"n": 0}

    def crash_after_seven():
        calls["n"] += 1
        if calls["n"] == 8:  # the worker dies before the 8th message
            raise WorkerKilled
        real_wait()

    monkeypatch.setattr(sending, "_wait_for_rate_slot", crash_after_seven)
    with pytest.raises(WorkerKilled):
        run_all_batches(issue)
    assert sum(smtp_sink.handler.count_by_recipient().values()) == 7
    assert Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count() == 7

    monkeypatch.setattr(sending, "_wait_for_rate_slot", real_wait)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.delay(issue.pk)  # the re-run
    assert smtp_sink.handler.count_by_recipient() == {s.email: 1 for s in subscribers}
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and issue.sent_count == 12


@committing
def test_a_crash_between_acceptance_and_commit_duplicates_at_most_that_one_message(
    newsletter, smtp_sink, monkeypatch, django_capture_on_commit_callbacks
):
    """The documented caveat: the one message in flight at the crash may arrive twice."""
    subscribers = make_subscribers(newsletter, 6)
    issue = IssueFactory(newsletter=newsletter)
    start(issue, django_capture_on_commit_callbacks)
    real_deliver = sending._deliver
    calls = {"n": 0}

    def deliver_then_die(*args):
        real_deliver(*args)
        calls["n"] += 1
        if calls["n"] == 3:
            raise WorkerKilled  # accepted by the server, not yet marked sent

    monkeypatch.setattr(sending, "_deliver", deliver_then_die)
    with pytest.raises(WorkerKilled):
        run_all_batches(issue)
    monkeypatch.setattr(sending, "_deliver", real_deliver)
    run_all_batches(issue)
    counts = smtp_sink.handler.count_by_recipient()
    assert set(counts) == {s.email for s in subscribers}
    assert sorted(counts.values()) == [1, 1, 1, 1, 1, 2]
    third = Delivery.objects.filter(issue=issue).order_by("id")[2]
    assert counts[third.subscriber.email] == 2


@committing
def test_temporary_refusals_are_retried_and_permanent_ones_recorded(
    newsletter, smtp_sink, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 10
    settings.NEWSLETTER_RETRY_DELAYS = (1, 2, 3)
    subscribers = make_subscribers(newsletter, 6)
    greylisted, rejected = subscribers[1].email, subscribers[4].email
    smtp_sink.handler.temporary[greylisted] = 2  # 451 twice, then accepted
    smtp_sink.handler.permanent.add(rejected)  # 550 always
    issue = IssueFactory(newsletter=newsletter)
    start(issue, django_capture_on_commit_callbacks)
    ids = sending.issue_batches(issue_id=issue.pk)[0]
    assert run_task_like_a_worker(issue, ids) == [1, 2]
    counts = smtp_sink.handler.count_by_recipient()
    assert counts == {s.email: 1 for s in subscribers if s.email != rejected}
    assert smtp_sink.handler.rcpt_attempts[greylisted] == 3
    assert smtp_sink.handler.rcpt_attempts[rejected] == 1  # never retried
    failed = Delivery.objects.get(issue=issue, status=Delivery.Status.FAILED)
    assert failed.subscriber.email == rejected
    assert "550" in failed.last_error and failed.attempts == 1
    retried = Delivery.objects.get(issue=issue, subscriber__email=greylisted)
    assert retried.status == Delivery.Status.SENT and retried.attempts == 3
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert (issue.sent_count, issue.failed_count) == (5, 1)


@committing
def test_temporary_failures_end_as_failed_after_the_last_retry(
    newsletter, smtp_sink, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_RETRY_DELAYS = (1, 1)
    [subscriber] = make_subscribers(newsletter, 1)
    smtp_sink.handler.temporary[subscriber.email] = 100
    issue = IssueFactory(newsletter=newsletter)
    start(issue, django_capture_on_commit_callbacks)
    countdowns = run_task_like_a_worker(issue, sending.issue_batches(issue_id=issue.pk)[0])
    assert countdowns == [1, 1]
    delivery = Delivery.objects.get(issue=issue)
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 3 and "451" in delivery.last_error
    assert smtp_sink.handler.count_by_recipient() == {}


def test_retry_failed_sends_only_the_failed_ones(
    newsletter, smtp_sink, django_capture_on_commit_callbacks
):
    subscribers = make_subscribers(newsletter, 3)
    smtp_sink.handler.permanent.add(subscribers[0].email)
    issue = IssueFactory(newsletter=newsletter)
    with django_capture_on_commit_callbacks(execute=True):
        sending.issue_send_now(issue=issue)
    issue.refresh_from_db()
    first_sent_at = issue.sent_at
    assert issue.failed_count == 1
    smtp_sink.handler.permanent.clear()  # the mailbox exists again
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.issue_retry_failed(issue=issue) == 1
    assert smtp_sink.handler.count_by_recipient() == {s.email: 1 for s in subscribers}
    issue.refresh_from_db()
    assert (issue.status, issue.sent_count, issue.failed_count) == (Issue.Status.SENT, 3, 0)
    assert issue.sent_at == first_sent_at


def test_lost_server_leaves_the_rest_queued_for_a_retry(
    newsletter, settings, django_capture_on_commit_callbacks
):
    from tests.newsletter.smtp_sink import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    make_subscribers(newsletter, 4)
    issue = IssueFactory(newsletter=newsletter)
    start(issue, django_capture_on_commit_callbacks)
    ids = sending.issue_batches(issue_id=issue.pk)[0]
    outcome = sending.delivery_batch_send(issue_id=issue.pk, delivery_ids=ids)
    assert sorted(outcome.temporary) == sorted(ids)
    assert Delivery.objects.filter(issue=issue, status=Delivery.Status.QUEUED).count() == 4
    assert Delivery.objects.get(pk=ids[0]).attempts == 1  # only the one that tried to connect


@pytest.mark.django_db(transaction=True)
def test_unsubscribing_while_sending_stops_mail_from_that_moment(newsletter, smtp_sink, settings):
    settings.NEWSLETTER_BATCH_SIZE = 100
    subscribers = make_subscribers(newsletter, 10)
    in_flight, later = subscribers[3], subscribers[7]
    issue = IssueFactory(newsletter=newsletter)
    assert sending.issue_start_sending(issue_id=issue.pk)  # autocommit: dispatch runs eagerly
    Delivery.objects.filter(issue=issue).update(status=Delivery.Status.QUEUED)
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
    smtp_sink.handler.messages.clear()
    threads = []

    def unsubscribe(subscriber):
        try:
            services.subscription_unsubscribe(subscriber=subscriber, newsletter_ids=[newsletter.pk])
        finally:
            db_connection.close()

    def on_message(rcpt):
        if rcpt == in_flight.email:
            # Both people press "unsubscribe" while in_flight's message is on the wire.
            t_later = threading.Thread(target=unsubscribe, args=(later,))
            t_later.start()
            t_later.join()  # not locked: stored at once
            t_flight = threading.Thread(target=unsubscribe, args=(in_flight,))
            t_flight.start()  # waits for the sender's lock on in_flight's subscription
            threads.append(t_flight)

    smtp_sink.handler.on_message = on_message
    ids = list(Delivery.objects.filter(issue=issue).order_by("id").values_list("id", flat=True))
    sending.delivery_batch_send(issue_id=issue.pk, delivery_ids=ids)
    for t in threads:
        t.join(10)
    counts = smtp_sink.handler.count_by_recipient()
    assert later.email not in counts
    assert counts[in_flight.email] == 1
    assert sum(counts.values()) == 9
    assert Delivery.objects.get(issue=issue, subscriber=later).status == Delivery.Status.SKIPPED
    assert Subscription.objects.get(subscriber=in_flight).status == "unsubscribed"


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_prepared_mime_bytes_match_djangos_own_serialisation(newsletter, language):
    from email import message_from_bytes

    from newsletter.rendering import IssueRenderer

    subscriber = SubscriptionFactory(
        newsletter=newsletter, subscriber__language=language
    ).subscriber
    issue = IssueFactory(newsletter=newsletter, body="Ein *kurzer* Text. " * 80)
    message = IssueRenderer(issue).message_for(subscriber)
    assert message.serialized is not None  # the fast path is taken
    assert max(len(line) for line in message.serialized.split(b"\r\n")) <= 998
    fast = message_from_bytes(message.message().as_bytes(linesep="\r\n"))
    message.serialized = None
    slow = message_from_bytes(message.message().as_bytes(linesep="\r\n"))

    def normalised(msg):
        headers = sorted(
            (k, re.sub(r'boundary="[^"]+"', "", " ".join(v.split())))
            for k, v in msg.items()
            if k not in ("Date", "Message-ID")
        )
        parts = [p.get_payload(decode=True) for p in msg.walk() if not p.is_multipart()]
        return headers, parts

    assert normalised(fast) == normalised(slow)
    assert fast["Message-ID"] != slow["Message-ID"]
    assert subscriber.token in fast["List-Unsubscribe"].replace("\r\n ", "")
    assert fast["To"] == subscriber.email


def test_addresses_that_need_encoding_take_the_ordinary_path(newsletter):
    from newsletter.rendering import IssueRenderer

    subscriber = SubscriptionFactory(
        newsletter=newsletter, subscriber__email="jürgen@exämple.org"
    ).subscriber
    message = IssueRenderer(IssueFactory(newsletter=newsletter)).message_for(subscriber)
    assert message.serialized is None
    assert message.message()["To"]


def test_without_an_unsubscribe_mailbox_list_unsubscribe_has_the_link_only(newsletter, settings):
    from newsletter.rendering import IssueRenderer

    settings.NEWSLETTER_UNSUBSCRIBE_MAILTO = ""  # the default
    subscriber = SubscriptionFactory(newsletter=newsletter).subscriber
    message = IssueRenderer(IssueFactory(newsletter=newsletter)).message_for(subscriber)
    header = message.extra_headers["List-Unsubscribe"]
    assert "mailto:" not in header and "/newsletter/abmelden/" in header


@committing
def test_batches_of_one_issue_share_one_rendering_per_language(newsletter, smtp_sink, settings):
    settings.NEWSLETTER_BATCH_SIZE = 2
    make_subscribers(newsletter, 6)
    issue = IssueFactory(newsletter=newsletter)
    start(issue)
    with mock.patch(
        "newsletter.rendering.render_email", wraps=rendering.render_email
    ) as render_email:
        run_all_batches(issue)
    assert smtp_sink.handler.count_by_recipient() == {
        s.subscriber.email: 1 for s in Subscription.objects.filter(newsletter=newsletter)
    }
    assert render_email.call_count == 1  # three batches, one language, one rendering
    # A changed issue is rendered afresh.
    issue.refresh_from_db()
    old_renderer = rendering.renderer_for(issue)
    issue.subject_de = "Neue Betreffzeile"
    issue.save()
    assert rendering.renderer_for(issue) is not old_renderer
    assert "Neue Betreffzeile" in rendering.renderer_for(issue).parts("de")[0]
