"""Use cases of the newsletter that change state: consent, subscribing and leaving.

Sending issues lives in ``newsletter.sending``.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsletter.models import ConsentText, Newsletter, Subscriber, Subscription
from portal.outbox import email_queue

CONFIRM_SALT = "newsletter.confirm"
CONFIRMATION_TEMPLATE = "newsletter/emails/confirm"


def normalize_email(email: str) -> str:
    """Addresses are compared case-insensitively; we store them lower-cased."""
    return (email or "").strip().lower()


# --- consent texts -------------------------------------------------------------------------


def consent_text_create(*, texts: dict[str, str]) -> ConsentText:
    """Store a new version of the consent text (``texts``: language code -> text)."""
    with transaction.atomic():
        # Serialise concurrent creations on the table's highest version.
        last = ConsentText.objects.select_for_update().order_by("-version").first()
        version = (last.version if last else 0) + 1
        fields = {f"text_{lang}": value for lang, value in texts.items() if value}
        fields["text"] = texts.get(settings.LANGUAGE_CODE) or next(iter(texts.values()), "")
        return ConsentText.objects.create(version=version, **fields)


def consent_text_current() -> ConsentText:
    current = ConsentText.objects.current()
    if current is None:
        raise ConsentText.DoesNotExist("No consent text: run the migrations.")
    return current


# --- subscribing ---------------------------------------------------------------------------


def confirmation_token_make(*, subscriber: Subscriber, subscription_ids: Iterable[int]) -> str:
    return signing.dumps(
        {"s": subscriber.pk, "ids": sorted(subscription_ids)}, salt=CONFIRM_SALT, compress=True
    )


def confirmation_token_read(token: str) -> dict:
    """The token's payload; raises ``signing.BadSignature`` (or ``SignatureExpired``)."""
    max_age = timedelta(days=settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS)
    payload = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    if not isinstance(payload, dict) or not isinstance(payload.get("ids"), list):
        raise signing.BadSignature("unexpected payload")
    return payload


def subscription_request(
    *,
    email: str,
    newsletters: Iterable[Newsletter],
    language: str,
    consent_text: ConsentText,
    ip_address: str | None,
    source: str,
) -> None:
    """Record a sign-up request and send a confirmation email (double opt-in).

    The caller always shows the same answer: nothing here tells whether the address was known.
    An existing subscription is never changed (its consent record stays as it was); only
    newsletters without a pending or confirmed subscription get a new pending one. At most one
    confirmation email per address goes out per ``NEWSLETTER_CONFIRM_THROTTLE_SECONDS``.
    """
    email = normalize_email(email)
    now = timezone.now()
    with transaction.atomic():
        subscriber = _subscriber_get_or_create(email=email, language=language)
        if not subscriber.subscriptions.confirmed().exists():
            # Nobody has confirmed this address yet: the requester may choose its language.
            Subscriber.objects.filter(pk=subscriber.pk).update(language=language)
        active = set(subscriber.subscriptions.active().values_list("newsletter_id", flat=True))
        for newsletter in newsletters:
            if newsletter.pk in active:
                continue
            try:
                with transaction.atomic():
                    Subscription.objects.create(
                        subscriber=subscriber,
                        newsletter=newsletter,
                        status=Subscription.Status.PENDING,
                        consent_text=consent_text,
                        requested_at=now,
                        request_ip=ip_address,
                        request_source=source[:200],
                    )
            except IntegrityError:
                continue  # a concurrent request created it
        if not subscriber.subscriptions.filter(status=Subscription.Status.PENDING).exists():
            return
        cutoff = now - timedelta(seconds=settings.NEWSLETTER_CONFIRM_THROTTLE_SECONDS)
        claimed = (
            Subscriber.objects.filter(pk=subscriber.pk)
            .exclude(confirmation_sent_at__gt=cutoff)
            .update(confirmation_sent_at=now)
        )
        if claimed:  # the throttle and the email commit together, or not at all
            email_queue(
                template=CONFIRMATION_TEMPLATE,
                to=subscriber.email,
                language=language,
                context={"subscriber_id": subscriber.pk},
            )


def _subscriber_get_or_create(*, email: str, language: str) -> Subscriber:
    subscriber = Subscriber.objects.filter(email__iexact=email).first()
    if subscriber is not None:
        return subscriber
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email, language=language)
    except IntegrityError:  # created concurrently
        return Subscriber.objects.get(email__iexact=email)


