"""The one filter definition of the register, shared by the list, the map and the GeoJSON."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.models import Actor, Partnership, PartnershipMember
from partnerships.places.search import actor_condition
from portal import languages
from portal.models import Horizon, Theme
from portal.validators import validate_single_line

PARTNER_COUNTRIES = [
    ("UA", _("Ukraine")),
    ("PL", _("Polen")),
    ("FR", _("Frankreich")),
    ("GB", _("Vereinigtes Königreich")),
    ("NL", _("Niederlande")),
    ("ES", _("Spanien")),
    ("GR", _("Griechenland")),
    ("TR", _("Türkei")),
    ("LV", _("Lettland")),
    ("IL", _("Israel")),
    ("US", _("Vereinigte Staaten")),
]


# Years a "since" filter accepts (outside: 400 with the form's message, not a database error).
YEAR_MIN, YEAR_MAX = 1000, 2100

AREA_KINDS = (Actor.Kind.GOV_REGION, Actor.Kind.DISTRICT, Actor.Kind.OBLAST)
AREA_CHOICES_KEY = "partnerships:area-choices"


def area_choices_key(language: str) -> str:
    """The cache key of the area choices in one language (names differ per language)."""
    return f"{AREA_CHOICES_KEY}:{language}"


def area_choices_forget() -> None:
    cache.delete_many([area_choices_key(code) for code in languages.CODES])


def area_choices(*kinds: str) -> list[tuple[str, str]]:
    """(slug, name) of the Regierungsbezirke, Kreise or oblasts — one cached query for all;
    several kinds one after the other with one cache read."""
    key = area_choices_key(languages.active())
    choices = cache.get(key)
    if choices is None:
        choices = {k: [] for k in AREA_KINDS}
        rows = (
            Actor.objects.filter(kind__in=AREA_KINDS)
            .exclude(kind=Actor.Kind.DISTRICT, country="UA")
            .order_by("name")
            .values_list("kind", "slug", "name")
        )
        for k, slug, name in rows:
            choices[k].append((slug, name))
        cache.set(key, choices, 3600)
    return [choice for kind in kinds for choice in choices[kind]]


def search_filter() -> django_filters.CharFilter:
    """The search box of a register list (the FilterSet's ``filter_text`` applies it)."""
    return django_filters.CharFilter(
        label=_("Suche"),
        method="filter_text",
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"type": "search", "maxlength": 100}),
    )


def area_filter(label, kind: str) -> django_filters.ChoiceFilter:
    """A Regierungsbezirk, Kreis or oblast to filter by (the FilterSet's ``filter_area``
    applies it)."""
    return django_filters.ChoiceFilter(
        label=label,
        choices=lambda: area_choices(kind),
        method="filter_area",
        empty_label=_("alle"),
    )


def _members_matching(condition: Q):
    return PartnershipMember.objects.filter(condition).values("partnership_id")


def partnership_text_condition(value: str) -> Q:
    """Partnerships whose title or summary (any language) contains ``value`` or one of
    whose members ``value`` names in any spelling (``partnerships.places``)."""
    text = Q()
    for column in [*languages.columns("title"), *languages.columns("summary")]:
        text |= Q(**{f"{column}__icontains": value})
    members = _members_matching(actor_condition(value, path="actor__"))
    return text | Q(pk__in=members)


class PartnershipFilter(django_filters.FilterSet):
    q = search_filter()
    kind = django_filters.MultipleChoiceFilter(
        label=_("Art"), choices=Partnership.Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    formal = django_filters.BooleanFilter(
        label=_("förmlich vereinbart"),
        field_name="is_formal",
        widget=forms.Select(choices=[("", _("egal")), ("true", _("ja")), ("false", _("nein"))]),
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Stand"), choices=Partnership.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label=_("alle"),
    )
    horizon = django_filters.ModelChoiceFilter(
        label=_("Zeithorizont"),
        field_name="horizons",
        to_field_name="slug",
        queryset=Horizon.objects.all(),
        empty_label=_("alle"),
    )
    regierungsbezirk = area_filter(_("Regierungsbezirk"), Actor.Kind.GOV_REGION)
    kreis = area_filter(_("Kreis"), Actor.Kind.DISTRICT)
    oblast = area_filter(_("Ukrainische Oblast"), Actor.Kind.OBLAST)
    country = django_filters.ChoiceFilter(
        label=_("Partnerland"),
        choices=PARTNER_COUNTRIES,
        method="filter_country",
        empty_label=_("alle"),
    )
    year_from = django_filters.NumberFilter(
        label=_("seit Jahr (von)"),
        field_name="since__year",
        lookup_expr="gte",
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        widget=forms.NumberInput(attrs={"min": 1945, "max": 2100}),
    )
    year_to = django_filters.NumberFilter(
        label=_("seit Jahr (bis)"),
        field_name="since__year",
        lookup_expr="lte",
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        widget=forms.NumberInput(attrs={"min": 1945, "max": 2100}),
    )

    class Meta:
        model = Partnership
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(partnership_text_condition(value))

    def filter_area(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            pk__in=_members_matching(
                Q(actor__slug=value) | Q(actor__region__slug=value) | Q(actor__district__slug=value)
            )
        )

    def filter_country(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=_members_matching(Q(actor__country=value)))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # Only the theme and horizon filters join a many-to-many table; the others filter
        # through subqueries and never duplicate rows (DISTINCT is costly on big lists).
        if self.form.cleaned_data.get("theme") or self.form.cleaned_data.get("horizon"):
            queryset = queryset.distinct()
        return queryset

    @property
    def is_filtered(self) -> bool:
        return any(v not in (None, "", []) for v in self.form.cleaned_data.values())
