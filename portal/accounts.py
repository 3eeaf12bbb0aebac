"""django-allauth adapter: account emails go through the outbox, after the commit.

Only ids and plain values are stored: the confirmation and password-reset links are made
by the worker when it renders the email (``portal/emails.py``), so no key or link travels
in an outbox row or a task argument.
"""

from datetime import datetime

from allauth.account.adapter import DefaultAccountAdapter
from django.db.models import Model
from django.utils.translation import get_language

from portal.emails import CONFIRMATION_TEMPLATES, PASSWORD_RESET_TEMPLATE
from portal.outbox import email_queue

# Context keys that carry a secret that is not a link (links with a token are refused by
# ``email_queue`` itself): such an email must be queued with ids, as the two above are.
SECRET_KEYS = {"key", "code", "uid"}


def _language() -> str:
    return get_language() or "de"


class AccountAdapter(DefaultAccountAdapter):
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
