"""The outbox of registrants' emails.

Every email is a :class:`~events.models.Notification` row written in the transaction that
decided it. After the commit, a dispatch task is published unless this process published
one that has not started yet; the dispatch starts ``EVENTS_EMAIL_DISPATCH_DELAY`` seconds
later, claims the rows not queued yet (sets ``queued_at``) and queues one send task each.
A burst of registrations thus publishes about two Celery messages per second and web
process instead of one per registration (each about a sixth of the registration
request's CPU), needs no other round trip, and its emails are rendered in the worker after
the burst rather than during it.

A commit is covered by a pending dispatch only within the first half of that dispatch's
delay, so the dispatch (which reads the rows when it starts) sees it even if the worker's
clock runs ahead by up to half the delay. Beat runs the dispatch every minute as well, so a
row whose dispatch was never published (the broker was down at the commit) or was lost is
sent all the same, and so is a row whose send task was lost.
"""

import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.models import Notification

BATCH = 500
# A queued row still unsent and never attempted after this long: its task was lost.
LOST_AFTER = timedelta(minutes=15)

_lock = threading.Lock()
_covered_until = 0.0  # time.monotonic() until which this process's pending dispatch covers


def dispatch_after_commit() -> None:
    """Have the notifications written in this transaction sent once it commits."""
    transaction.on_commit(request_dispatch)


def request_dispatch() -> None:
    global _covered_until
    from events.tasks import notifications_dispatch

    delay = settings.EVENTS_EMAIL_DISPATCH_DELAY
    with _lock:
        now = time.monotonic()
        if now < _covered_until:
            return
        _covered_until = now + delay / 2
    try:
        notifications_dispatch.apply_async(countdown=delay)
    except BaseException:
        _forget_pending()  # not covered after all: the next commit tries again
        raise


def _forget_pending() -> None:
    global _covered_until
    with _lock:
        _covered_until = 0.0


def notifications_dispatch(*, now=None) -> int:
    """Queue one send task per notification not queued yet (or lost); returns how many.

    This process's pending mark is removed *before* the rows are read (this matters where
    tasks run in-process): a notification committed after that asks for a new dispatch,
    one committed before it is read here. Rows are claimed
    with ``FOR UPDATE SKIP LOCKED``, so two dispatches never queue the same row (and the
    send task's own claim would still send it only once).
    """
    from events.tasks import notification_send

    _forget_pending()
    now = now or timezone.now()
    due = Notification.objects.filter(
        Q(queued_at__isnull=True) | Q(attempts=0, queued_at__lt=now - LOST_AFTER),
        sent_at__isnull=True,
    )
    total = 0
    while True:
        with transaction.atomic():
            ids = list(
                due.select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:BATCH]
            )
            Notification.objects.filter(pk__in=ids).update(queued_at=now)
        for pk in ids:  # after the claim is committed (a worker runs this outside atomic())
            notification_send.delay(pk)
        total += len(ids)
        if len(ids) < BATCH:
            return total
