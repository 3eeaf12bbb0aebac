"""The filters of the public list and its map (one definition for both)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.exchange.models import Item, grouped_category_choices
from partnerships.filters import area_choices
from portal.models import Horizon


class ItemFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Bedarfe oder Angebote"), choices=Item.Kind.choices, empty_label=_("beide")
    )
    category = django_filters.ChoiceFilter(
        label=_("Kategorie"), choices=[], empty_label=_("alle Kategorien")
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=[], method="filter_region", empty_label=_("alle Regionen")
    )
    horizon = django_filters.ModelChoiceFilter(
        label=_("Zeithorizont"),
        queryset=Horizon.objects.all(),
        to_field_name="slug",
        empty_label=_("alle"),
    )

    class Meta:
        model = Item
        fields = ["kind", "category", "region", "horizon"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["category"].extra["choices"] = grouped_category_choices()
        self.filters["region"].extra["choices"] = area_choices("gov_region", "oblast")

    def filter_region(self, queryset, name, value):
        return queryset.filter(Q(actor__region__slug=value) | Q(actor__slug=value))
