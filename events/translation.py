"""Translatable content fields of events (django-modeltranslation: de, uk, en)."""

from modeltranslation.translator import TranslationOptions, register

from events.models import Event, EventSeries


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "cancellation_note", "documentation")
