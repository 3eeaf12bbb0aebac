"""The outbox: the one path every email of the portal takes (the newsletter's issues keep
their own ledger, ``newsletter/sending.py``).

Queueing. A service calls :func:`email_queue` inside the transaction that decides the email:
an :class:`~portal.models.OutboundEmail` row commits with the decision or not at all. Its
``context`` holds ids and plain values, never a secret link (checked here): the worker loads
the objects and builds manage, invitation, confirmation and reset links when it renders.

Dispatch. After the commit a dispatch task is published unless this process published one
that has not started yet; the dispatch starts ``OUTBOX_DISPATCH_DELAY`` seconds later, marks
the rows it takes (``queued_at``) and queues one send task each. A burst of registrations
thus publishes about two Celery messages per second and web process instead of one per
email, and its emails are rendered in the worker after the burst rather than during it. A
commit is covered by a pending dispatch only within the first half of that dispatch's delay,
so the dispatch sees it even if the worker's clock runs ahead by up to half the delay.

If the broker cannot be reached after the commit, that is logged and the request goes on;
the row stays pending. Beat runs the dispatch every minute: it sends rows whose dispatch was
never published, rows whose send task was lost, and rows whose claim went stale.

Sending is at least once. The send task claims the row (``claimed_at``, one claim at a time),
renders and sends it, then records ``sent_at``. A temporary SMTP failure releases the claim
and is retried by Celery (``autoretry_for`` with exponential backoff); a permanent one, or
the last retry, marks the row failed with its error, where staff see it (admin "Ausgehende
E-Mails"). A worker that dies between the SMTP server's "250 OK" and ``sent_at`` leaves a
claim; after ``OUTBOX_CLAIM_TIMEOUT`` the dispatch releases it, marks the row
``possibly_duplicate`` and sends it again. Every attempt carries the same Message-ID, so mail
clients that see both may show one.

Rendering. By default the row's template (``<prefix>_subject.txt``, ``.txt``, ``.html``) is
rendered with the row's context in the row's language. An app whose email needs objects or
links registers a function for its templates in its ``emails.py`` (imported at start-up)::

    @message_for("events/emails/confirmed")
    def registrant_message(email: OutboundEmail) -> EmailMessage | None: ...

returning the message (usually ``render(email, context)``) or None when the email has become
moot (the row is then marked skipped).
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from portal.log_redaction import redact
from portal.models import OutboundEmail

logger = logging.getLogger(__name__)
Status = OutboundEmail.Status

BATCH = 500
# After a failed publish, commits of this process leave their emails to beat for a while
# instead of each waiting for the broker again.
PUBLISH_PAUSE_AFTER_FAILURE = 10.0


# --- queueing -------------------------------------------------------------------------------


def email_queue(
    *,
    template: str,
    to: str,
    language: str,
    context: dict | None = None,
    reply_to: str = "",
    dedupe_key: str | None = None,
) -> OutboundEmail:
    """Queue one email; it is sent after the current transaction commits.

    ``template`` is the prefix of the three templates, ``context`` ids and plain values
    (JSON), ``dedupe_key`` makes a second email with the same key a database error.
    """
    email = OutboundEmail(
        template=template,
        to_email=to,
        language=language,
        context=context or {},
        reply_to=reply_to,
        dedupe_key=dedupe_key,
    )
    _check_context(email)
    email.save()
    dispatch_after_commit()
    return email


def emails_queue(emails: Iterable[OutboundEmail], *, ignore_conflicts: bool = False) -> int:
    """Queue many emails in one INSERT (``ignore_conflicts``: skip existing dedupe keys)."""
    emails = list(emails)
    for email in emails:
        _check_context(email)
    OutboundEmail.objects.bulk_create(emails, ignore_conflicts=ignore_conflicts)
    if emails:
        dispatch_after_commit()
    return len(emails)


def _check_context(email: OutboundEmail) -> None:
    for key, value in email.context.items():
        if isinstance(value, str) and redact(value) != value:
            raise ValueError(f"{key!r} holds a secret link: give the outbox ids, not links")


def emails_retry(*, ids: Iterable[int]) -> int:
    """Staff send failed emails again (e.g. after fixing the relay or the address)."""
    count = OutboundEmail.objects.filter(pk__in=list(ids), status=Status.FAILED).update(
        status=Status.PENDING, queued_at=None, claimed_at=None
    )
    if count:
        dispatch_after_commit()
    return count


def emails_purge(*, now=None) -> int:
    """Delete finished rows (sent, skipped, failed) older than ``OUTBOX_KEEP_DAYS``."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    deleted, _ = (
        OutboundEmail.objects.filter(created_at__lt=cutoff).exclude(status=Status.PENDING).delete()
    )
    return deleted


# --- dispatch -------------------------------------------------------------------------------

_lock = threading.Lock()
_covered_until = 0.0  # time.monotonic() until which this process's pending dispatch covers


def dispatch_after_commit() -> None:
    """Have the rows written in this transaction sent once it commits."""
    transaction.on_commit(request_dispatch)


def request_dispatch() -> None:
    global _covered_until
    from portal.tasks import outbox_dispatch

    delay = settings.OUTBOX_DISPATCH_DELAY
    with _lock:
        now = time.monotonic()
        if now < _covered_until:
            return
        _covered_until = now + delay / 2
    if not outbox_dispatch.apply_async_or_log(countdown=delay):
        with _lock:  # beat sends these emails once the broker is back
            _covered_until = time.monotonic() + PUBLISH_PAUSE_AFTER_FAILURE


