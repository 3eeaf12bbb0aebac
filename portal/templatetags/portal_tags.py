from django import template
from django.urls import translate_url
from django.utils.safestring import mark_safe

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
