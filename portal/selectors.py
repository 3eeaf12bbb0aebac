"""Reads of the portal app that more than one place needs."""

from datetime import timedelta

from django.utils import timezone

from portal.models import OutboundEmail


def outbox_backlog(*, older_than: timedelta = timedelta(0)) -> int:
    """Emails waiting to be sent (queued at least ``older_than`` ago)."""
    return OutboundEmail.objects.filter(
        status=OutboundEmail.Status.PENDING, created_at__lte=timezone.now() - older_than
    ).count()


def failed_emails_count(*, since=None) -> int:
    """Emails that failed for good (permanent SMTP error or retries exhausted) and await
    staff (admin "Ausgehende E-Mails", action "Erneut senden")."""
    failed = OutboundEmail.objects.filter(status=OutboundEmail.Status.FAILED)
    if since is not None:
        failed = failed.filter(created_at__gte=since)
    return failed.count()
