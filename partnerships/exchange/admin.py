"""The Bedarfsbörse in the admin: needs and offers with filters and a formula-safe CSV
export, matches with the overdue use reports, the public's messages and the followers."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from partnerships.exchange import services
from partnerships.exchange.export import items_csv
from partnerships.exchange.models import (
    ContactRequest,
    Follow,
    HandoverPhoto,
    Item,
    ItemDocument,
    ItemPhoto,
    Match,
    Message,
    Step,
)
from partnerships.exchange.services.items import item_validate
from partnerships.exchange.services.notifications import USE_REMINDER_DAYS
from partnerships.matchmaking.admin.requests import OfficeContactAdmin


class ItemAdminForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = "__all__"  # noqa: DJ007 - the admin chooses the fields

    def clean(self):
        data = super().clean()
        actor, valid_until = data.get("actor"), data.get("valid_until")
        if actor and valid_until and not self.instance.pk:
            try:
                item_validate(
                    kind=data.get("kind"),
                    actor=actor,
                    quantity=data.get("quantity") or 0,
                    needed_by=data.get("needed_by"),
                    valid_until=valid_until,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
        return data


class PhotoInline(admin.TabularInline):
    model = ItemPhoto
    extra = 0


class DocumentInline(admin.TabularInline):
    model = ItemDocument
    extra = 0


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    can_delete = False
    fields = ["at", "action", "from_state", "to_state", "by", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(TranslationAdmin):
    form = ItemAdminForm
    list_display = ["title", "kind", "category", "actor", "state", "urgency", "valid_until"]
    list_filter = [
        "kind",
        "state",
        "category",
        "horizon",
        "urgency",
        "actor__country",
        ("actor__region", admin.RelatedOnlyFieldListFilter),
        "is_synthetic",
    ]
    search_fields = ["title", "description", "actor__name"]
    list_select_related = ["actor", "horizon"]
    autocomplete_fields = ["actor"]
    readonly_fields = ["state", "state_changed_at", "published_at", "met_at", "created_by"]
    inlines = [PhotoInline, DocumentInline, StepInline]
    actions = ["export_csv"]

    @admin.action(description=_("Als CSV exportieren (Excel)"))
    def export_csv(self, request, queryset):
        response = HttpResponse(items_csv(queryset), content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="bedarfsboerse-{stamp}.csv"'
        return response


class OverdueFilter(admin.SimpleListFilter):
    title = _("Verwendungsbericht")
    parameter_name = "bericht"

    def lookups(self, request, model_admin):
        return [
            ("ueberfaellig", _("überfällig (über 60 Tage nach der Übergabe)")),
            ("fehlt", _("fehlt noch")),
            ("da", _("liegt vor")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "ueberfaellig":
            return queryset & Match.objects.use_report_overdue(days=USE_REMINDER_DAYS)
        if self.value() == "fehlt":
            return queryset.filter(handed_over_at__isnull=False, use_reported_at__isnull=True)
        if self.value() == "da":
            return queryset.filter(use_reported_at__isnull=False)
        return queryset


class HandoverPhotoInline(admin.TabularInline):
    model = HandoverPhoto
    extra = 0


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    fields = ["created_at", "author", "body"]
    readonly_fields = ["created_at", "author"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "need",
        "offer",
        "created_at",
        "handed_over_on",
        "use_reported_at",
        "use_reminder_sent_at",
        "use_alert_sent_at",
    ]
    list_filter = [OverdueFilter, "created_at", "handed_over_on"]
    list_select_related = ["need", "offer", "donor", "recipient"]
    search_fields = ["donor__name", "recipient__name", "need__title", "offer__title"]
    raw_id_fields = ["need", "offer", "donor", "recipient", "created_by"]
    readonly_fields = [
        "released_at",
        "handed_over_at",
        "use_reported_at",
        "use_reminder_sent_at",
        "use_alert_sent_at",
        "closed_at",
    ]
    inlines = [HandoverPhotoInline, MessageInline]


@admin.register(ContactRequest)
class ContactRequestAdmin(OfficeContactAdmin):
    """The public's messages about needs and offers — the Partnersuche's actions and rules."""

    about = "item"
    contact_services = services
    list_display = [
        "created_at",
        "name",
        "organisation",
        "item",
        "status",
        "forwarded_at",
        "language",
    ]
    search_fields = ["name", "organisation", "email", "item__title"]
    list_select_related = ["item__actor"]

    @admin.action(
        description=_("An die Redaktion des Akteurs weiterleiten"), permissions=["change"]
    )
    def forward(self, request, queryset):
        self.forward_all(request, queryset)


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "enabled", "last_sent_at"]
    list_filter = ["enabled"]
    raw_id_fields = ["user"]
    filter_horizontal = ["regions"]
