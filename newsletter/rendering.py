"""How an issue looks: the automatic sections, the email for one recipient, the web version.

An issue is rendered once per language through ``portal.emails.render_email`` with
placeholders where the personal links go; each recipient's message is that rendering with
their own preference and unsubscribe links put in. The admin preview uses the same path, so
staff see exactly what a recipient gets.
"""

import re
from collections import OrderedDict
from datetime import date, datetime
from email.utils import make_msgid
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.urls import reverse
from django.utils import translation

from events import selectors as event_selectors
from knowledge import selectors as knowledge_selectors
from newsletter.models import Issue, Subscriber
from newsletter.selectors import newsletter_last_sent_at
from partnerships import selectors as partnership_selectors
from partnerships.exchange import selectors as exchange_selectors
from portal import languages
from portal.emails import render_email
from portal.markdown import render_markdown

SECTION_LIMIT = 5
# Alphanumeric so that neither HTML nor URL escaping changes them.
PREFERENCES_PLACEHOLDER = "NLPREFERENCESURL7Q2X"
UNSUBSCRIBE_PLACEHOLDER = "NLUNSUBSCRIBEURL7Q2X"
PERSONAL_MARK = "NLTOKEN7Q2X"
RECIPIENT_MARK = "nlrecipient7q2x@recipient.invalid"
MESSAGE_ID_MARK = "<NLMESSAGEID7Q2X@message.invalid>"

SECTION_SELECTORS = {
    Issue.Section.EVENTS: event_selectors.newsletter_upcoming_events,
    Issue.Section.PORTRAITS: partnership_selectors.portraits_published_since,
    Issue.Section.RESOURCES: knowledge_selectors.resources_published_since,
    Issue.Section.NEEDS: exchange_selectors.needs_published_since,
}


def language_of(subscriber: Subscriber) -> str:
    return languages.known(subscriber.language)


