"""Sending an issue: snapshot the recipients into the ledger, then send it in batches.

Guarantees (see also ``delivery_batch_send``):

* The recipients are fixed in one transaction when sending begins: one ``Delivery`` row per
  confirmed subscriber, unique per issue and subscriber.
* A message is sent only for a row that is still ``queued``, while that row is locked
  (``SELECT ... FOR UPDATE SKIP LOCKED``), and the row is marked ``sent`` in the same
  transaction right after the SMTP server accepted the message. So a re-run, a duplicate or
  retried batch, or a second worker never sends to anyone marked ``sent`` and never skips a
  ``queued`` row.
* The one exception: if a worker dies after the server accepted a message but before the
  transaction committed, that row is still ``queued`` and the recipient gets that message a
  second time when the batch is re-run. At most one message per crash can be duplicated;
  none is ever lost.
* Unsubscribing during sending: the subscription row is locked (``FOR UPDATE``) together
  with the delivery, per message, and checked to be ``confirmed``. An unsubscribe that commits
  before the check is honoured (the row becomes ``skipped``); one that arrives while the
  message is being sent waits for that one message. Checking per message rather than per
  batch costs one indexed query per message but means nobody is mailed after the moment
  their unsubscribe was stored, however large the batch.
"""

import logging
import smtplib
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from newsletter.models import Delivery, Issue, Subscriber, Subscription
from newsletter.rendering import IssueRenderer, renderer_for, sections_snapshot
from portal import languages
from portal.emails import is_temporary_mail_error

logger = logging.getLogger(__name__)

# The two statements of every message: lock a queued delivery with its subscriber, together
# with the confirmed subscription; record what became of it. Plain statements with
# client-side parameters (no server-side prepared statements), so they work behind a
# transaction-pooling PgBouncer.
LOCK_SQL = f"""
    SELECT d.id, d.issue_id, d.attempts, s.id, s.email, s.language, s.token
    FROM {Delivery._meta.db_table} d
    JOIN {Subscriber._meta.db_table} s ON s.id = d.subscriber_id
    JOIN {Subscription._meta.db_table} sub ON sub.subscriber_id = d.subscriber_id
         AND sub.newsletter_id = %s AND sub.status = %s
    WHERE d.id = %s AND d.status = %s
    FOR UPDATE OF d, sub SKIP LOCKED
"""  # noqa: S608 - table names from the models, values as parameters
RECORD_SQL = f"""
    UPDATE {Delivery._meta.db_table}
    SET status = %s, attempts = %s, last_error = %s, sent_at = %s, updated_at = %s
    WHERE id = %s
"""  # noqa: S608 - table name from the model, values as parameters


def max_attempts() -> int:
    return len(settings.NEWSLETTER_RETRY_DELAYS) + 1


# --- staff actions -------------------------------------------------------------------------


def issue_schedule(*, issue: Issue, when) -> bool:
    updated = Issue.objects.filter(
        pk=issue.pk, status__in=[Issue.Status.DRAFT, Issue.Status.SCHEDULED]
    ).update(status=Issue.Status.SCHEDULED, scheduled_at=when)
    return bool(updated)


def issue_cancel_schedule(*, issue: Issue) -> bool:
    updated = Issue.objects.filter(pk=issue.pk, status=Issue.Status.SCHEDULED).update(
        status=Issue.Status.DRAFT, scheduled_at=None
    )
    return bool(updated)


def issue_has_language(*, issue: Issue, language: str) -> bool:
    """Whether the issue's subject and text exist in ``language`` (German always does)."""
    if language == languages.SOURCE:
        return True
    subject = getattr(issue, f"subject_{language}", "")
    return bool(subject and getattr(issue, f"body_{language}", ""))


def issue_missing_languages(*, issue: Issue) -> list[str]:
    return [code for code in languages.CODES if not issue_has_language(issue=issue, language=code)]


def issue_recipients_by_language(*, issue: Issue) -> list[dict]:
    """Confirmed recipients per language with whether the issue is translated for them:
    ``[{"language": "uk", "label": "Ukrainisch", "count": 12, "translated": False}, ...]``."""
    from django.db.models import Count

    rows = (
        Subscription.objects.confirmed()
        .filter(newsletter_id=issue.newsletter_id)
        .values("subscriber__language")
        .annotate(n=Count("subscriber_id", distinct=True))
    )
    counts: dict[str, int] = dict.fromkeys(languages.CODES, 0)
    for row in rows:
        counts[languages.known(row["subscriber__language"])] += row["n"]
    labels = dict(languages.CHOICES)
    return [
        {
            "language": code,
            "label": labels[code],
            "count": counts[code],
            "translated": issue_has_language(issue=issue, language=code),
        }
        for code in languages.CODES
    ]


