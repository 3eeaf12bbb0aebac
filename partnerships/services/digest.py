"""The staff's daily digest of editors' changes."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from partnerships.selectors import digest_changes
from portal.services import staff_notify


def digest_window(day) -> tuple[datetime, datetime]:
    """The day before ``day`` in Berlin time, as [start, end)."""
    end = datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return end - timedelta(days=1), end


def daily_digest_send(*, day) -> bool:
    """Queue the staff's email about the editors' changes of the day before ``day``, once
    per day (the day's ``DigestRun`` row and the outbox rows are one transaction)."""
    from partnerships.models import DigestRun

    with transaction.atomic():
        _run, created = DigestRun.objects.get_or_create(day=day)
        if not created:
            return False
        start, end = digest_window(day)
        if not digest_changes(start=start, end=end):
            return False
        return bool(
            staff_notify(
                template="partnerships/emails/daily_digest", context={"day": day.isoformat()}
            )
        )
