from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from partnerships.imports.models import ColumnMapping, ImportRun, PartnershipFact


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """The uploaded files; the import itself runs from the partnership list ("Importieren")."""

    list_display = ["file_name", "source", "source_date", "state", "created_at", "continue_link"]
    list_filter = ["state"]
    search_fields = ["file_name", "source"]
    exclude = ["text"]
    readonly_fields = [
        "file_name", "header", "mapping", "source", "source_date", "state", "summary",
        "created_by", "created_at", "imported_at",
    ]  # fmt: skip

    @admin.display(description=_("Import"))
    def continue_link(self, obj):
        url = reverse("admin:partnerships_partnership_import_run", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("öffnen"))

    def has_add_permission(self, request):
        return False


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "updated_at", "updated_by"]
    readonly_fields = ["signature", "header", "updated_at", "updated_by"]

    def has_add_permission(self, request):
        return False


@admin.register(PartnershipFact)
class PartnershipFactAdmin(admin.ModelAdmin):
    list_display = ["partnership", "field", "value", "date", "precision", "is_current", "source"]
    list_filter = ["field", "is_current"]
    search_fields = ["partnership__title", "source", "value"]
    list_select_related = ["partnership"]
    raw_id_fields = ["partnership", "run"]
