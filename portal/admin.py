from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from portal import outbox, services
from portal.models import ConsultationRequest, Horizon, OutboundEmail, Theme, User


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
    list_display = ["created_at", "organisation", "name", "topic", "status"]
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


@admin.action(description=_("Erneut senden (nur fehlgeschlagene)"))
def retry_emails(modeladmin, request, queryset):
    count = outbox.emails_retry(ids=queryset.values_list("pk", flat=True))
    modeladmin.message_user(request, _("%(n)s E-Mail(s) werden erneut gesendet.") % {"n": count})


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """Every email of the portal (the newsletter's issues aside): what waits, what went
    out, what failed and why."""

    list_display = [
        "created_at",
        "template",
        "to_email",
        "status",
        "attempts",
        "possibly_duplicate",
        "sent_at",
        "error",
    ]
    list_filter = ["status", "possibly_duplicate", "template"]
    search_fields = ["to_email", "template"]
    date_hierarchy = "created_at"
    actions = [retry_emails]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]
    show_full_result_count = False

    @admin.display(description=_("letzter Fehler"))
    def error(self, obj: OutboundEmail) -> str:
        return obj.last_error[:120]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
