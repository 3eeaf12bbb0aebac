"""The Bedarfsbörse's emails (outbox rows hold ids; links are made here, in the worker)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from partnerships.exchange.models import ContactRequest, Item, Match
from partnerships.exchange.selectors import public_place
from partnerships.exchange.services.items import CONTACT_FORWARD, CONTACT_STAFF
from partnerships.exchange.services.notifications import (
    DIGEST,
    USE_ALERT_STAFF,
    USE_REMINDER,
    opt_out_token,
)
from portal.models import OutboundEmail
from portal.outbox import message_for, render


def _absolute(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


@message_for(CONTACT_STAFF, CONTACT_FORWARD)
def contact_message(email: OutboundEmail) -> EmailMessage | None:
    contact = (
        ContactRequest.objects.select_related("item__actor")
        .filter(pk=email.context["contact_request_id"])
        .first()
    )
    if contact is None:
        return None
    with translation.override(email.language):
        url = _absolute("exchange:detail", contact.item_id)
    return render(email, {"contact": contact, "item": contact.item, "url": url})


@message_for(USE_REMINDER, USE_ALERT_STAFF)
def use_report_message(email: OutboundEmail) -> EmailMessage | None:
    match = (
        Match.objects.select_related("need", "offer", "donor", "recipient")
        .filter(pk=email.context["match_id"], use_reported_at__isnull=True, closed_at__isnull=True)
        .first()
    )
    if match is None:
        return None  # reported or closed meanwhile: moot
    with translation.override(email.language):
        url = _absolute("exchange:use_report", match.pk)
        return render(email, {"match": match, "item": match.main_item, "url": url})


@message_for(DIGEST)
def digest_message(email: OutboundEmail) -> EmailMessage | None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=email.context["user_id"], is_active=True).first()
    if user is None:
        return None
    with translation.override(email.language):
        items = Item.objects.public().select_related("actor", "actor__region")
        rows = [
            {
                "title": item.title,
                "kind": item.get_kind_display(),
                "category": item.get_category_display(),
                "place": public_place(item),
                "url": _absolute("exchange:detail", item.pk),
            }
            for item in items.filter(pk__in=email.context["item_ids"]).order_by("-published_at")
        ]
        if not rows:
            return None
        opt_out_url = _absolute("exchange:opt_out", opt_out_token(user=user))
        return render(email, {"user": user, "items": rows, "opt_out_url": opt_out_url})
