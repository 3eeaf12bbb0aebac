"""The filters of the public list and map of search profiles (one definition for both)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.filters import area_choices
from partnerships.matchmaking.models import SearchProfile
from portal.models import Theme

SIZES = {
    "klein": (None, 5000),
    "mittel": (5000, 20000),
    "gross": (20000, 100000),
    "sehr-gross": (100000, None),
}


class ProfileFilter(django_filters.FilterSet):
    side = django_filters.ChoiceFilter(
        label=_("Seite"),
        choices=[("DE", _("Nordrhein-Westfalen")), ("UA", _("Ukraine"))],
        field_name="actor__country",
        empty_label=_("beide"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        choices=[],
        method="filter_region",
        empty_label=_("alle Regionen"),
    )
    themes = django_filters.ModelMultipleChoiceFilter(
        label=_("Themen"),
        field_name="themes__slug",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    size = django_filters.ChoiceFilter(
        label=_("Größe (Einwohner)"),
        choices=[
            ("klein", _("unter 5.000")),
            ("mittel", _("5.000 bis 20.000")),
            ("gross", _("20.000 bis 100.000")),
            ("sehr-gross", _("über 100.000")),
        ],
        method="filter_size",
        empty_label=_("alle Größen"),
    )

    class Meta:
        model = SearchProfile
        fields = ["side", "region", "themes", "size"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].extra["choices"] = [
            *area_choices("gov_region"),
            *area_choices("oblast"),
        ]

    def filter_region(self, queryset, name, value):
        return queryset.filter(
            Q(actor__region__slug=value) | Q(actor__slug=value) | Q(actor__parent__slug=value)
        )

    def filter_size(self, queryset, name, value):
        low, high = SIZES.get(value, (None, None))
        if low is not None:
            queryset = queryset.filter(actor__population__gte=low)
        if high is not None:
            queryset = queryset.filter(actor__population__lt=high)
        return queryset
