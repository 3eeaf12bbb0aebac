"""The staff's daily digest of editors' changes."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships.models import Actor, Partnership
from portal.services import staff_notify

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