def absolute_url(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


# --- automatic sections --------------------------------------------------------------------


def _item_to_json(item: dict) -> dict:
    value = item.get("date")
    return {
        "title": str(item.get("title", "")),
        "url": absolute_url(str(item.get("url", ""))),
        "summary": str(item.get("summary", "") or ""),
        "kind": str(item.get("kind", "") or ""),
        "date": value.isoformat() if isinstance(value, date) else None,
        "is_datetime": isinstance(value, datetime),
    }


def _item_from_json(item: dict) -> dict:
    value = item.get("date")
    if value:
        value = (
            datetime.fromisoformat(value) if item.get("is_datetime") else date.fromisoformat(value)
        )
    return {**item, "date": value}


def sections_fetch(*, issue: Issue, language: str) -> list[dict]:
    """The chosen sections with their current items (JSON-safe); empty ones are left out."""
    since = None
    if set(issue.sections) - {Issue.Section.EVENTS}:
        since = newsletter_last_sent_at(newsletter_id=issue.newsletter_id)
    sections = []
    with translation.override(language):
        for key in issue.sections:
            selector = SECTION_SELECTORS[key]
            if key == Issue.Section.EVENTS:
                items = selector(limit=SECTION_LIMIT)
            else:
                items = selector(since=since, limit=SECTION_LIMIT)
            items = [_item_to_json(item) for item in items or []]
            if items:
                sections.append({"key": str(key), "items": items})
    return sections


def sections_snapshot(*, issue: Issue) -> dict:
    """The sections in every language, frozen when sending begins."""
    if not issue.sections:
        return {}
    return {code: sections_fetch(issue=issue, language=code) for code in languages.CODES}


def sections_for(*, issue: Issue, language: str) -> list[dict]:
    """The sections to show: the frozen ones once sending began, else the current ones."""
    if issue.status in (Issue.Status.SENDING, Issue.Status.SENT):
        sections = (issue.sections_snapshot or {}).get(language, [])
    else:
        sections = sections_fetch(issue=issue, language=language)
    labels = dict(Issue.Section.choices)
    with translation.override(language):
        return [
            {
                "key": s["key"],
                "title": str(labels.get(s["key"], "")),
                "items": [_item_from_json(i) for i in s["items"]],
            }
            for s in sections
        ]


# --- HTML for mail clients -----------------------------------------------------------------

EMAIL_STYLES = {
    "p": "margin:0 0 16px 0;",
    "h2": "font-size:20px;line-height:1.3;color:#0b3d6b;margin:24px 0 8px 0;",
    "h3": "font-size:17px;line-height:1.3;color:#0b3d6b;margin:20px 0 8px 0;",
    "h4": "font-size:16px;margin:16px 0 8px 0;",
    "a": "color:#0b3d6b;text-decoration:underline;",
    "ul": "margin:0 0 16px 0;padding-left:24px;",
    "ol": "margin:0 0 16px 0;padding-left:24px;",
    "li": "margin:0 0 6px 0;",
    "blockquote": "margin:0 0 16px 0;padding:8px 16px;border-left:4px solid #dde3ea;",
    "table": "border-collapse:collapse;margin:0 0 16px 0;",
    "th": "border:1px solid #dde3ea;padding:6px;text-align:left;",
    "td": "border:1px solid #dde3ea;padding:6px;",
    "img": "max-width:100%;height:auto;",
    "hr": "border:0;border-top:1px solid #dde3ea;margin:24px 0;",
}
_TAG = re.compile(r"<(" + "|".join(EMAIL_STYLES) + r")(?=[\s>/])")


def inline_email_styles(html: str) -> str:
    """Put the CSS on each tag (mail clients drop <style> blocks). ``html`` is sanitised."""
    return _TAG.sub(lambda m: f'<{m.group(1)} style="{EMAIL_STYLES[m.group(1)]}"', html)


# --- messages ------------------------------------------------------------------------------


def limit_line_length(text: str, limit: int = 900) -> str:
    """Break lines longer than ``limit`` at spaces (a space and a line break are the same
    whitespace in HTML; in plain text a long paragraph simply wraps)."""
    if all(len(line) <= limit for line in text.splitlines()):
        return text
    out = []
    for line in text.splitlines():
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            if cut <= 0:
                break  # one word longer than the limit: leave it to the encoder
            out.append(line[:cut])
            line = line[cut + 1 :]
        out.append(line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


class IssueRenderer:
    """Renders an issue once per language and personalises it for each recipient."""

    def __init__(self, issue: Issue, *, test: bool = False):
        self.issue = issue
        self.test = test
        self._messages: dict[str, EmailMultiAlternatives] = {}
        self._url_templates: dict[str, tuple[str, str]] = {}
        self._serialized: dict[str, bytes | None] = {}
        self.from_email = settings.NEWSLETTER_FROM_EMAIL

    def _template(self, language: str) -> EmailMultiAlternatives:
        if language not in self._messages:
            issue = self.issue
            with translation.override(language):
                context = {
                    "issue": issue,
                    "subject": issue.subject,
                    "preheader": issue.preheader,
                    "body_html": inline_email_styles(render_markdown(issue.body)),
                    "body_text": issue.body,
                    "sections": sections_for(issue=issue, language=language),
                    "newsletter_name": issue.newsletter.name,
                    "archive_url": absolute_url(reverse("newsletter:archive")),
                    "preferences_url": PREFERENCES_PLACEHOLDER,
                    "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
                    "personal": True,
                    "test": self.test,
                }
            message = render_email(
                template_prefix="newsletter/emails/issue",
                to=[],
                context=context,
                language=language,
                from_email=settings.NEWSLETTER_FROM_EMAIL,
            )
            # No line may pass 998 characters in SMTP; Django would switch such a part to
            # quoted-printable. Breaking long lines at a space keeps every part plain 8bit.
            message.body = limit_line_length(message.body)
            html, mimetype = message.alternatives[0]
            message.alternatives[0] = type(message.alternatives[0])(
                limit_line_length(html), mimetype
            )
            self._messages[language] = message
        return self._messages[language]

    def parts(self, language: str) -> tuple[str, str, str]:
        """Subject, plain text and HTML with the placeholders still in."""
        template = self._template(language)
        return template.subject, template.body, template.alternatives[0][0]

    def message(
        self,
        *,
        to: str,
        language: str,
        preferences_url: str,
        unsubscribe_url: str,
        headers=None,
        message_class=EmailMultiAlternatives,
    ) -> EmailMultiAlternatives:
        subject, text, html = self.parts(language)

        def personal(value: str) -> str:
            return value.replace(PREFERENCES_PLACEHOLDER, preferences_url).replace(
                UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url
            )

        message = message_class(
            subject=subject,
            body=personal(text),
            from_email=settings.NEWSLETTER_FROM_EMAIL,
            to=[to],
            headers=headers or {},
        )
        message.attach_alternative(personal(html), "text/html")
        return message

    def _headers(self, token: str, unsubscribe_url: str) -> dict[str, str]:
        targets = f"<{unsubscribe_url}>"
        if settings.NEWSLETTER_UNSUBSCRIBE_MAILTO:  # unset: the one-click link only
            subject = quote(f"unsubscribe {token} {self.issue.newsletter_id}")
            targets += f", <mailto:{settings.NEWSLETTER_UNSUBSCRIBE_MAILTO}?subject={subject}>"
        return {
            "List-Unsubscribe": targets,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<{self.issue.newsletter.slug}.newsletter.{_site_host()}>",
        }

    def _url_templates_for(self, language: str) -> tuple[str, str]:
        if language not in self._url_templates:
            self._url_templates[language] = personal_url_templates(
                newsletter_id=self.issue.newsletter_id, language=language
            )
        return self._url_templates[language]

    def _serialized_template(self, language: str) -> bytes | None:
        """The whole MIME message of a language with marks for token, address and Message-ID.

        None when serialising changed a mark (e.g. a quoted-printable body): then each
        message is serialised on its own.
        """
        if language not in self._serialized:
            preferences, unsubscribe = self._url_templates_for(language)
            headers = self._headers(PERSONAL_MARK, unsubscribe)
            headers["Message-ID"] = MESSAGE_ID_MARK
            template = self.message(
                to=RECIPIENT_MARK,
                language=language,
                preferences_url=preferences,
                unsubscribe_url=unsubscribe,
                headers=headers,
            )
            data = template.message().as_bytes(linesep="\r\n")
            expected = (
                template.body.count(PERSONAL_MARK)
                + template.alternatives[0][0].count(PERSONAL_MARK)
                + sum(value.count(PERSONAL_MARK) for value in headers.values())
            )
            intact = (
                data.count(PERSONAL_MARK.encode()) == expected
                and data.count(RECIPIENT_MARK.encode()) == 1
                and data.count(MESSAGE_ID_MARK.encode()) == 1
            )
            self._serialized[language] = data if intact else None
        return self._serialized[language]

    def message_for(self, subscriber: Subscriber) -> EmailMultiAlternatives:
        """The message for one subscriber: their language, their links, RFC 8058 headers.

        The MIME bytes are the language's serialised template with the subscriber's token,
        address and a fresh Message-ID put in (serialising MIME per message costs more than
        everything else together); ESP backends use the message's fields as usual.
        """
        language = language_of(subscriber)
        preferences_url, unsubscribe_url = (
            url.replace(PERSONAL_MARK, subscriber.token)
            for url in self._url_templates_for(language)
        )
        message = self.message(
            to=subscriber.email,
            language=language,
            preferences_url=preferences_url,
            unsubscribe_url=unsubscribe_url,
            headers=self._headers(subscriber.token, unsubscribe_url),
            message_class=PersonalisedEmail,
        )
        template = self._serialized_template(language)
        if template is not None and _plain_address(subscriber.email):
            message.serialized = (
                template.replace(PERSONAL_MARK.encode(), subscriber.token.encode())
                .replace(RECIPIENT_MARK.encode(), subscriber.email.encode())
                .replace(MESSAGE_ID_MARK.encode(), make_msgid(domain=DNS_NAME).encode())
            )
        return message


_RENDERERS: "OrderedDict[tuple, IssueRenderer]" = OrderedDict()
RENDERER_CACHE_SIZE = 4


def renderer_for(issue: Issue) -> IssueRenderer:
    """The issue's renderer, shared by every batch of the same issue version that this
    process sends: Markdown, CSS inlining and MIME serialisation happen once per language
    and process instead of once per batch (about 0.1 s per batch of 100 here)."""
    key = (issue.pk, issue.updated_at, settings.NEWSLETTER_FROM_EMAIL, settings.SITE_URL)
    renderer = _RENDERERS.get(key)
    if renderer is None:
        renderer = _RENDERERS[key] = IssueRenderer(issue)
        while len(_RENDERERS) > RENDERER_CACHE_SIZE:
            _RENDERERS.popitem(last=False)
    return renderer


_PLAIN_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$")


def _plain_address(email: str) -> bool:
    """ASCII addresses appear in the To header exactly as written; others get encoded."""
    return bool(_PLAIN_ADDRESS.match(email))


class _SerializedMessage:
    """Stands in for ``email.message.Message`` where Django's backends only serialise it."""

    def __init__(self, data: bytes):
        self._data = data  # CRLF line endings

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self._data if linesep == "\r\n" else self._data.replace(b"\r\n", linesep.encode())

    def get_charset(self):
        return None


class PersonalisedEmail(EmailMultiAlternatives):
    """A message whose MIME bytes were prepared by ``IssueRenderer.message_for``."""

    serialized: bytes | None = None

    def message(self):
        if self.serialized is None:
            return super().message()
        return _SerializedMessage(self.serialized)


def _site_host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def personal_url_templates(*, newsletter_id: int, language: str) -> tuple[str, str]:
    """Both personal URLs with a placeholder for the token (reversed once, not per message)."""
    with translation.override(language):
        preferences = reverse("newsletter:preferences", kwargs={"token": PERSONAL_MARK})
    unsubscribe = reverse(
        "newsletter_api:unsubscribe",
        kwargs={"token": PERSONAL_MARK, "newsletter_id": newsletter_id},
    )
    return absolute_url(preferences), absolute_url(unsubscribe)


def issue_web_context(*, issue: Issue, language: str) -> dict:
    """What the public archive shows: the issue without anything personal."""
    return {
        "issue": issue,
        "body_html": render_markdown(issue.body),
        "sections": sections_for(issue=issue, language=language),
    }
