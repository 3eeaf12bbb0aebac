"""Notifications of the partner search: new mutual matches (to editors, at most one email a
day, opt-out), profiles about to expire (two weeks before), and the erasure of the public
forms' IP addresses."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partnerships.matchmaking.models import (
    ContactRequest,
    MatchNotice,
    MatchNotificationPreference,
    MutualMatch,
    PartnerRequest,
    SearchProfile,
)
from partnerships.models import ActorEditor
from portal import languages
from portal.models import OutboundEmail
from portal.outbox import email_queue, emails_queue

MUTUAL_MATCHES = "partnerships/matchmaking/emails/mutual_matches"
PROFILE_EXPIRY = "partnerships/matchmaking/emails/profile_expiry"
NOTIFY_EVERY = timedelta(days=1)
EXPIRY_NOTICE_DAYS = 14
OPT_OUT_SALT = "matchmaking.notifications.opt-out"


def mutual_matches_refresh() -> int:
    """Record every pair of public, unexpired profiles that seek each other (judged on
    public information only, like the editors' suggestions). Returns the new pairs."""
    from partnerships.matchmaking.selectors import suggestion_index

    index = suggestion_index(staff=False)
    public = [p for p in index.profiles.values() if p.public]
    by_side = defaultdict(list)
    for profile in public:
        by_side[index.actors[profile.actor_id].country].append(profile)
    pairs = set()
    for own in by_side.get("DE", []):
        own_actor = index.actors[own.actor_id]
        for theirs in by_side.get("UA", []):
            their_actor = index.actors[theirs.actor_id]
            if index.fits(own, their_actor) and index.fits(theirs, own_actor):
                pairs.add(tuple(sorted((own.pk, theirs.pk))))
    known = set(
        MutualMatch.objects.filter(profile_a__in=[a for a, _b in pairs]).values_list(
            "profile_a_id", "profile_b_id"
        )
    )
    new = [MutualMatch(profile_a_id=a, profile_b_id=b) for a, b in sorted(pairs - known)]
    MutualMatch.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def opt_out_token(*, user) -> str:
    return signing.Signer(salt=OPT_OUT_SALT).sign(str(user.pk))


def opt_out_user_id(*, token: str) -> int | None:
    try:
        return int(signing.Signer(salt=OPT_OUT_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


@transaction.atomic
def match_notifications_set(*, user, enabled: bool) -> MatchNotificationPreference:
    preference, _created = MatchNotificationPreference.objects.get_or_create(user=user)
    preference.enabled = enabled
    preference.save(update_fields=["enabled"])
    return preference


def _pending() -> dict[int, list[tuple[MutualMatch, SearchProfile, SearchProfile]]]:
    """user id → (match, own profile, other profile) not yet told, for editors of either side."""
    matches = list(
        MutualMatch.objects.select_related("profile_a__actor", "profile_b__actor").filter(
            profile_a__valid_until__gte=timezone.localdate(),
            profile_b__valid_until__gte=timezone.localdate(),
            profile_a__visibility=SearchProfile.Visibility.PUBLIC,
            profile_b__visibility=SearchProfile.Visibility.PUBLIC,
        )
    )
    actor_ids = {m.profile_a.actor_id for m in matches} | {m.profile_b.actor_id for m in matches}
    editors = defaultdict(set)
    for user_id, actor_id in ActorEditor.objects.filter(
        actor__in=actor_ids, user__is_active=True
    ).values_list("user_id", "actor_id"):
        editors[actor_id].add(user_id)
    told = set(MatchNotice.objects.filter(match__in=matches).values_list("user_id", "match_id"))
    pending = defaultdict(list)
    for match in matches:
        for own, other in ((match.profile_a, match.profile_b), (match.profile_b, match.profile_a)):
            for user_id in editors[own.actor_id]:
                if (user_id, match.pk) not in told:
                    pending[user_id].append((match, own, other))
    return pending


def mutual_match_notifications_send() -> int:
    """One email per editor with the new mutual matches of their actors' profiles — at most
    one a day per editor, none after the opt-out. Returns the emails sent."""
    from django.contrib.auth import get_user_model

    now = timezone.now()
    sent = 0
    pending = _pending()
    users = get_user_model().objects.in_bulk(list(pending))
    for user_id, items in pending.items():
        user = users.get(user_id)
        if user is None:
            continue
        preference, _created = MatchNotificationPreference.objects.get_or_create(user=user)
        if not preference.enabled:
            continue
        with transaction.atomic():
            claimed = MatchNotificationPreference.objects.filter(
                Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - NOTIFY_EVERY),
                pk=preference.pk,
                enabled=True,
            ).update(last_sent_at=now)
            if not claimed:
                continue  # told within the last day: the rest waits for tomorrow
            MatchNotice.objects.bulk_create(
                [MatchNotice(user=user, match=match) for match, _own, _other in items],
                ignore_conflicts=True,
            )
            email_queue(
                template=MUTUAL_MATCHES,
                to=user.email,
                language=languages.known(user.language),
                context={
                    "user_id": user.pk,
                    "pairs": [[own.pk, other.pk] for _match, own, other in items],
                },
            )
        sent += 1
    return sent


def search_profile_expiry_reminders_send() -> int:
    """Two weeks before a profile expires, its actor's editors get a reminder (once)."""
    today = timezone.localdate()
    due = SearchProfile.objects.filter(
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=EXPIRY_NOTICE_DAYS),
        expiry_reminder_sent_at__isnull=True,
    ).select_related("actor")
    sent = 0
    for profile in due:
        with transaction.atomic():
            if not SearchProfile.objects.filter(
                pk=profile.pk, expiry_reminder_sent_at__isnull=True
            ).update(expiry_reminder_sent_at=timezone.now()):
                continue
            editors = ActorEditor.objects.filter(
                actor=profile.actor, user__is_active=True
            ).select_related("user")
            sent += emails_queue(
                OutboundEmail(
                    template=PROFILE_EXPIRY,
                    to_email=editor.user.email,
                    language=languages.known(editor.user.language),
                    context={"profile_id": profile.pk},
                )
                for editor in editors
            )
    return sent


def request_ip_addresses_purge() -> int:
    """Erase the IP addresses of the public forms' requests after the retention period."""
    cutoff = timezone.now() - timedelta(days=settings.CONSULTATION_IP_RETENTION_DAYS)
    return sum(
        model.objects.filter(created_at__lt=cutoff, ip_address__isnull=False).update(
            ip_address=None
        )
        for model in (ContactRequest, PartnerRequest)
    )
