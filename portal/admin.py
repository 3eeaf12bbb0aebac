from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from portal import languages, outbox, services
from portal.models import (
    ConsultationReply,
    ConsultationRequest,
    Horizon,
    OutboundEmail,
    Theme,
    User,
)


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


class ConsultationReplyForm(forms.Form):
    subject = forms.CharField(label=_("Betreff"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 80}),
        help_text=_("Geht per E-Mail an die anfragende Person und bleibt bei der Anfrage."),
    )


class ConsultationReplyInline(admin.TabularInline):
    model = ConsultationReply
    extra = 0
    can_delete = False
    fields = ["created_at", "sent_by", "subject", "body"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "organisation", "name", "topic", "status"]
    list_filter = ["status", "topic", "organisation_kind", "language"]
    search_fields = ["name", "organisation", "email", "message"]
    date_hierarchy = "created_at"
    actions = [mark_in_progress, mark_done]
    # What the person sent and the record of it: shown, never changed.
    request_fields = list(ConsultationRequest.SUBMITTED_FIELDS)
    inlines = [ConsultationReplyInline]
    record_fields = [
        "consent_text",
        "consent_at",
        "ip_address",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [*request_fields, "language", *record_fields, "reply_link"]
    fieldsets = [
        (None, {"fields": ["status", "staff_note", "reply_link"]}),
        (_("Anfrage"), {"fields": [*request_fields, "language"]}),
        (_("Nachweis"), {"fields": record_fields}),
    ]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("Antwort"))
    def reply_link(self, obj) -> str:
        if obj is None or obj.pk is None:
            return ""
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("admin:portal_consultationrequest_reply", args=[obj.pk]),
            _("Per E-Mail antworten"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/antworten/",
                self.admin_site.admin_view(self.reply_view),
                name="portal_consultationrequest_reply",
            ),
            *super().get_urls(),
        ]

    def reply_view(self, request, pk: int):
        """Staff answer the request by email; the answer is kept with it (the inline)."""
        consultation = get_object_or_404(ConsultationRequest, pk=pk)
        if not self.has_change_permission(request, consultation):
            raise PermissionDenied
        with translation.override(languages.known(consultation.language)):
            initial_subject = str(_("Ihre Anfrage an die Netzwerkstelle Städtepartnerschaften NRW"))
        form = ConsultationReplyForm(request.POST or None, initial={"subject": initial_subject})
        if request.method == "POST" and form.is_valid():
            services.consultation_reply_send(
                request=consultation,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                sent_by=request.user,
            )
            self.message_user(
                request,
                _("Die Antwort an %(email)s ist unterwegs.") % {"email": consultation.email},
                messages.SUCCESS,
            )
            return redirect("admin:portal_consultationrequest_change", consultation.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Antworten: %(org)s") % {"org": consultation.organisation},
            "consultation": consultation,
            "language_label": dict(languages.CHOICES).get(
                languages.known(consultation.language), ""
            ),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/portal/consultationrequest/reply.html", context)


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
