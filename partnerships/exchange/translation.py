"""Translatable texts of needs and offers (de/uk/en; German is the fallback)."""

from modeltranslation.translator import TranslationOptions, translator

from partnerships.exchange.models import Item
from portal import languages


class ItemTranslation(TranslationOptions):
    fields = ("title", "description")
    # A need written in Ukrainian only is shown in Ukrainian rather than empty (marked as
    # missing its German text); German first, as everywhere.
    fallback_languages = {"default": languages.CODES}


translator.register(Item, ItemTranslation)