def issue_send_now(*, issue: Issue, german_for_missing: bool | None = None) -> bool:
    """Start sending after the current transaction commits. False if it is not a draft.

    ``german_for_missing`` records the staff's explicit choice whether subscribers whose
    language the issue lacks get the German text (else they get nothing)."""
    from newsletter.tasks import start_sending

    if issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
        return False
    if german_for_missing is not None:
        Issue.objects.filter(pk=issue.pk).update(german_for_missing=german_for_missing)
        issue.german_for_missing = german_for_missing
    issue_id = issue.pk
    start_sending.delay_on_commit(issue_id)
    return True


def issue_retry_failed(*, issue: Issue) -> int:
    """Put failed deliveries back into the queue and send them again."""
    from newsletter.tasks import dispatch

    with transaction.atomic():
        count = Delivery.objects.filter(issue=issue, status=Delivery.Status.FAILED).update(
            status=Delivery.Status.QUEUED, attempts=0
        )
        if count:
            Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
            issue_id = issue.pk
            dispatch.delay_on_commit(issue_id)
    return count


def issue_resume(*, issue: Issue) -> bool:
    """Queue the still open deliveries of an issue whose sending was interrupted (a crashed
    worker, a lost broker message). False if the issue is not being sent."""
    from newsletter.tasks import dispatch

    if issue.status != Issue.Status.SENDING:
        return False
    dispatch.delay_on_commit(issue.pk)
    return True


def issue_queue_test(*, issue: Issue, emails: list[str], language: str) -> None:
    """Send the test (see :func:`issue_send_test`) in the background after the commit."""
    from newsletter.tasks import send_test

    send_test.delay_on_commit(issue.pk, emails, language)


def issue_send_test(*, issue: Issue, emails: list[str], language: str) -> None:
    """Send the issue as a test to the given addresses (links are examples, not personal)."""
    from django.urls import reverse

    from newsletter.rendering import absolute_url

    renderer = IssueRenderer(issue, test=True)
    example = absolute_url(reverse("newsletter:index"))
    messages = [
        renderer.message(
            to=email, language=language, preferences_url=example, unsubscribe_url=example
        )
        for email in emails
    ]
    for message in messages:
        message.subject = f"[TEST] {message.subject}"
    with get_connection() as connection:
        connection.send_messages(messages)


# --- sending -------------------------------------------------------------------------------


def issue_start_sending(*, issue_id: int) -> bool:
    """Freeze sections and recipients (one transaction), then queue the batches.

    Returns False when the issue is not a draft or scheduled issue (already started).
    """
    from newsletter.tasks import dispatch

    with transaction.atomic():
        issue = Issue.objects.select_for_update().select_related("newsletter").get(pk=issue_id)
        if issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
            return False
        issue.sections_snapshot = sections_snapshot(issue=issue)
        recipients = Subscription.objects.confirmed().filter(newsletter_id=issue.newsletter_id)
        missing = issue_missing_languages(issue=issue)
        if missing and not issue.german_for_missing:
            # Nobody gets the German text in place of their language without a choice.
            recipients = recipients.exclude(subscriber__language__in=missing)
        subscriber_ids = (
            recipients.order_by("subscriber_id").values_list("subscriber_id", flat=True).distinct()
        )
        Delivery.objects.bulk_create(
            [Delivery(issue_id=issue.pk, subscriber_id=sid) for sid in subscriber_ids.iterator()],
            batch_size=2000,
            ignore_conflicts=True,
        )
        issue.recipients_count = Delivery.objects.filter(issue_id=issue.pk).count()
        issue.status = Issue.Status.SENDING
        issue.sending_started_at = timezone.now()
        issue.save(
            update_fields=[
                "sections_snapshot",
                "recipients_count",
                "status",
                "sending_started_at",
                "updated_at",
            ]
        )
        dispatch.delay_on_commit(issue_id)
    return True


def issue_batches(*, issue_id: int) -> list[list[int]]:
    """The queued deliveries of an issue in batches of ``NEWSLETTER_BATCH_SIZE`` ids."""
    ids = list(
        Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.QUEUED)
        .order_by("id")
        .values_list("id", flat=True)
    )
    size = max(1, settings.NEWSLETTER_BATCH_SIZE)
    return [ids[i : i + size] for i in range(0, len(ids), size)]


@dataclass
class BatchOutcome:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    temporary: list[int] = field(default_factory=list)  # still queued, to retry later


