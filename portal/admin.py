from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from portal import services
from portal.models import ConsultationRequest, Horizon, Theme, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "language"]}),
        (
            _("Rechte"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Daten"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Horizon)
class HorizonAdmin(TranslationAdmin):
    list_display = ["name", "term", "position"]


@admin.action(description=_("Als „in Bearbeitung“ markieren"))
def mark_in_progress(modeladmin, request, queryset):
    services.consultation_requests_set_status(
        requests=queryset, status=ConsultationRequest.Status.IN_PROGRESS
    )


@admin.action(description=_("Als „erledigt“ markieren"))
def mark_done(modeladmin, request, queryset):
    services.consultation_requests_set_status(
        requests=queryset, status=ConsultationRequest.Status.DONE
    )


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "organisation", "name", "topic", "status", "staff_notified_at"]
    list_filter = ["status", "topic", "organisation_kind", "language"]
    search_fields = ["name", "organisation", "email", "message"]
    date_hierarchy = "created_at"
    actions = [mark_in_progress, mark_done]
    # What the person sent and the record of it: shown, never changed.
    request_fields = ["name", "organisation", "organisation_kind", "email", "topic", "message"]
    record_fields = [
        "consent_text",
        "consent_at",
        "ip_address",
        "staff_notified_at",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [*request_fields, "language", *record_fields]
    fieldsets = [
        (None, {"fields": ["status", "staff_note"]}),
        (_("Anfrage"), {"fields": [*request_fields, "language"]}),
        (_("Nachweis"), {"fields": record_fields}),
    ]

    def has_add_permission(self, request) -> bool:
        return False
