"""The outbox of registrants' emails.

Every email is a :class:`~events.models.Notification` row written in the transaction that
decided it. A commit that wrote rows asks for one dispatch task unless one is pending
already (a single Redis ``SET NX``); the dispatch starts ``EVENTS_EMAIL_DISPATCH_DELAY``
seconds later, claims the rows not queued yet (sets ``queued_at``) and queues one send
task each. A burst of registrations thus costs each web request one cheap Redis command
instead of publishing a Celery message (about a sixth of the registration request's CPU),
and its emails are rendered in the worker after the burst rather than during it.

Beat runs the dispatch every minute as well, so a row whose dispatch was never published
(the broker was down at the commit) or whose send task was lost is sent all the same.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.models import Notification

PENDING_KEY = "events:outbox:dispatch-pending"
# Upper bound of the pending mark: after this, a commit publishes a dispatch again even if
# the pending one never ran (lost with a crashed worker).
PENDING_SECONDS = 60
BATCH = 500
# A queued row still unsent and never attempted after this long: its task was lost.
LOST_AFTER = timedelta(minutes=15)


def dispatch_after_commit() -> None:
    """Have the notifications written in this transaction sent once it commits."""
    transaction.on_commit(request_dispatch)


def request_dispatch() -> None:
    from events.tasks import notifications_dispatch

    if cache.add(PENDING_KEY, 1, timeout=PENDING_SECONDS):
        notifications_dispatch.apply_async(countdown=settings.EVENTS_EMAIL_DISPATCH_DELAY)


def notifications_dispatch(*, now=None) -> int:
    """Queue one send task per notification not queued yet (or lost); returns how many.

    The pending mark is removed *before* the rows are read: a notification committed after
    that asks for a new dispatch, one committed before it is read here. Rows are claimed
    with ``FOR UPDATE SKIP LOCKED``, so two dispatches never queue the same row (and the
    send task's own claim would still send it only once).
    """
    from events.tasks import notification_send

    cache.delete(PENDING_KEY)
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
