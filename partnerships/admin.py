from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from partnerships import permissions, services
from partnerships.admin_coordinates import CoordinateStatusFilter, coordinates_view
from partnerships.models import (
    AccessRequest,
    Actor,
    ActorEditor,
    DigestRun,
    Document,
    Image,
    Invitation,
    KindChange,
    Milestone,
    Partnership,
    PartnershipMember,
    Project,
    StatusStep,
)
from portal import languages


class ClaimedFilter(admin.SimpleListFilter):
    title = _("Profil gepflegt")
    parameter_name = "claimed"

    def lookups(self, request, model_admin):
        return [("yes", _("gepflegt")), ("no", _("noch nicht gepflegt"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(claimed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(claimed_at__isnull=True)
        return queryset


class ActorEditorInline(admin.TabularInline):
    model = ActorEditor
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = [
        "name",
        "kind",
        "country",
        "admin_area",
        "official_code",
        "population",
        "is_sensitive",
        "claimed_at",
    ]
    list_filter = [
        "kind",
        "country",
        "is_sensitive",
        ClaimedFilter,
        CoordinateStatusFilter,
        ("region", admin.RelatedOnlyFieldListFilter),  # the regions in use, not every actor
    ]
    search_fields = [*languages.columns("name"), "aliases", "official_code", "admin_area"]
    list_select_related = ["region"]
    autocomplete_fields = ["parent", "region", "district"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorEditorInline]
    readonly_fields = ["created_at", "updated_at", "reference_source"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "slug", "aliases", "country", "website", "logo"]}),
        (
            _("Verwaltung"),
            {
                "fields": [
                    "admin_area",
                    "parent",
                    "region",
                    "district",
                    "official_code",
                    "wikidata_id",
                    "population",
                    "population_date",
                    "idp_count",
                ]
            },
        ),
        (
            _("Ort"),
            {"fields": ["latitude", "longitude", "coordinate_source", "is_sensitive"]},
        ),
        (_("Beschreibung"), {"fields": ["description"]}),
        (_("Kontakt (öffentlich)"), {"fields": ["contact_name", "contact_email", "contact_phone"]}),
        (
            _("Status"),
            {
                "fields": [
                    "claimed_at",
                    "reference_source",
                    "is_synthetic",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    change_list_template = "admin/partnerships/actor_changelist.html"

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "koordinaten/",
                self.admin_site.admin_view(lambda request: coordinates_view(self, request)),
                name="partnerships_actor_coordinates",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        typed = {"latitude", "longitude"} & set(form.changed_data)
        if typed and "coordinate_source" not in form.changed_data:
            services.actor_coordinates_edited(actor=obj)
        super().save_model(request, obj, form, change)
        services.actor_changed(actor=obj)
        if obj.latitude is None or obj.longitude is None:
            self._look_up_coordinates(request, obj)

    def _look_up_coordinates(self, request, actor):
        from django.urls import reverse
        from django.utils.html import format_html

        if services.actor_geocode(actor=actor, by=request.user):
            self.message_user(
                request,
                _("Koordinaten aus dem Ortsverzeichnis übernommen – bitte prüfen."),
                messages.WARNING,
            )
            return
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _(
                    "Der Name wurde im Ortsverzeichnis nicht gefunden; der Akteur hat keine "
                    "Koordinaten und erscheint nicht auf der Karte."
                ),
                reverse("admin:partnerships_actor_coordinates") + "?queue=not_found",
                _("Koordinaten eintragen"),
            ),
            messages.WARNING,
        )


class MemberInline(admin.TabularInline):
    model = PartnershipMember
    extra = 0
    min_num = 2
    autocomplete_fields = ["actor"]


class StatusStepInline(admin.TabularInline):
    model = StatusStep
    extra = 0


class KindChangeInline(admin.TabularInline):
    model = KindChange
    extra = 0


class FactInline(admin.TabularInline):
    """Dated statements with their sources (imports, surveys); read-only."""

    from partnerships.imports.models import PartnershipFact as model

    extra = 0
    can_delete = False
    fields = ["field", "value", "date", "precision", "is_current", "source", "source_date"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class MilestoneInline(TranslationStackedInline):
    model = Milestone
    extra = 0


class ProjectInline(TranslationStackedInline):
    model = Project
    extra = 0


class ImageInline(TranslationStackedInline):
    model = Image
    extra = 0


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("Rückmeldung an die Redaktion"), widget=forms.Textarea, max_length=2000
    )


@admin.action(description=_("Veröffentlichen"), permissions=["publish"])
def publish(modeladmin, request, queryset):
    done = 0
    for partnership in queryset:
        try:
            services.partnership_publish(partnership=partnership, by=request.user)
            done += 1
        except ValidationError as exc:
            modeladmin.message_user(
                request, f"{partnership}: {' '.join(exc.messages)}", messages.ERROR
            )
    if done:
        modeladmin.message_user(
            request,
            ngettext(
                "%(n)d Partnerschaft veröffentlicht.",
                "%(n)d Partnerschaften veröffentlicht.",
                done,
            )
            % {"n": done},
        )


@admin.action(description=_("Mit Kommentar zurücksenden"), permissions=["publish"])
def send_back(modeladmin, request, queryset):
    if "apply" in request.POST:
        form = SendBackForm(request.POST)
        if form.is_valid():
            for partnership in queryset:
                services.partnership_send_back(
                    partnership=partnership, comment=form.cleaned_data["comment"], by=request.user
                )
            modeladmin.message_user(request, _("Zurückgesendet."))
            return None
    else:
        form = SendBackForm()
    return render(
        request,
        "admin/partnerships/send_back.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": _("Mit Kommentar zurücksenden"),
            "form": form,
            "queryset": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "opts": modeladmin.model._meta,
        },
    )


@admin.action(description=_("Als CSV exportieren"))
def export_csv(modeladmin, request, queryset):
    from django.http import HttpResponse

    from partnerships.importexport import export_csv as build

    response = HttpResponse(build(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="partnerschaften-export.csv"'
    return response


class PartnershipAdminForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = "__all__"  # noqa: DJ007 - the admin edits every field


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin, TranslationAdmin):
    form = PartnershipAdminForm
    list_display = [
        "title",
        "kind",
        "is_formal",
        "status",
        "since",
        "publication_state",
        "updated_at",
    ]
    list_filter = [
        "publication_state",
        "kind",
        "is_formal",
        "status",
        "horizons",
        "themes",
        "is_synthetic",
    ]
    search_fields = ["title", "slug", "members__actor__name", "members__actor__aliases"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["horizons", "themes"]
    date_hierarchy = "since"
    actions = [publish, send_back, export_csv]
    change_list_template = "admin/partnerships/partnership_changelist.html"

    def has_publish_permission(self, request) -> bool:
        return permissions.can_publish_partnership(request.user)

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="partnerships_partnership_import",
            ),
            path(
                "import/<int:run_id>/",
                self.admin_site.admin_view(self.import_run_view),
                name="partnerships_partnership_import_run",
            ),
            path(
                "import/<int:run_id>/apply/",
                self.admin_site.admin_view(self.import_apply_view),
                name="partnerships_partnership_import_apply",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        from partnerships.imports.views import upload_view

        return upload_view(self, request)

    def import_run_view(self, request, run_id):
        from partnerships.imports.views import run_view

        return run_view(self, request, run_id)

    def import_apply_view(self, request, run_id):
        from partnerships.imports.views import apply_view

        return apply_view(self, request, run_id)

    inlines = [
        MemberInline,
        StatusStepInline,
        KindChangeInline,
        FactInline,
        MilestoneInline,
        ProjectInline,
        ImageInline,
        DocumentInline,
    ]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "kind",
                    "is_formal",
                    "status",
                    ("since", "since_precision"),
                    "ended_on",
                    "end_condition",
                    "horizons",
                    "themes",
                ]
            },
        ),
        (_("Porträt"), {"fields": list(Partnership.PORTRAIT_FIELDS)}),
        (
            _("Veröffentlichung"),
            {
                "fields": [
                    "publication_state",
                    "review_comment",
                    "published_at",
                    "is_synthetic",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if change and "kind" in form.changed_data:
            new_kind, obj.kind = obj.kind, form.initial["kind"]
            services.partnership_change_kind(partnership=obj, kind=new_kind, by=request.user)
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if obj.is_published or "publication_state" in form.changed_data:
            services.published_data_changed()


@admin.action(description=_("Zugang gewähren (E-Mail an die Person)"))
def approve_requests(modeladmin, request, queryset):
    for access_request in queryset.filter(status=AccessRequest.Status.PENDING):
        services.access_request_decide(access_request=access_request, approve=True, by=request.user)
    modeladmin.message_user(request, _("Entschieden."))


@admin.action(description=_("Ablehnen (E-Mail an die Person, Begründung aus dem Feld)"))
def refuse_requests(modeladmin, request, queryset):
    for access_request in queryset.filter(status=AccessRequest.Status.PENDING):
        services.access_request_decide(
            access_request=access_request,
            approve=False,
            by=request.user,
            note=access_request.decision_note,
        )
    modeladmin.message_user(request, _("Entschieden."))


@admin.register(AccessRequest)
class AccessRequestAdmin(admin.ModelAdmin):
    actions = [approve_requests, refuse_requests]
    list_display = ["created_at", "user", "actor", "status", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "actor__name"]
    autocomplete_fields = ["user", "actor"]
    readonly_fields = ["decided_by", "decided_at", "created_at"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "actor", "role", "created_at", "accepted_at"]
    search_fields = ["email", "actor__name"]
    autocomplete_fields = ["actor"]
    readonly_fields = ["invited_by", "accepted_at", "accepted_by", "created_at"]
    fields = ["email", "actor", "role", "language", *readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.invitation_create(
            email=obj.email, actor=obj.actor, role=obj.role, language=obj.language, by=request.user
        )
        obj.pk = created.pk


@admin.register(ActorEditor)
class ActorEditorAdmin(admin.ModelAdmin):
    list_display = ["user", "actor", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "actor__name"]
    autocomplete_fields = ["user", "actor"]
    list_select_related = ["user", "actor"]


@admin.register(DigestRun)
class DigestRunAdmin(admin.ModelAdmin):
    list_display = ["day"]
