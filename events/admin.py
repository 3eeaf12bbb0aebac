from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from events.models import Event, EventSeries, Registration


@admin.register(EventSeries)
class EventSeriesAdmin(TranslationAdmin):
    list_display = ["name", "organiser", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "organiser"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "start", "format", "status", "capacity"]
    list_filter = ["status", "format", "series"]
    search_fields = ["title", "summary"]
    date_hierarchy = "start"
    filter_horizontal = ["themes", "horizons"]
    view_on_site = False


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "event", "status", "waitlist_position", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "organisation"]
    raw_id_fields = ["event"]
