"""Translatable fields of the newsletter app (django-modeltranslation, fallback German)."""

from modeltranslation.translator import TranslationOptions, register

from newsletter.models import ConsentText, Issue, Newsletter


@register(Newsletter)
class NewsletterTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ConsentText)
class ConsentTextTranslation(TranslationOptions):
    fields = ("text",)


@register(Issue)
class IssueTranslation(TranslationOptions):
    fields = ("subject", "preheader", "body")
