"""The staff's daily digest of editors' changes."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import Actor, Partnership

# --- daily digest of editors' changes -------------------------------------------------------


def digest_changes(*, start, end) -> list[dict]:
    """Editors' (non-staff) changes to the register in [start, end), oldest first."""
    from partnerships.models import Milestone, Project

    changes = []
    for model, label in (
        (Partnership, _("Partnerschaft")),
        (Actor, _("Akteur")),
        (Milestone, _("Meilenstein")),
        (Project, _("Projekt")),
    ):
        history = (
            model.history.filter(
                history_date__gte=start,
                history_date__lt=end,
                history_user__isnull=False,
                history_user__is_staff=False,
            )
            .select_related("history_user")
            .order_by("history_date")
        )
        for record in history:
            if model in (Partnership, Actor):
                admin_object_id = record.id
                admin_model = model._meta.model_name
            else:
                admin_object_id = record.partnership_id
                admin_model = "partnership"
            changes.append(
                {
                    "what": str(label),
                    "title": str(record.title if hasattr(record, "title") else record.name),
                    "type": record.get_history_type_display(),
                    "user": record.history_user.email,
                    "date": record.history_date,
                    "history_url": f"/admin/partnerships/{admin_model}/{admin_object_id}/history/",
                }
            )
    changes.sort(key=lambda c: c["date"])
    return changes


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
