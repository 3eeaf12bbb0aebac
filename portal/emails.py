"""One way to build and send every email of the portal.

Each email is three templates beside each other: ``<prefix>_subject.txt``, ``<prefix>.txt``
and ``<prefix>.html`` (the HTML extends ``portal/emails/base.html``, whose CSS is inline so
mail clients show it). They are rendered inside ``translation.override(language)`` so the
recipient reads the email in their language.
"""

import smtplib
import socket
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation


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


def send_email(*, connection=None, **kwargs) -> None:
    """Render and send one email (see ``render_email`` for the arguments)."""
    message = render_email(**kwargs)
    message.connection = connection or get_connection()
    message.send()


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


RETRY_DELAYS = (30, 120, 600, 1800, 3600)


def retry_or_raise(task, exc: BaseException):
    """In a bound Celery task: retry temporary mail failures with backoff, re-raise others.

    Use with ``max_retries=len(RETRY_DELAYS)``; the last failure propagates so it is logged
    and the caller's recorded state (e.g. a Delivery row) stays where staff can see it.
    """
    if is_temporary_mail_error(exc):
        delay = RETRY_DELAYS[min(task.request.retries, len(RETRY_DELAYS) - 1)]
        raise task.retry(exc=exc, countdown=delay)
    raise exc