def _wait_for_rate_slot() -> None:
    """A global limit of messages per second, shared by all workers through the cache."""
    rate = settings.NEWSLETTER_RATE_LIMIT
    if rate <= 0:
        return
    while True:
        second = int(time.time())
        key = f"newsletter:rate:{second}"
        cache.add(key, 0, timeout=5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            continue
        if count <= rate:
            return
        time.sleep(max(0.0, second + 1 - time.time()))


class _LedgerRow:
    """The transaction around one message: lock its ledger row, send, record, commit.

    Locks the delivery (``FOR UPDATE SKIP LOCKED``: another worker's row is left alone) and
    the subscriber's confirmed subscription (an unsubscribe waits for this one message).
    On PostgreSQL the usual case takes two round trips, ``BEGIN; SELECT ... FOR UPDATE`` and
    ``UPDATE ...; COMMIT`` (the commit waits for the disk: a "sent" mark is never lost);
    anything unusual (no row found) takes the ORM path inside ``transaction.atomic()``. An
    exception before ``record()`` rolls the transaction back, leaving the row queued,
    exactly as a crash would.
    """

    def __init__(self, *, delivery_id: int, newsletter_id: int):
        self.delivery_id = delivery_id
        self.newsletter_id = newsletter_id
        self.delivery: Delivery | None = None
        self.subscribed = False
        self._fast = False
        self._open = False
        self._atomic = None

    def __enter__(self) -> "_LedgerRow":
        if _two_round_trips_possible():
            self.delivery = self._fast_lock()
            if self.delivery is not None:
                self._fast = self.subscribed = True
                return self
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.delivery, self.subscribed = _lock_delivery(
            delivery_id=self.delivery_id, newsletter_id=self.newsletter_id
        )
        return self

    def _fast_lock(self) -> Delivery | None:
        with db_connection.cursor() as cursor:
            cursor.execute(
                "BEGIN; " + LOCK_SQL,
                [
                    self.newsletter_id,
                    Subscription.Status.CONFIRMED,
                    self.delivery_id,
                    Delivery.Status.QUEUED,
                ],
            )
            self._open = True
            cursor.nextset()
            row = cursor.fetchone()
            if row is None:
                cursor.execute("ROLLBACK")
                self._open = False
                return None
        return _delivery_from_row(row)

    def record(self) -> None:
        """Store the delivery's status, attempts, error and time, and commit."""
        d = self.delivery
        d.updated_at = timezone.now()
        if not self._fast:
            d.save(update_fields=["status", "attempts", "last_error", "sent_at", "updated_at"])
            return
        with db_connection.cursor() as cursor:
            cursor.execute(
                RECORD_SQL + "; COMMIT",
                [d.status, d.attempts, d.last_error, d.sent_at, d.updated_at, d.pk],
            )
        self._open = False

    def __exit__(self, exc_type, exc, tb):
        if self._atomic is not None:
            return self._atomic.__exit__(exc_type, exc, tb)
        if self._open:  # left without record(): roll back as a crash would
            try:
                with db_connection.cursor() as cursor:
                    cursor.execute("ROLLBACK")
            finally:
                self._open = False
        return False


def _lock_delivery(*, delivery_id: int, newsletter_id: int) -> tuple[Delivery | None, bool]:
    """Lock a queued delivery, then its subscriber's subscription (inside a transaction).

    Returns (None, False) when the delivery is not queued or another worker holds it, and
    (delivery, subscribed) otherwise. Locking the subscription waits for an unsubscribe
    that is being committed right now.
    """
    delivery = (
        Delivery.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("subscriber")
        .filter(pk=delivery_id, status=Delivery.Status.QUEUED)
        .order_by()[:1]
    )
    delivery = delivery[0] if delivery else None
    if delivery is None:
        return None, False
    subscribed = (
        Subscription.objects.select_for_update()
        .filter(
            subscriber_id=delivery.subscriber_id,
            newsletter_id=newsletter_id,
            status=Subscription.Status.CONFIRMED,
        )
        .order_by()
        .values_list("pk", flat=True)[:1]
    )
    return delivery, bool(subscribed)


def _two_round_trips_possible() -> bool:
    """PostgreSQL with client-side binding (Django's default), outside any transaction."""
    return (
        db_connection.vendor == "postgresql"
        and not db_connection.settings_dict.get("OPTIONS", {}).get("server_side_binding")
        and db_connection.get_autocommit()
    )


def _delivery_from_row(row) -> Delivery:
    d_id, issue_id, attempts, s_id, email, language, token = row
    subscriber = Subscriber(id=s_id, email=email, language=language, token=token)
    return Delivery(
        id=d_id,
        issue_id=issue_id,
        subscriber=subscriber,
        attempts=attempts,
        status=Delivery.Status.QUEUED,
    )


def _is_connection_error(exc: BaseException) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return False  # the server refused this recipient; the connection is fine
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code == 421
    return isinstance(exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | OSError)


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:1000]


