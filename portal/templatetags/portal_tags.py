from django import template
from django.template.defaultfilters import truncatewords as _truncatewords
from django.urls import translate_url
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal import languages
from portal.markdown import render_markdown

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language: str) -> str:
    """The current page in another language, query string kept."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    url = translate_url(request.path, language)
    if not url.startswith("/") or url[1:2] in ("/", "\\"):
        return f"/{language}/"  # "//evil.example/de/" must not become a link off the site
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


@register.filter
def markdown(text: str) -> str:
    """Markdown rendered and sanitised with nh3."""
    return mark_safe(render_markdown(text or ""))  # noqa: S308 - nh3-sanitised


@register.simple_tag
def content(obj, field: str, markdown: bool = False, words: int = 0, lines: bool = False):
    """A translated content field for the page, marked when it falls back to German.

    The fallback text carries ``lang="de"`` (screen readers, hyphenation, the no-unmarked-
    German test) and a short note in the page's language says that it is German. Inline by
    default; ``markdown=True`` or ``lines=True`` render block content."""
    text, language = languages.shown(obj, field)
    if not text:
        return ""
    page = languages.active()
    block = markdown or lines
    if markdown:
        body = mark_safe(render_markdown(text))  # noqa: S308 - nh3-sanitised
    elif lines:
        body = mark_safe(linebreaks(text, autoescape=True))  # noqa: S308 - escaped
    else:
        body = _truncatewords(text, words) if words else text
    if language == page:
        return body if block else format_html("{}", body)
    block_note, inline_note = _fallback_notes(language)
    if block:
        return format_html(
            '<p class="fallback-note" lang="{}">{}</p><div class="fallback" lang="{}">{}</div>',
            page,
            block_note,
            language,
            body,
        )
    return format_html(
        '<span class="fallback" lang="{}">{}</span> '
        '<small class="fallback-note" lang="{}">({})</small>',
        language,
        body,
        page,
        inline_note,
    )


def _fallback_notes(language: str) -> tuple[str, str]:
    """The block and inline note that a text is shown in ``language``, in the page's."""
    if language == "uk":
        return _("Dieser Text liegt nur auf Ukrainisch vor."), _("auf Ukrainisch")
    if language == "en":
        return _("Dieser Text liegt nur auf Englisch vor."), _("auf Englisch")
    return _("Dieser Text liegt nur auf Deutsch vor."), _("auf Deutsch")


# One sample count per CLDR plural category; JavaScript picks the category with
# Intl.PluralRules (Ukrainian: one 1/21, few 2–4, many 5–20; German and English: one, other).
PLURAL_SAMPLES = {"one": 1, "few": 2, "many": 5, "other": 5}


@register.simple_tag
def plural_forms(singular: str, plural: str) -> str:
    """JSON ``{"one": "{n} партнерство", "few": ..., "many": ..., "other": ...}`` of a
    ``%(counter)s`` message pair, for counts that scripts write (``data-count-forms``)."""
    import json

    from django.utils.translation import ngettext

    forms = {
        category: ngettext(singular, plural, n).replace("%(counter)s", "{n}")
        for category, n in PLURAL_SAMPLES.items()
    }
    return json.dumps(forms, ensure_ascii=False)


@register.filter
def number(value) -> str:
    """An integer with the language's thousands separator (588.250, 588 250, 588,250)."""
    from django.utils.formats import number_format

    if value in (None, ""):
        return ""
    return number_format(value, force_grouping=True)


@register.filter
def when(value, style: str = "datetime") -> str:
    """A date or time in the active language's own form (``portal.formats.STYLES``):
    "Freitag, 15. Januar 2027, 18:00" / "пʼятниця, 15 січня 2027, 18:00"."""
    from django.utils.dateformat import format as date_format

    from portal.formats import style_format

    if not value:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
    return date_format(value, style_format(style))
