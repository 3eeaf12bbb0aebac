"""Staff tools for events: counts in the list, exports, attendance, messages, duplicates."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from openpyxl import Workbook
from simple_history.admin import SimpleHistoryAdmin

from events import services
from events.forms import DuplicateEventForm, EventMessageForm
from events.models import Attendance, Event, EventMessage, EventSeries, Registration
from portal import exports, languages

EXPORT_COLUMNS = [
    ("name", _("Name")),
    ("email", _("E-Mail-Adresse")),
    ("organisation", _("Organisation")),
    ("organisation_kind", _("Art der Organisation")),
    ("status", _("Status")),
    ("waitlist_position", _("Platz auf der Warteliste")),
    ("language", _("Sprache")),
    ("accessibility_needs", _("Barrierefreiheit")),
    ("question", _("Frage an die Referierenden")),
    ("created_at", _("angemeldet am")),
]


def _export_rows(event: Event):
    registrations = event.registrations.order_by("status", "waitlist_position", "created_at")
    kinds = dict(Registration._meta.get_field("organisation_kind").choices)
    statuses = dict(Registration.Status.choices)
    for r in registrations.iterator():
        yield [
            r.name,
            r.email,
            r.organisation,
            str(kinds.get(r.organisation_kind, "")),
            str(statuses.get(r.status, r.status)),
            r.waitlist_position or "",
            r.language,
            r.accessibility_needs,
            r.question,
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
        ]


@admin.register(EventSeries)
class EventSeriesAdmin(TranslationAdmin):
    list_display = ["name", "organiser", "slug"]
    prepopulated_fields = {"slug": ["name_de"]}
    search_fields = ["name", "organiser"]


class EventLanguagesField(forms.MultipleChoiceField):
    """The event's languages as check boxes, stored as the comma list the model keeps."""

    def prepare_value(self, value):
        if isinstance(value, str):
            return [code.strip() for code in value.split(",") if code.strip()]
        return value

    def clean(self, value):
        return ",".join(super().clean(value))


