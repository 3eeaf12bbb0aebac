"""The confirmation email of the double opt-in (an outbox row, ``portal/outbox.py``).

The row holds the subscriber's id; the signed link is made here, in the worker, for the
subscriptions still pending when the email is rendered.
"""

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from newsletter.models import Subscriber, Subscription
from newsletter.rendering import absolute_url, language_of
from newsletter.services import CONFIRMATION_TEMPLATE, confirmation_token_make
from portal.models import OutboundEmail
from portal.outbox import message_for, render


@message_for(CONFIRMATION_TEMPLATE)
def confirmation_message(email: OutboundEmail) -> EmailMessage | None:
    """The link confirming all pending subscriptions of the subscriber.

    No advertising in it: only what was requested, the link and how long it is valid.
    None when there is nothing to confirm any more (confirmed or deleted meanwhile).
    """
    subscriber = Subscriber.objects.filter(pk=email.context["subscriber_id"]).first()
    if subscriber is None:
        return None
    pending = list(
        subscriber.subscriptions.filter(status=Subscription.Status.PENDING).select_related(
            "newsletter"
        )
    )
    if not pending:
        return None
    email.language = language_of(subscriber)
    token = confirmation_token_make(subscriber=subscriber, subscription_ids=[s.pk for s in pending])
    with translation.override(email.language):
        url = absolute_url(reverse("newsletter:confirm", kwargs={"token": token}))
        names = [s.newsletter.name for s in pending]
    return render(email, {"confirm_url": url, "newsletter_names": names})
