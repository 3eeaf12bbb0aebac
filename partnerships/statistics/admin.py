"""The monthly snapshots in the admin: read only (a past month's figures never change)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from partnerships.matchmaking.admin.reference import ReadOnlyAdmin
from partnerships.statistics.models import StatisticsSnapshot
from partnerships.statistics.services import SNAPSHOT_FIELDS


@admin.register(StatisticsSnapshot)
class StatisticsSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["month", "partnerships", "formal", "municipalities", "taken_at"]
    readonly_fields = ["month", "figures_table", "taken_at", "report_link"]
    fields = readonly_fields
    date_hierarchy = "month"

    @admin.display(description=_("Partnerschaften"))
    def partnerships(self, obj):
        return obj.figures.get("partnerships")

    @admin.display(description=_("förmlich"))
    def formal(self, obj):
        return obj.figures.get("formal")

    @admin.display(description=_("Gemeinden mit Partnerschaft"))
    def municipalities(self, obj):
        return obj.figures.get("municipalities_with_partner")

    @admin.display(description=_("Kennzahlen"))
    def figures_table(self, obj):
        rows = format_html_join(
            "",
            "<tr><th>{}</th><td>{}</td></tr>",
            ((f, obj.figures.get(f, "")) for f in SNAPSHOT_FIELDS),
        )
        return format_html("<table>{}</table>", rows)

    @admin.display(description=_("Bericht für Fördergeber"))
    def report_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("statistics:report"), _("Bericht erstellen")
        )