def _forget_pending() -> None:
    global _covered_until
    with _lock:
        _covered_until = 0.0


def lost_after() -> timedelta:
    """A row queued this long ago without a claim has lost its send task (a retry waits at
    most ``OUTBOX_RETRY_BACKOFF_MAX``)."""
    return timedelta(seconds=settings.OUTBOX_RETRY_BACKOFF_MAX + 300)


def emails_dispatch(*, now=None) -> int:
    """Queue one send task per pending row that is new, lost or stale; returns how many.

    This process's pending mark is removed *before* the rows are read (this matters where
    tasks run in-process): a row committed after that asks for a new dispatch, one committed
    before it is read here. Rows are taken with ``FOR UPDATE SKIP LOCKED``, so two
    dispatches never queue the same row (and the send task's claim would still send it once
    at a time).
    """
    from portal.tasks import outbound_email_send

    _forget_pending()
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT)
    due = OutboundEmail.objects.filter(status=Status.PENDING).filter(
        Q(queued_at__isnull=True)
        | Q(claimed_at__isnull=True, queued_at__lt=now - lost_after())
        | Q(claimed_at__lt=stale)
    )
    total = 0
    while True:
        with transaction.atomic():
            rows = list(
                due.select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", "claimed_at")[:BATCH]
            )
            ids = [pk for pk, _claimed in rows]
            OutboundEmail.objects.filter(pk__in=ids).update(queued_at=now)
            # A stale claim: its worker died, perhaps after the SMTP server took the message.
            OutboundEmail.objects.filter(pk__in=[pk for pk, claimed in rows if claimed]).update(
                claimed_at=None, possibly_duplicate=True
            )
        for pk in ids:  # after the rows are committed (a worker runs this outside atomic())
            outbound_email_send.delay(pk)
        total += len(ids)
        if len(ids) < BATCH:
            return total


# --- sending --------------------------------------------------------------------------------


class TemporaryMailError(Exception):
    """A temporary SMTP failure: the send task is retried (its ``autoretry_for``)."""


def email_send(*, email_id: int, final: bool = False) -> bool:
    """Send one row if it is pending and unclaimed; True when the SMTP server accepted it.

    ``final``: the last retry; a temporary failure then marks the row failed as well.
    Errors other than mail errors (a template that does not render) mark it failed and are
    raised, so they are logged with their traceback.
    """
    from portal.emails import is_mail_error, is_temporary_mail_error

    claimed = OutboundEmail.objects.filter(
        pk=email_id, status=Status.PENDING, claimed_at__isnull=True
    ).update(claimed_at=timezone.now(), attempts=F("attempts") + 1)
    if not claimed:
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    try:
        message = message_build(email)
        if message is None:
            OutboundEmail.objects.filter(pk=email_id).update(status=Status.SKIPPED)
            return False
        message.send()
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:1000]
        rows = OutboundEmail.objects.filter(pk=email_id)
        if is_temporary_mail_error(exc) and not final:
            rows.update(claimed_at=None, queued_at=timezone.now(), last_error=error)
            # Without the SMTP error's text in the log: it may name the recipient.
            code = getattr(exc, "smtp_code", "")
            raise TemporaryMailError(f"{type(exc).__name__} {code}".strip()) from None
        rows.update(status=Status.FAILED, last_error=error)
        if not is_mail_error(exc):
            raise
        logger.warning("Outbound email %s failed: %s", email_id, type(exc).__name__)
        return False
    OutboundEmail.objects.filter(pk=email_id).update(status=Status.SENT, sent_at=timezone.now())
    return True


# --- rendering ------------------------------------------------------------------------------

MessageBuilder = Callable[[OutboundEmail], EmailMessage | None]
_builders: dict[str, MessageBuilder] = {}


def message_for(*templates: str) -> Callable[[MessageBuilder], MessageBuilder]:
    """Register the function that renders these templates' rows (a prefix ending in "/"
    covers every template below it)."""

    def register(builder: MessageBuilder) -> MessageBuilder:
        for template in templates:
            known = _builders.get(template)
            if known is not None and known.__qualname__ != builder.__qualname__:
                raise ImproperlyConfigured(f"Two message builders for {template}")
            _builders[template] = builder
        return builder

    return register


def builder_of(template: str) -> MessageBuilder | None:
    if template in _builders:
        return _builders[template]
    folders = [t for t in _builders if t.endswith("/") and template.startswith(t)]
    return _builders[max(folders, key=len)] if folders else None


def render(email: OutboundEmail, context: dict, **kwargs) -> EmailMessage:
    """The row's templates rendered with ``context`` for its recipient and language."""
    from portal.emails import render_email

    return render_email(
        template_prefix=email.template,
        to=[email.to_email],
        context=context,
        language=email.language,
        reply_to=[email.reply_to] if email.reply_to else [],
        **kwargs,
    )


def message_build(email: OutboundEmail) -> EmailMessage | None:
    builder = builder_of(email.template)
    message = builder(email) if builder else render(email, email.context)
    if message is not None:
        message.extra_headers["Message-ID"] = message_id(email)
    return message


def message_id(email: OutboundEmail) -> str:
    """The same for every attempt of a row (a client may fold a duplicate into one)."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<outbox.{email.pk}.{int(email.created_at.timestamp())}@{host}>"
