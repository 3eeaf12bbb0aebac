"""Translatable texts of the search profiles (de/uk/en) and, after them, their history."""

import simple_history
from modeltranslation.translator import TranslationOptions, translator

from partnerships.matchmaking.models import SearchProfile, SuggestionWeights


class SearchProfileTranslation(TranslationOptions):
    fields = ("needs", "offers")


translator.register(SearchProfile, SearchProfileTranslation)

simple_history.register(SearchProfile, app="partnerships.matchmaking")
simple_history.register(SuggestionWeights, app="partnerships.matchmaking")
