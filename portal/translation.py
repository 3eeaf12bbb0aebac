"""Translatable fields (django-modeltranslation): one column per language, searchable in SQL."""

from modeltranslation.translator import TranslationOptions, register

from portal.models import Horizon, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(Horizon)
class HorizonTranslation(TranslationOptions):
    fields = ("name", "term", "description")
