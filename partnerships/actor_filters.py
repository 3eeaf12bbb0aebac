"""Filters of the actor register: "which NRW Kreise have no Ukrainian partnership yet?",
"which hromadas of Dnipropetrowsk have a German partner?" — one filter away."""

from __future__ import annotations

import django_filters
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from partnerships.filters import PARTNER_COUNTRIES, area_filter, search_filter
from partnerships.models import Actor, Partnership, PartnershipMember

COUNTRIES = [("DE", _("Deutschland")), *PARTNER_COUNTRIES]


def _has_partner_in(country: str):
    """Exists: the actor, or an actor inside it (its Kreis/raion or region), has a published
    partnership with an actor in ``country``."""
    partnerships = PartnershipMember.objects.filter(
        actor__country=country,
        partnership__publication_state=Partnership.Publication.PUBLISHED,
    ).values("partnership_id")
    members = (
        PartnershipMember.objects.filter(partnership_id__in=partnerships)
        .filter(
            Q(actor=OuterRef("pk"))
            | Q(actor__district=OuterRef("pk"))
            | Q(actor__region=OuterRef("pk"))
        )
        .exclude(actor__country=country)
    )
    return Exists(members)


class ActorFilter(django_filters.FilterSet):
    q = search_filter()
    kind = django_filters.ChoiceFilter(
        label=_("Art"), choices=Actor.Kind.choices, empty_label=_("alle")
    )
    country = django_filters.ChoiceFilter(label=_("Land"), choices=COUNTRIES, empty_label=_("alle"))
    regierungsbezirk = area_filter(_("Regierungsbezirk"), Actor.Kind.GOV_REGION)
    oblast = area_filter(_("Ukrainische Oblast"), Actor.Kind.OBLAST)
    partner_country = django_filters.ChoiceFilter(
        label=_("hat eine Partnerschaft mit"),
        choices=COUNTRIES,
        method="filter_partner_country",
        empty_label=_("egal"),
    )
    without_partner_country = django_filters.ChoiceFilter(
        label=_("noch keine Partnerschaft mit"),
        choices=COUNTRIES,
        method="filter_without_partner_country",
        empty_label=_("egal"),
    )

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_area(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(region__slug=value) | Q(slug=value))

    def filter_partner_country(self, queryset, name, value):
        return queryset.filter(_has_partner_in(value)) if value else queryset

    def filter_without_partner_country(self, queryset, name, value):
        return queryset.exclude(_has_partner_in(value)) if value else queryset


def actor_list_queryset():
    return (
        Actor.objects.filter(is_synthetic=False)
        .select_related("district", "region")
        .annotate(
            published_partnerships=Count(
                "memberships",
                filter=Q(
                    memberships__partnership__publication_state=Partnership.Publication.PUBLISHED
                ),
            )
        )
        .order_by("name", "pk")
    )