@dataclass(frozen=True)
class ConfirmationResult:
    subscriber: Subscriber
    newsletters: list[Newsletter]


def subscription_confirm(*, token: str, ip_address: str | None) -> ConfirmationResult:
    """Confirm the pending subscriptions named in a signed link. Following it twice is harmless.

    Raises ``signing.BadSignature`` for a tampered or expired link, and
    ``Subscriber.DoesNotExist`` when the request was deleted meanwhile. Only *pending*
    subscriptions are confirmed: an old link never re-subscribes someone who left.
    """
    payload = confirmation_token_read(token)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.get(pk=payload["s"])
        subscriptions = subscriber.subscriptions.filter(pk__in=payload["ids"])
        subscriptions.filter(status=Subscription.Status.PENDING).update(
            status=Subscription.Status.CONFIRMED, confirmed_at=now, confirm_ip=ip_address
        )
        newsletters = [
            s.newsletter
            for s in subscriptions.filter(status=Subscription.Status.CONFIRMED).select_related(
                "newsletter"
            )
        ]
    return ConfirmationResult(subscriber=subscriber, newsletters=newsletters)


def subscription_purge_unconfirmed() -> int:
    """Delete sign-up requests not confirmed within the retention period (and orphans)."""
    cutoff = timezone.now() - timedelta(days=settings.NEWSLETTER_PENDING_RETENTION_DAYS)
    deleted, _ = Subscription.objects.filter(
        status=Subscription.Status.PENDING, requested_at__lt=cutoff
    ).delete()
    # Addresses left without any subscription were never confirmed: nothing to keep.
    Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=cutoff).delete()
    return deleted


# --- leaving and preferences ---------------------------------------------------------------


def subscription_unsubscribe(*, subscriber: Subscriber, newsletter_ids: Iterable[int]) -> int:
    """End the subscriber's pending or confirmed subscriptions of these newsletters.

    The row update waits for a message being sent to this subscriber right now (the sender
    holds a lock on the subscription while it sends); after it commits, nothing more is sent.
    """
    return (
        subscriber.subscriptions.active()
        .filter(newsletter_id__in=list(newsletter_ids))
        .update(status=Subscription.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    )


def subscriber_update_preferences(
    *,
    subscriber: Subscriber,
    newsletters: Iterable[Newsletter],
    language: str,
    consent_text: ConsentText | None,
    ip_address: str | None,
) -> None:
    """Change lists and language from the preference page (reached from a personal link).

    Newsletters added here are confirmed at once (the personal link proves the address) with
    their own consent record; removed ones are unsubscribed.
    """
    wanted = {n.pk: n for n in newsletters}
    now = timezone.now()
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).update(language=language)
        subscriber.language = language
        active = {s.newsletter_id: s for s in subscriber.subscriptions.active().select_for_update()}
        subscription_unsubscribe(
            subscriber=subscriber, newsletter_ids=[nid for nid in active if nid not in wanted]
        )
        for nid, subscription in active.items():
            if nid in wanted and subscription.status == Subscription.Status.PENDING:
                Subscription.objects.filter(pk=subscription.pk).update(
                    status=Subscription.Status.CONFIRMED, confirmed_at=now, confirm_ip=ip_address
                )
        added = [n for nid, n in wanted.items() if nid not in active]
        if added and consent_text is None:
            raise ValueError("Adding a newsletter needs the consent text the person agreed to.")
        for newsletter in added:
            Subscription.objects.create(
                subscriber=subscriber,
                newsletter=newsletter,
                status=Subscription.Status.CONFIRMED,
                consent_text=consent_text,
                requested_at=now,
                request_ip=ip_address,
                request_source="preferences",
                confirmed_at=now,
                confirm_ip=ip_address,
            )


def subscriber_delete(*, subscriber: Subscriber) -> None:
    """Erase everything stored about a subscriber (subscriptions, consent records, ledger).

    Sent issues keep only their aggregate counts.
    """
    subscriber.delete()


def subscriptions_mark_bounced(*, email: str) -> int:
    """A hard bounce or complaint from the ESP: stop mailing this address."""
    return (
        Subscription.objects.active()
        .filter(subscriber__email__iexact=normalize_email(email))
        .update(status=Subscription.Status.BOUNCED, bounced_at=timezone.now())
    )
