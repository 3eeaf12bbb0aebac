"""One way to build every email of the portal, and the portal app's own emails.

Each email is three templates beside each other: ``<prefix>_subject.txt``, ``<prefix>.txt``
and ``<prefix>.html`` (the HTML extends ``portal/emails/base.html``, whose CSS is inline so
mail clients show it). They are rendered inside ``translation.override(language)`` so the
recipient reads the email in their language. Emails are queued and sent through the outbox
(``portal/outbox.py``); the functions below render the portal app's rows there: advice
requests for the staff and django-allauth's account emails, whose confirmation and reset
links are made here, in the worker, from ids (they never travel in a row or a task).
"""

import smtplib
import socket
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from portal.models import OutboundEmail
from portal.outbox import message_for, render


def render_email(
    *,
    template_prefix: str,
    to: Sequence[str],
    context: dict,
    language: str,
    headers: dict | None = None,
    attachments: Iterable[tuple[str, bytes | str, str]] = (),
    reply_to: Sequence[str] = (),
    from_email: str | None = None,
) -> EmailMultiAlternatives:
    """Render the three templates of ``template_prefix`` into a multipart message."""
    with translation.override(language):
        ctx = {"site_url": settings.SITE_URL, "language": language, **context}
        subject = render_to_string(f"{template_prefix}_subject.txt", ctx)
        subject = " ".join(subject.split())  # never a header with line breaks
        text = render_to_string(f"{template_prefix}.txt", ctx)
        html = render_to_string(f"{template_prefix}.html", ctx)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to),
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def is_mail_error(exc: BaseException) -> bool:
    """An error of the SMTP conversation or the connection to the server."""
    return isinstance(exc, smtplib.SMTPException | OSError)


def is_temporary_mail_error(exc: BaseException) -> bool:
    """True for failures worth retrying: SMTP 4xx answers and lost or refused connections."""
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    return isinstance(
        exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | socket.timeout | OSError
    )


# --- the portal app's emails ----------------------------------------------------------------


@message_for("portal/emails/consultation_staff")
def consultation_staff_message(email: OutboundEmail) -> EmailMessage | None:
    from portal.models import ConsultationRequest

    request = ConsultationRequest.objects.filter(pk=email.context["request_id"]).first()
    if request is None:
        return None
    return render(email, {"request_obj": request})


@message_for("portal/emails/consultation_received")
def consultation_received_message(email: OutboundEmail) -> EmailMessage | None:
    from portal.models import ConsultationRequest

    request = ConsultationRequest.objects.filter(pk=email.context["request_id"]).first()
    if request is None:
        return None
    return render(email, {"request_obj": request})


@message_for("portal/emails/consultation_reply")
def consultation_reply_message(email: OutboundEmail) -> EmailMessage | None:
    from portal.models import ConsultationReply

    reply = (
        ConsultationReply.objects.select_related("request").filter(pk=email.context["reply_id"])
    ).first()
    if reply is None:
        return None
    return render(email, {"reply": reply, "request_obj": reply.request})


# django-allauth's emails (``portal.accounts.AccountAdapter`` queues them).
CONFIRMATION_TEMPLATES = (
    "account/email/email_confirmation_signup",
    "account/email/email_confirmation",
)
PASSWORD_RESET_TEMPLATE = "account/email/password_reset_key"  # noqa: S105 - a name


def _account_message(email: OutboundEmail, context: dict) -> EmailMessage:
    from allauth.account.adapter import get_adapter
    from django.contrib.sites.models import Site

    ctx = {
        "email": email.to_email,
        "current_site": Site.objects.get_current(),
        "site_url": settings.SITE_URL,
        **context,
    }
    with translation.override(email.language):
        return get_adapter().render_mail(email.template, email.to_email, ctx)


@message_for(*CONFIRMATION_TEMPLATES)
def email_confirmation_message(email: OutboundEmail) -> EmailMessage | None:
    from allauth.account.adapter import get_adapter
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    address = (
        EmailAddress.objects.select_related("user")
        .filter(pk=email.context["email_address_id"], verified=False)
        .first()
    )
    if address is None:  # confirmed or removed meanwhile
        return None
    confirmation = EmailConfirmationHMAC(address)
    with translation.override(email.language):
        url = get_adapter().get_email_confirmation_url(None, confirmation)
    return _account_message(
        email, {"user": address.user, "key": confirmation.key, "activate_url": url}
    )


@message_for(PASSWORD_RESET_TEMPLATE)
def password_reset_message(email: OutboundEmail) -> EmailMessage | None:
    from allauth.account import app_settings
    from allauth.account.adapter import get_adapter
    from allauth.account.utils import user_pk_to_url_str
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=email.context["user_id"], is_active=True).first()
    if user is None:
        return None
    temp_key = app_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    uid = user_pk_to_url_str(user)
    with translation.override(email.language):
        url = get_adapter().get_reset_password_from_key_url(f"{uid}-{temp_key}")
    return _account_message(
        email, {"user": user, "password_reset_url": url, "uid": uid, "key": temp_key}
    )


@message_for("account/email/", "mfa/email/")
def account_notice_message(email: OutboundEmail) -> EmailMessage | None:
    """allauth's other emails (unknown account, security notices): plain values only."""
    from django.contrib.auth import get_user_model

    context = dict(email.context)
    if "user_id" in context:
        context["user"] = get_user_model().objects.filter(pk=context.pop("user_id")).first()
    if isinstance(context.get("timestamp"), str):
        context["timestamp"] = datetime.fromisoformat(context["timestamp"])
    return _account_message(email, context)
