"""Secret links never reach the logs.

Manage, join, newsletter, invitation, email-confirmation and password-reset links carry a
personal token in their path (``.../anmeldung/<token>/``). Whoever reads a log must not be
able to use them, so every log line shows ``[redacted]`` instead: the application's (a filter
on the handlers of ``LOGGING``), the Celery workers' and beat's (the same filter on Celery's
handlers, ``portal/celery.py``) and gunicorn's access log (its logger class,
``--logger-class portal.log_redaction.GunicornLogger``). Tracebacks are redacted too.
``tests/portal/test_log_redaction.py`` checks every URL route
with a token is covered.
"""

import logging
import re

from gunicorn.glogging import Logger

# The path segments that are followed by a token in the URL routes (the portal's, and
# allauth's email confirmation and password reset keys).
TOKEN_SEGMENTS = (
    "anmeldung",
    "teilnehmen",
    "bestaetigen",
    "einstellungen",
    "abmelden",
    "einladung",
    "antwort",
    "benachrichtigungen",
    "bestandsaufnahme",
    "confirm-email",
    "key",
)
_TOKEN = re.compile(r"/(%s)/[^/?#\s\"']+" % "|".join(TOKEN_SEGMENTS))  # noqa: UP031


def redact(text: str) -> str:
    return _TOKEN.sub(r"/\1/[redacted]", text)


class RedactTokensFilter(logging.Filter):
    """On the handlers: the message and any traceback text of a record are redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class GunicornLogger(Logger):
    """Gunicorn's logger with the request line, path, query and referer redacted."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = redact(value)
        return atoms
