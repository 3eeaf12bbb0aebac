"""Translatable content fields of events (django-modeltranslation: de, uk, en)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from events.models import Event, EventSeries


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "cancellation_note", "documentation")


# Registered here, not with a field on the model: the historical model must be built after
# modeltranslation has added the per-language columns.
simple_history.register(Event, app="events")
