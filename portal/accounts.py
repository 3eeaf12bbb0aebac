"""django-allauth adapter: account emails go through the outbox, after the commit.

Only ids and plain values are stored: the confirmation and password-reset links are made
by the worker when it renders the email (``portal/emails.py``), so no key or link travels
in an outbox row or a task argument.
"""

from datetime import datetime
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import get_language

from portal.emails import CONFIRMATION_TEMPLATES, PASSWORD_RESET_TEMPLATE
from portal.outbox import email_queue

# Context keys that carry a secret that is not a link (links with a token are refused by
# ``email_queue`` itself): such an email must be queued with ids, as the two above are.
SECRET_KEYS = {"key", "code", "uid"}


def _language() -> str:
    return get_language() or "de"


class AccountAdapter(DefaultAccountAdapter):
    # Links in account emails are made in the worker, without a request: they start with
    # SITE_URL (the address the portal really runs on; ``make run PORT=...`` sets it), not
    # with the Site object's domain, which was fixed when the database was migrated.
    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return settings.SITE_URL + reverse("account_confirm_email", args=[emailconfirmation.key])

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return settings.SITE_URL + path.replace("UID-KEY", quote(key))

    def send_confirmation_mail(self, request, emailconfirmation, signup: bool) -> None:
        email_queue(
            template=CONFIRMATION_TEMPLATES[0 if signup else 1],
            to=emailconfirmation.email_address.email,
            language=_language(),
            context={"email_address_id": emailconfirmation.email_address.pk},
        )

    def send_password_reset_mail(self, user, email: str, context: dict) -> None:
        email_queue(
            template=PASSWORD_RESET_TEMPLATE,
            to=email,
            language=_language(),
            context={"user_id": user.pk},
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's other emails: their plain values (links to public pages, times)."""
        secret = SECRET_KEYS & set(context)
        if secret:
            raise ValueError(f"{template_prefix}: {sorted(secret)} must not be queued")
        plain: dict = {}
        for key, value in context.items():
            if isinstance(value, Model) and key == "user":
                plain["user_id"] = value.pk
            elif isinstance(value, datetime):
                plain[key] = value.isoformat()
            elif isinstance(value, str | int | float | bool) or value is None:
                plain[key] = value
        email_queue(template=template_prefix, to=email, language=_language(), context=plain)