class EventAdminForm(forms.ModelForm):
    languages = EventLanguagesField(
        label=_("Sprachen"),
        choices=languages.CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In welchen Sprachen die Veranstaltung stattfindet oder übersetzt wird."),
    )

    class Meta:
        model = Event
        fields = ["languages"]  # the admin adds the fieldsets' fields


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin, TranslationAdmin):
    form = EventAdminForm
    list_display = [
        "title",
        "start",
        "format",
        "status",
        "confirmed_column",
        "waiting_column",
        "capacity",
        "tools_column",
    ]
    list_filter = ["status", "format", "series", "themes"]
    search_fields = ["title", "summary"]
    date_hierarchy = "start"
    filter_horizontal = ["themes", "horizons"]
    autocomplete_fields = ["related_partnerships"]
    list_select_related = ["series"]
    readonly_fields = ["cancelled_at", "created_at", "updated_at"]
    actions = ["export_csv", "export_xlsx", "cancel_events"]
    fieldsets = [
        (None, {"fields": ["title", "summary", "description", "series", "status"]}),
        (_("Zeit und Ort"), {"fields": ["start", "end", "format", "venue", "address", "join_url"]}),
        (
            _("Anmeldung"),
            {"fields": ["capacity", "registration_opens", "registration_closes"]},
        ),
        (
            _("Einordnung"),
            {
                "fields": [
                    "co_organisers",
                    "languages",
                    "themes",
                    "horizons",
                    "related_partnerships",
                ]
            },
        ),
        (_("Nach der Veranstaltung"), {"fields": ["slides", "documentation", "recording_url"]}),
        (_("Absage"), {"fields": ["cancellation_note", "cancelled_at"]}),
        (_("Daten"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_total=Count(
                    "registrations", filter=Q(registrations__status__in=Registration.HOLDS_PLACE)
                ),
                waiting_total=Count(
                    "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
                ),
            )
        )

    @admin.display(description=_("bestätigt"), ordering="confirmed_total")
    def confirmed_column(self, obj):
        return obj.confirmed_total

    @admin.display(description=_("Warteliste"), ordering="waiting_total")
    def waiting_column(self, obj):
        return obj.waiting_total

    @admin.display(description=_("Werkzeuge"))
    def tools_column(self, obj):
        registrations = (
            reverse("admin:events_registration_changelist") + f"?event__id__exact={obj.pk}"
        )
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            registrations,
            gettext("Anmeldungen"),
            reverse("admin:events_event_message", args=[obj.pk]),
            gettext("Nachricht"),
            reverse("admin:events_event_duplicate", args=[obj.pk]),
            gettext("Duplizieren"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/nachricht/",
                self.admin_site.admin_view(self.message_view),
                name="events_event_message",
            ),
            path(
                "<int:pk>/duplizieren/",
                self.admin_site.admin_view(self.duplicate_view),
                name="events_event_duplicate",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        informed = services.event_save(event=obj, by=request.user)
        if informed is not None:
            messages.info(
                request,
                gettext(
                    "Die Veranstaltung ist abgesagt; %(n)s Angemeldete werden per E-Mail "
                    "informiert."
                )
                % {"n": informed},
            )

    def _export(self, queryset, fmt: str) -> HttpResponse:
        event = queryset.first()
        header = [str(label) for _key, label in EXPORT_COLUMNS]
        filename = f"anmeldungen-{event.pk}-{timezone.localdate():%Y%m%d}"
        if fmt == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
            response.write("\ufeff")  # Excel reads UTF-8 with a BOM
            writer = exports.csv_writer(response, delimiter=";")
            writer.writerow(header)
            writer.writerows(_export_rows(event))
            return response
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=gettext("Anmeldungen"))
        sheet.append(exports.safe_row(header))
        for row in _export_rows(event):
            sheet.append(exports.safe_row(row))
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        workbook.save(response)
        return response

    def _one_event(self, request, queryset) -> bool:
        if queryset.count() != 1:
            self.message_user(
                request, gettext("Bitte genau eine Veranstaltung auswählen."), messages.WARNING
            )
            return False
        return True

    @admin.action(description=_("Teilnehmendenliste als CSV"))
    def export_csv(self, request, queryset):
        if self._one_event(request, queryset):
            return self._export(queryset, "csv")
        return None

    @admin.action(description=_("Teilnehmendenliste als Excel"))
    def export_xlsx(self, request, queryset):
        if self._one_event(request, queryset):
            return self._export(queryset, "xlsx")
        return None

    @admin.action(description=_("Veranstaltungen absagen und alle Angemeldeten informieren"))
    def cancel_events(self, request, queryset):
        total = sum(services.event_cancel(event=event, by=request.user) for event in queryset)
        self.message_user(
            request,
            gettext("Abgesagt; %(n)s Angemeldete werden per E-Mail informiert.") % {"n": total},
        )

    def message_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = get_object_or_404(Event, pk=pk)
        if not self.has_change_permission(request, event):
            return redirect("admin:index")
        form = EventMessageForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.event_message_create(
                event=event,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                user=request.user,
            )
            self.message_user(
                request,
                gettext("Die Nachricht geht an alle bestätigten Angemeldeten (jeweils einmal)."),
            )
            return redirect("admin:events_event_changelist")
        recipients = event.registrations.filter(status__in=Registration.HOLDS_PLACE).count()
        return render(
            request,
            "admin/events/event_message.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "event": event,
                "form": form,
                "recipients": recipients,
                "title": gettext("Nachricht an alle Angemeldeten"),
            },
        )

    def duplicate_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = get_object_or_404(Event, pk=pk)
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = DuplicateEventForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            copy = services.event_duplicate(event=event, start=form.cleaned_data["start"])
            self.message_user(request, gettext("Kopie als Entwurf angelegt."))
            return redirect("admin:events_event_change", copy.pk)
        return render(
            request,
            "admin/events/event_duplicate.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "event": event,
                "form": form,
                "title": gettext("Veranstaltung für einen neuen Termin duplizieren"),
            },
        )


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "email",
        "organisation",
        "event",
        "status",
        "waitlist_position",
        "created_at",
    ]
    list_filter = ["status", "organisation_kind", "language"]
    search_fields = ["name", "email", "organisation"]
    list_select_related = ["event"]
    raw_id_fields = ["event"]
    actions = ["mark_attended", "cancel_registrations"]
    readonly_fields = [
        "status",
        "waitlist_position",
        "consent",
        "consent_text",
        "consent_at",
        "reminder_sent_at",
        "cancelled_at",
        "anonymised_at",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False  # registrations come through the form (capacity and waiting list)

    @admin.action(description=_("Als anwesend markieren"))
    def mark_attended(self, request, queryset):
        count = services.registration_mark_attended(registrations=queryset)
        self.message_user(request, gettext("%(n)s als anwesend markiert.") % {"n": count})

    @admin.action(description=_("Stornieren (mit E-Mail, Warteliste rückt nach)"))
    def cancel_registrations(self, request, queryset):
        count = sum(services.registration_cancel(registration=r, by_staff=True) for r in queryset)
        self.message_user(request, gettext("%(n)s Anmeldungen storniert.") % {"n": count})


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["registration", "event", "source", "at"]
    list_filter = ["source"]
    list_select_related = ["registration", "event"]
    raw_id_fields = ["registration", "event"]


@admin.register(EventMessage)
class EventMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "event", "created_by", "created_at", "fanned_out_at"]
    list_select_related = ["event", "created_by"]
    readonly_fields = ["event", "subject", "body", "created_by", "created_at", "fanned_out_at"]

    def has_add_permission(self, request):
        return False
