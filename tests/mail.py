"""Helpers for tests of emails: send what the outbox holds, as the worker would."""

from portal import outbox
from portal.models import OutboundEmail


def send_pending() -> int:
    """Send every pending outbox row in this process (in a test whose transaction never
    commits, nothing is dispatched by itself); returns how many went out."""
    pending = OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING)
    return sum(outbox.email_send(email_id=pk) for pk in pending.values_list("pk", flat=True))
