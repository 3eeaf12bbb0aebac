from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from partnerships.matchmaking.models import PlaceFacts, Twinning


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reference facts are replaced by ``load_matchmaking_reference``, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PlaceFacts)
class PlaceFactsAdmin(ReadOnlyAdmin):
    list_display = [
        "official_code",
        "country",
        "settlement_type",
        "foreign_share_pct",
        "war_lists",
        "not_controlled_before_2022",
    ]
    list_filter = ["country", "settlement_type", "not_controlled_before_2022"]
    search_fields = ["official_code"]


@admin.register(Twinning)
class TwinningAdmin(ReadOnlyAdmin):
    list_display = ["official_code", "partner_name", "partner_country", "partner_code"]
    list_filter = ["country", "partner_country"]
    search_fields = ["official_code", "partner_name"]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "title": _(
                "Städtepartnerschaften laut Wikipedia (Wikipedia-Autor*innen, CC BY-SA 4.0)"
            ),
        }
        return super().changelist_view(request, extra_context)