def delivery_batch_send(*, issue_id: int, delivery_ids: list[int], final: bool = False):
    """Send one batch over one SMTP connection. Safe to run again at any time.

    ``final`` (the last retry of the batch): temporary failures are recorded as failed.
    """
    outcome = BatchOutcome()
    issue = Issue.objects.select_related("newsletter").get(pk=issue_id)
    if issue.status != Issue.Status.SENDING:
        return outcome
    renderer = renderer_for(issue)
    connection = get_connection()
    envelope_from = sanitize_address(renderer.from_email, settings.DEFAULT_CHARSET)
    connected = opening = False
    try:
        for position, delivery_id in enumerate(delivery_ids):
            _wait_for_rate_slot()
            with _LedgerRow(delivery_id=delivery_id, newsletter_id=issue.newsletter_id) as row:
                delivery = row.delivery
                if delivery is None:
                    continue  # sent, failed or being sent by another worker right now
                if not row.subscribed:
                    delivery.status = Delivery.Status.SKIPPED
                    row.record()
                    outcome.skipped += 1
                    continue
                message = renderer.message_for(delivery.subscriber)
                delivery.attempts += 1
                try:
                    if not connected:
                        opening = True
                        connection.open()
                        connected, opening = True, False
                    _deliver(connection, message, envelope_from)
                except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
                    delivery.last_error = _error_text(exc)
                    if is_temporary_mail_error(exc) and not final:
                        if delivery.attempts >= max_attempts():
                            delivery.status = Delivery.Status.FAILED
                            outcome.failed += 1
                        else:
                            outcome.temporary.append(delivery.pk)
                    else:
                        delivery.status = Delivery.Status.FAILED
                        outcome.failed += 1
                    row.record()
                    if _is_connection_error(exc):
                        _close_quietly(connection)
                        connected = False
                    if opening:  # no server to talk to: try the rest of the batch later
                        outcome.temporary.extend(delivery_ids[position + 1 :])
                        break
                    continue
                delivery.status = Delivery.Status.SENT
                delivery.sent_at = timezone.now()
                delivery.last_error = ""
                row.record()
                outcome.sent += 1
    finally:
        if connected:
            _close_quietly(connection)
    issue_finish_if_done(issue_id=issue_id)
    return outcome


def _deliver(connection, message, envelope_from: str) -> None:
    """Send one message over the batch's open connection.

    With Django's SMTP backend, a message whose MIME bytes are prepared goes straight to the
    backend's SMTP session (its envelope sender worked out once per batch); Django would
    otherwise re-parse and re-encode both addresses for every message. Every other backend
    (django-anymail's ESP backends, files, the test outbox) gets the message object.
    """
    data = getattr(message, "serialized", None)
    if data is not None and isinstance(connection, SmtpBackend) and connection.connection:
        connection.connection.sendmail(envelope_from, message.to, data)
    else:
        connection.send_messages([message])


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except (smtplib.SMTPException, OSError) as exc:
        logger.info("closing the SMTP connection failed: %s", exc)


def issue_counts(*, issue_id: int) -> dict[str, int]:
    return Delivery.objects.filter(issue_id=issue_id).aggregate(
        queued=Count("pk", filter=Q(status=Delivery.Status.QUEUED)),
        sent=Count("pk", filter=Q(status=Delivery.Status.SENT)),
        failed=Count("pk", filter=Q(status=Delivery.Status.FAILED)),
        skipped=Count("pk", filter=Q(status=Delivery.Status.SKIPPED)),
        total=Count("pk"),
    )


def issue_finish_if_done(*, issue_id: int) -> bool:
    """Mark the issue sent once no delivery is queued any more, and store its counts.

    Called after every batch; while deliveries are queued it costs one indexed EXISTS (the
    admin counts progress live from the ledger).
    """
    if Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.QUEUED).exists():
        return False
    counts = issue_counts(issue_id=issue_id)
    now = timezone.now()
    updated = Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).update(
        status=Issue.Status.SENT,
        sent_at=Coalesce("sent_at", Value(now)),  # a retry of failures keeps the first date
        sent_count=counts["sent"],
        failed_count=counts["failed"],
        updated_at=now,
    )
    return bool(updated)


def issues_start_due() -> int:
    """Start every scheduled issue whose time has come (called by beat every minute)."""
    started = 0
    due = Issue.objects.filter(status=Issue.Status.SCHEDULED, scheduled_at__lte=timezone.now())
    for issue_id in due.values_list("pk", flat=True):
        started += issue_start_sending(issue_id=issue_id)
    return started
