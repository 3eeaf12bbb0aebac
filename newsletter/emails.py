"""The confirmation email of the double opt-in."""

from django.urls import reverse
from django.utils import translation

from newsletter.models import Subscriber, Subscription
from newsletter.rendering import absolute_url, language_of
from newsletter.services import confirmation_token_make
from portal.emails import send_email


def confirmation_send(*, subscriber_id: int) -> bool:
    """Send the link confirming all pending subscriptions of the subscriber.

    No advertising in it: only what was requested, the link and how long it is valid.
    False when there is nothing to confirm any more (confirmed or deleted meanwhile).
    """
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    pending = list(
        subscriber.subscriptions.filter(status=Subscription.Status.PENDING).select_related(
            "newsletter"
        )
    )
    if not pending:
        return False
    language = language_of(subscriber)
    token = confirmation_token_make(subscriber=subscriber, subscription_ids=[s.pk for s in pending])
    with translation.override(language):
        url = absolute_url(reverse("newsletter:confirm", kwargs={"token": token}))
        names = [s.newsletter.name for s in pending]
    send_email(
        template_prefix="newsletter/emails/confirm",
        to=[subscriber.email],
        context={"confirm_url": url, "newsletter_names": names},
        language=language,
    )
    return True
