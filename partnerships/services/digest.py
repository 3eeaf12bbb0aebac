"""The staff's daily digest of editors' changes."""

from __future__ import annotations

from django.utils import timezone

from partnerships.selectors import digest_changes


def daily_digest_send(*, day) -> bool:
    """Email staff the editors' changes of the day before ``day``, once per day."""
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from partnerships.models import DigestRun
    from portal.emails import send_email
    from portal.services import staff_notification_recipients

    run, _created = DigestRun.objects.get_or_create(day=day)
    claimed = DigestRun.objects.filter(pk=run.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    tz = ZoneInfo(settings.TIME_ZONE)
    end = datetime.combine(day, time.min, tzinfo=tz)
    start = end - timedelta(days=1)
    changes = digest_changes(start=start, end=end)
    recipients = staff_notification_recipients()
    if not changes or not recipients:
        return False
    try:
        send_email(
            template_prefix="partnerships/emails/daily_digest",
            to=recipients,
            context={"changes": changes, "day": start.date()},
            language=settings.LANGUAGE_CODE,
        )
    except BaseException:
        DigestRun.objects.filter(pk=run.pk).update(sent_at=None)
        raise
    return True
