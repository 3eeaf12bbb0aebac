"""Reminders and digests of the Bedarfsbörse (all through the outbox):

* 60 days after a handover without a use report the recipient's editors are reminded, after
  90 days the Netzwerkstelle is alerted — each once per match (a conditional update claims it);
* an editor who follows categories and regions gets one daily email with the new published
  items that fit (in their language; opt-out by a signed link)."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partnerships.exchange.models import Follow, Item, Match, State
from partnerships.models import ActorEditor
from portal import languages
from portal.models import OutboundEmail
from portal.outbox import email_queue, emails_queue
from portal.services import staff_notify

USE_REMINDER_DAYS = 60
USE_ALERT_DAYS = 90
USE_REMINDER = "partnerships/exchange/emails/use_reminder"
USE_ALERT_STAFF = "partnerships/exchange/emails/use_alert_staff"
DIGEST = "partnerships/exchange/emails/digest"
DIGEST_EVERY = timedelta(days=1)
DIGEST_LIMIT = 30
OPT_OUT_SALT = "exchange.digest.opt-out"


def use_report_reminders_send(*, now=None) -> tuple[int, int]:
    """Beat (daily): reminders after 60 days, staff alerts after 90 — each at most once.
    Returns (reminded matches, alerted matches)."""
    now = now or timezone.now()
    reminded = alerted = 0
    due = Match.objects.use_report_overdue(days=USE_REMINDER_DAYS).filter(
        use_reminder_sent_at__isnull=True
    )
    for match in due.only("pk", "recipient_id"):
        with transaction.atomic():
            if not Match.objects.filter(pk=match.pk, use_reminder_sent_at__isnull=True).update(
                use_reminder_sent_at=now
            ):
                continue
            editors = ActorEditor.objects.filter(
                actor_id=match.recipient_id, user__is_active=True
            ).select_related("user")
            emails_queue(
                OutboundEmail(
                    template=USE_REMINDER,
                    to_email=editor.user.email,
                    language=languages.known(editor.user.language),
                    context={"match_id": match.pk},
                )
                for editor in editors
            )
            reminded += 1
    overdue = Match.objects.use_report_overdue(days=USE_ALERT_DAYS).filter(
        use_alert_sent_at__isnull=True
    )
    for match in overdue.only("pk"):
        with transaction.atomic():
            if not Match.objects.filter(pk=match.pk, use_alert_sent_at__isnull=True).update(
                use_alert_sent_at=now
            ):
                continue
            staff_notify(template=USE_ALERT_STAFF, context={"match_id": match.pk})
            alerted += 1
    return reminded, alerted


# --- following categories and regions ------------------------------------------------------


def opt_out_token(*, user) -> str:
    return signing.Signer(salt=OPT_OUT_SALT).sign(str(user.pk))


def opt_out_user_id(*, token: str) -> int | None:
    try:
        return int(signing.Signer(salt=OPT_OUT_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


@transaction.atomic
def follow_set(*, user, categories: list[str], regions, kinds: list[str], enabled: bool) -> Follow:
    follow, _created = Follow.objects.get_or_create(user=user)
    follow.categories = sorted(set(categories))
    follow.kinds = sorted(set(kinds) & set(Item.Kind.values))
    follow.enabled = enabled
    follow.save(update_fields=["categories", "kinds", "enabled"])
    follow.regions.set(regions)
    return follow


@transaction.atomic
def follow_disable(*, user) -> None:
    Follow.objects.filter(user=user).update(enabled=False)


def _fitting(follow: Follow, since) -> list[int]:
    items = Item.objects.filter(state=State.PUBLISHED, published_at__gt=since).exclude(
        actor__editors__user_id=follow.user_id
    )
    if follow.categories:
        items = items.filter(category__in=follow.categories)
    if follow.kinds:
        items = items.filter(kind__in=follow.kinds)
    region_ids = [r.pk for r in follow.regions.all()]
    if region_ids:
        items = items.filter(Q(actor__region_id__in=region_ids) | Q(actor_id__in=region_ids))
    return list(items.order_by("-published_at", "pk").values_list("pk", flat=True)[:DIGEST_LIMIT])


def digests_send(*, now=None) -> int:
    """Beat (daily): one email per follower with the items published since their last
    digest (or the last day) that fit; none after the opt-out. Returns the emails queued."""
    now = now or timezone.now()
    sent = 0
    follows = Follow.objects.filter(enabled=True, user__is_active=True).select_related("user")
    for follow in follows.prefetch_related("regions"):
        since = follow.last_sent_at or (now - DIGEST_EVERY)
        if follow.last_sent_at and follow.last_sent_at > now - DIGEST_EVERY:
            continue
        ids = _fitting(follow, since)
        if not ids:
            continue
        with transaction.atomic():
            claimed = Follow.objects.filter(
                Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - DIGEST_EVERY),
                pk=follow.pk,
                enabled=True,
            ).update(last_sent_at=now)
            if not claimed:
                continue
            email_queue(
                template=DIGEST,
                to=follow.user.email,
                language=languages.known(follow.user.language),
                context={"user_id": follow.user_id, "item_ids": ids},
            )
        sent += 1
    return sent
