from django import forms
from django.contrib import admin, messages
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from knowledge import guides, permissions, services
from knowledge.models import (
    Country,
    FundingDeadline,
    FundingProgram,
    FundingSource,
    Guide,
    GuideSection,
    Resource,
    ResourceFile,
    SearchSynonym,
    TargetGroup,
)
from portal import languages
from portal.uploads import UploadFormField, upload_policy


@admin.register(TargetGroup)
class TargetGroupAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(TranslationAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


def _attachment_help() -> str:
    return "{} {}".format(
        upload_policy("attachment").help_text(),
        gettext(
            "Ersetzt die aktuelle Datei; die öffentliche Download-Adresse bleibt gleich, "
            "frühere Versionen bleiben erhalten."
        ),
    )


class ResourceAdminForm(forms.ModelForm):
    new_attachment = UploadFormField(
        policy="attachment",
        label=_("Neue Datei hochladen"),
        required=False,
        help_text=lazy(_attachment_help, str)(),
    )

    class Meta:
        model = Resource
        fields = "__all__"  # noqa: DJ007 - the admin picks the fields (fieldsets)


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    extra = 0
    can_delete = False
    fields = ["version", "download", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    ordering = ["-version"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Datei"))
    def download(self, obj):
        return format_html('<a href="{}">{}</a>', obj.file.url, obj.original_name)


@admin.action(description=_("Veröffentlichen"), permissions=["publish"])
def publish_resources(modeladmin, request, queryset):
    for resource in queryset:
        services.resource_publish(resource=resource, user=request.user)
    modeladmin.message_user(request, _("Ausgewählte Ressourcen veröffentlicht."))


@admin.action(description=_("Text der Datei erneut auslesen"))
def reextract_resources(modeladmin, request, queryset):
    count = sum(services.resource_extract_text_again(resource=r) for r in queryset)
    modeladmin.message_user(
        request,
        ngettext("%(n)d Datei wird ausgelesen.", "%(n)d Dateien werden ausgelesen.", count)
        % {"n": count},
    )


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin, TranslationAdmin):
    form = ResourceAdminForm
    list_display = [
        "title",
        "kind",
        "state",
        "published_at",
        "language",
        "extraction_status",
    ]
    list_filter = ["kind", "state", "language", "extraction_status", "themes", "horizons"]
    search_fields = ["title", "summary", "slug", "organisation"]
    prepopulated_fields = {"slug": ["title_de"]}
    filter_horizontal = ["themes", "horizons", "countries", "target_groups"]
    autocomplete_fields = ["related_partnerships", "related_events", "related_actors"]
    date_hierarchy = "published_at"
    list_select_related = ["current_file"]
    inlines = [ResourceFileInline]
    actions = [publish_resources, reextract_resources]

    def has_publish_permission(self, request) -> bool:
        return permissions.can_publish_resource(request.user)

    readonly_fields = [
        "current_file_link",
        "extraction_status",
        "extraction_error",
        "submitted_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "body"]}),
        (
            _("Datei oder Link"),
            {
                "fields": [
                    "current_file_link",
                    "new_attachment",
                    "external_url",
                    "extraction_status",
                    "extraction_error",
                ]
            },
        ),
        (
            _("Einordnung"),
            {"fields": ["themes", "horizons", "countries", "target_groups", "language"]},
        ),
        (
            _("Verknüpfungen"),
            {"fields": ["related_partnerships", "related_events", "related_actors"]},
        ),
        (
            _("Veröffentlichung"),
            {
                "fields": [
                    "author",
                    "organisation",
                    "state",
                    "published_at",
                    "submitted_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("öffentliche Download-Adresse"))
    def current_file_link(self, obj):
        if not obj or not obj.current_file_id:
            return "—"
        url = obj.get_download_url()
        return format_html('<a href="{}">{}</a> ({})', url, url, obj.current_file)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        resource = form.instance
        uploaded = form.cleaned_data.get("new_attachment")
        if uploaded:
            services.resource_attach_file(resource=resource, uploaded=uploaded, user=request.user)
        services.resource_index(resource=resource)


class FundingDeadlineInline(TranslationTabularInline):
    model = FundingDeadline
    extra = 0


class FundingSourceInline(admin.TabularInline):
    model = FundingSource
    extra = 0


@admin.register(FundingProgram)
class FundingProgramAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "funder", "deadline_kind", "call_year", "is_published", "position"]
    list_filter = ["deadline_kind", "is_published", "applicant_groups", "themes", "horizons"]
    list_editable = ["position"]
    search_fields = ["name", "funder"]
    prepopulated_fields = {"slug": ["name_de"]}
    filter_horizontal = ["applicant_groups", "themes", "horizons"]
    inlines = [FundingDeadlineInline, FundingSourceInline]


class GuideSectionForm(forms.ModelForm):
    class Meta:
        model = GuideSection
        fields = "__all__"  # noqa: DJ007 - the admin picks the fields (fieldsets)

    def clean(self):
        cleaned = super().clean()
        has_text = any(cleaned.get(name) for name in ("text", *languages.columns("text")))
        if not cleaned.get("resource") and not has_text and not cleaned.get("DELETE"):
            raise forms.ValidationError(
                _("Ein Kapitel braucht eine Ressource oder einen eigenen Text.")
            )
        return cleaned


class GuideSectionInline(TranslationTabularInline):
    model = GuideSection
    form = GuideSectionForm
    extra = 0
    autocomplete_fields = ["resource"]
    ordering = ["position", "id"]


@admin.action(description=_("PDF erzeugen"))
def generate_pdf(modeladmin, request, queryset):
    for guide in queryset:
        guides.guide_request_pdf(guide=guide)
    modeladmin.message_user(
        request,
        _("Die PDF-Erzeugung wurde gestartet. Der Status steht in der Liste."),
        messages.INFO,
    )


@admin.action(description=_("PDF neu erzeugen (auch ohne Änderung)"))
def regenerate_pdf(modeladmin, request, queryset):
    for guide in queryset:
        guides.guide_request_pdf(guide=guide, force=True)
    modeladmin.message_user(request, _("Die PDF-Erzeugung wurde gestartet."), messages.INFO)


@admin.register(Guide)
class GuideAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "is_published", "pdf_status", "pdf_generated_at", "pdf_pages"]
    list_filter = ["pdf_status", "is_published"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title_de"]}
    inlines = [GuideSectionInline]
    actions = [generate_pdf, regenerate_pdf]
    readonly_fields = [
        "pdf_status",
        "pdf_error",
        "pdf_link",
        "pdf_hash",
        "pdf_generated_at",
        "pdf_pages",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "subtitle", "introduction", "language"]}),
        (_("Veröffentlichung"), {"fields": ["is_published"]}),
        (
            _("PDF"),
            {
                "fields": [
                    "pdf_status",
                    "pdf_error",
                    "pdf_link",
                    "pdf_generated_at",
                    "pdf_pages",
                    "pdf_hash",
                ]
            },
        ),
    ]

    @admin.display(description=_("öffentliche PDF-Adresse"))
    def pdf_link(self, obj):
        if not obj or not obj.pdf_file:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_pdf_url(), obj.get_pdf_url())


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["__str__", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["terms"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.synonyms_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.synonyms_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        services.synonyms_changed()
