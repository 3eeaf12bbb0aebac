from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from newsletter.models import ConsentText, Newsletter
from portal import languages

register = template.Library()

FOOTER_CACHE_SECONDS = 300


def footer_cache_key(language: str) -> str:
    return f"newsletter:footer:{language}"


def footer_cache_clear() -> None:
    cache.delete_many([footer_cache_key(code) for code in languages.CODES])


@register.simple_tag
def newsletter_footer_signup() -> dict | None:
    """What the footer's sign-up form needs, cached so most pages make no query for it."""
    language = get_language() or settings.LANGUAGE_CODE
    key = footer_cache_key(language)
    data = cache.get(key)
    if data is None:
        consent = ConsentText.objects.current()
        newsletters = [(n.pk, n.name) for n in Newsletter.objects.public()]
        data = {
            "newsletters": newsletters,
            "consent_version": consent.version if consent else None,
            "consent_text": consent.text if consent else "",
        }
        cache.set(key, data, FOOTER_CACHE_SECONDS)
    if not data["newsletters"] or not data["consent_version"]:
        return None
    return {**data, "languages": settings.LANGUAGES, "current_language": language}
