from django.contrib import admin
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from partnerships.matchmaking import selectors, services
from partnerships.matchmaking.models import OriginStatistic, SearchProfile
from partnerships.models import Actor


class ExpiredFilter(admin.SimpleListFilter):
    title = _("gültig")
    parameter_name = "gueltig"

    def lookups(self, request, model_admin):
        return [("ja", _("gültig")), ("nein", _("abgelaufen"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.active()
        if self.value() == "nein":
            return queryset.exclude(pk__in=queryset.active().values("pk"))
        return queryset


class SideFilter(admin.SimpleListFilter):
    title = _("Seite")
    parameter_name = "seite"

    def lookups(self, request, model_admin):
        return [("DE", _("NRW")), ("UA", _("Ukraine"))]

    def queryset(self, request, queryset):
        if self.value() in ("DE", "UA"):
            return queryset.filter(actor__country=self.value())
        return queryset


@admin.register(SearchProfile)
class SearchProfileAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = [
        "actor",
        "visibility",
        "decision_stage",
        "valid_until",
        "updated_at",
        "suggestions_link",
    ]
    list_filter = [SideFilter, "visibility", "decision_stage", ExpiredFilter, "actor__kind"]
    search_fields = ["actor__name", "actor__aliases", "contact_name", "contact_email"]
    list_select_related = ["actor"]
    autocomplete_fields = ["actor", "preferred_regions", "excluded_regions"]
    filter_horizontal = ["themes", "horizons", "need_themes", "offer_themes"]
    readonly_fields = ["expiry_reminder_sent_at", "created_by", "created_at", "updated_at"]
    actions = ["open_cases"]
    fieldsets = [
        (None, {"fields": ["actor", "visibility", "valid_until", "decision_stage"]}),
        (_("Gesucht"), {"fields": list(SearchProfile.SOUGHT_FIELDS)}),
        (
            _("Bedarf und Angebot"),
            {"fields": ["needs", "need_themes", "offers", "offer_themes"]},
        ),
        (_("Möglichkeiten"), {"fields": ["languages", "staff_time"]}),
        (
            _("Ansprechperson (nicht öffentlich)"),
            {"fields": ["contact_name", "contact_email", "contact_phone", "contact_language"]},
        ),
        (
            _("Verlauf"),
            {"fields": ["expiry_reminder_sent_at", "created_by", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description=_("Vorschläge"))
    def suggestions_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:matchmaking_searchprofile_suggestions", args=[obj.pk]),
            _("Vorschläge"),
        )

    @admin.action(description=_("Anbahnung anlegen"))
    def open_cases(self, request, queryset):
        from partnerships.matchmaking.models import MatchCase

        opened = []
        for profile in queryset.select_related("actor"):
            if not MatchCase.objects.open().filter(profile=profile).exists():
                opened.append(services.case_open(profile=profile, by=request.user))
        if len(opened) == 1:
            return redirect("admin:matchmaking_matchcase_change", opened[0].pk)
        self.message_user(
            request,
            ngettext(
                "%(count)s Anbahnung angelegt.", "%(count)s Anbahnungen angelegt.", len(opened)
            )
            % {"count": len(opened)},
        )
        return None

    def save_model(self, request, obj, form, change):
        services.search_profile_normalise(profile=obj)
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/vorschlaege/",
                view(self.profile_suggestions_view),
                name="matchmaking_searchprofile_suggestions",
            ),
            path(
                "akteur/<int:actor_id>/vorschlaege/",
                view(self.actor_suggestions_view),
                name="matchmaking_actor_suggestions",
            ),
            *super().get_urls(),
        ]

    def _render(self, request, *, title, suggestions, actor, profile=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "actor": actor,
            "profile": profile,
            "suggestions": suggestions,
        }
        return TemplateResponse(request, "admin/matchmaking/suggestions.html", context)

    def profile_suggestions_view(self, request, pk: int):
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        profile = get_object_or_404(SearchProfile.objects.select_related("actor"), pk=pk)
        return self._render(
            request,
            title=_("Vorschläge für das Suchprofil von %(actor)s") % {"actor": profile.actor},
            suggestions=selectors.profile_suggestions(profile=profile, staff=True, limit=30),
            actor=profile.actor,
            profile=profile,
        )

    def actor_suggestions_view(self, request, actor_id: int):
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        actor = get_object_or_404(Actor, pk=actor_id)
        return self._render(
            request,
            title=_("Vorschläge für %(actor)s") % {"actor": actor},
            suggestions=selectors.actor_suggestions(actor=actor, limit=30),
            actor=actor,
        )


@admin.register(OriginStatistic)
class OriginStatisticAdmin(admin.ModelAdmin):
    list_display = [
        "actor",
        "origin_country",
        "origin_region",
        "residents",
        "share_pct",
        "as_of",
        "source",
    ]
    list_filter = ["origin_country", "as_of"]
    search_fields = ["actor__name", "source", "note"]
    list_select_related = ["actor", "origin_region"]
    autocomplete_fields = ["actor", "origin_region"]
    readonly_fields = ["entered_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)
