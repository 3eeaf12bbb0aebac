import django_filters
from django.utils.translation import gettext_lazy as _

from events.models import LANGUAGE_CHOICES, Event, EventSeries
from portal.models import Theme


class EventFilter(django_filters.FilterSet):
    reihe = django_filters.ModelChoiceFilter(
        label=_("Reihe"),
        field_name="series",
        to_field_name="slug",
        queryset=EventSeries.objects.all(),
        empty_label=_("alle Reihen"),
    )
    thema = django_filters.ModelChoiceFilter(
        label=_("Thema"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label=_("alle Themen"),
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=Event.Format.choices, empty_label=_("alle Formate")
    )
    sprache = django_filters.ChoiceFilter(
        label=_("Sprache"),
        choices=LANGUAGE_CHOICES,
        method="filter_language",
        empty_label=_("alle Sprachen"),
    )

    class Meta:
        model = Event
        fields: list[str] = []

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=value)
