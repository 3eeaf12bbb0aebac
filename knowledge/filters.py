"""Facets of the library list and the funding guide (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge.models import Country, FundingProgram, Resource, TargetGroup
from portal import languages
from portal.models import Horizon, Theme


def theme_filter() -> django_filters.ModelChoiceFilter:
    """The theme facet shared by the library and the funding guide."""
    return django_filters.ModelChoiceFilter(
        label=_("Thema"),
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("alle Themen"),
    )


def horizon_filter() -> django_filters.ModelChoiceFilter:
    """The time-horizon facet shared by the library and the funding guide."""
    return django_filters.ModelChoiceFilter(
        label=_("Zeithorizont"),
        field_name="horizons",
        queryset=Horizon.objects.all(),
        to_field_name="slug",
        empty_label=_("alle Zeithorizonte"),
    )


class ResourceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Art"), choices=Resource.Kind.choices, empty_label=_("alle Arten")
    )
    theme = theme_filter()
    horizon = horizon_filter()
    country = django_filters.ModelChoiceFilter(
        label=_("Land"),
        field_name="countries",
        queryset=Country.objects.all(),
        to_field_name="code",
        empty_label=_("alle Länder"),
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Zielgruppe"),
        field_name="target_groups",
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        empty_label=_("alle Zielgruppen"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Sprache"), choices=languages.CHOICES, empty_label=_("alle Sprachen")
    )

    class Meta:
        model = Resource
        fields: list[str] = []


class FundingFilter(django_filters.FilterSet):
    applicant = django_filters.ModelChoiceFilter(
        label=_("Wer beantragt?"),
        field_name="applicant_groups",
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        empty_label=_("alle Antragstellenden"),
    )
    theme = theme_filter()
    horizon = horizon_filter()
    open_now = django_filters.BooleanFilter(
        label=_("nur jetzt offene Programme"),
        method="filter_open_now",
        widget=forms.CheckboxInput(),
    )

    class Meta:
        model = FundingProgram
        fields: list[str] = []

    def filter_open_now(self, queryset, name, value):
        # "open now" is derived from dates in Python (selectors.funding_programs).
        return queryset
