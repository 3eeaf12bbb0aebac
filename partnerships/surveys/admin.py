import io

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from partnerships.models import Actor
from partnerships.statistics.presentation import date_display
from partnerships.surveys import presentation, selectors, services
from partnerships.surveys.models import Invitation, Question, Survey
from portal import exports


class QuestionInline(TranslationStackedInline):
    model = Question
    fk_name = "survey"
    extra = 0
    fields = ["position", "kind", "group", "text", "help_text", "choices", "required", "maps_to"]


@admin.action(description=_("An alle Akteure mit Partnerschaften senden"))
def send_survey(modeladmin, request, queryset):
    actors = Actor.objects.filter(memberships__isnull=False).distinct()
    for survey in queryset:
        n = services.survey_send(survey=survey, actors=actors)
        modeladmin.message_user(
            request,
            ngettext("%(n)d Einladung verschickt.", "%(n)d Einladungen verschickt.", n) % {"n": n},
            messages.SUCCESS,
        )


@admin.action(description=_("Neue Fassung anlegen (mit allen Fragen)"))
def new_version(modeladmin, request, queryset):
    for survey in queryset:
        services.survey_new_version(survey=survey)
    modeladmin.message_user(request, _("Neue Fassung angelegt (Entwurf)."), messages.SUCCESS)


def _export(queryset, fmt: str) -> HttpResponse:
    survey = queryset.first()
    header, rows = selectors.answers_table(survey=survey)
    name = f"bestandsaufnahme-{survey.key}-v{survey.version}"
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(exports.safe_row(header))
        for row in rows:
            sheet.append(exports.safe_row(row))
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    out = io.StringIO()
    writer = exports.csv_writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@admin.action(description=_("Antworten als CSV exportieren"))
def export_csv(modeladmin, request, queryset):
    return _export(queryset, "csv")


@admin.action(description=_("Antworten als Excel exportieren"))
def export_xlsx(modeladmin, request, queryset):
    return _export(queryset, "xlsx")


@admin.register(Survey)
class SurveyAdmin(TranslationAdmin):
    list_display = ["title", "key", "version", "state", "rates_link"]
    list_filter = ["state"]
    inlines = [QuestionInline]
    actions = [send_survey, new_version, export_csv, export_xlsx]

    @admin.display(description=_("Rücklauf"))
    def rates_link(self, obj):
        url = reverse("admin:surveys_survey_rates", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Rücklauf ansehen"))

    def get_urls(self):
        return [
            path(
                "<int:survey_id>/ruecklauf/",
                self.admin_site.admin_view(self.rates_view),
                name="surveys_survey_rates",
            ),
            *super().get_urls(),
        ]

    def rates_view(self, request, survey_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        survey = get_object_or_404(Survey, pk=survey_id)
        return render(
            request,
            "admin/surveys/rates.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Rücklauf und Ergebnisse: %(survey)s") % {"survey": survey},
                "survey": survey,
                "regions": selectors.response_rates(survey=survey, by="region"),
                "districts": selectors.response_rates(survey=survey, by="district"),
                "results": presentation.result_sections(survey=survey),
                "as_of": date_display(timezone.localdate()),
            },
        )


@admin.action(description=_("Geprüft: Antworten ins Register übernehmen"))
def apply_answers(modeladmin, request, queryset):
    for invitation in queryset.select_related("survey", "actor"):
        try:
            changed = services.answers_apply(invitation=invitation, by=request.user)
        except ValidationError as exc:
            modeladmin.message_user(request, f"{invitation}: {exc.messages[0]}", messages.ERROR)
            continue
        modeladmin.message_user(
            request,
            _("%(inv)s: %(changes)s")
            % {"inv": invitation, "changes": "; ".join(changed) or _("keine Änderung")},
            messages.SUCCESS,
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["actor", "survey", "email", "sent_at", "saved_at", "submitted_at", "applied_at"]
    list_filter = ["survey", ("submitted_at", admin.EmptyFieldListFilter), "actor__country"]
    search_fields = ["actor__name", "email"]
    list_select_related = ["actor", "survey"]
    readonly_fields = [
        "survey", "actor", "email", "language", "user", "sent_at", "expires_at",
        "reminded_7_at", "reminded_14_at", "answers_display", "saved_at", "submitted_at",
        "applied_at",
    ]  # fmt: skip
    exclude = ["answers"]
    actions = [apply_answers]

    @admin.display(description=_("Antworten"))
    def answers_display(self, obj):
        return format_html(
            "<table>{}</table>",
            format_html_join(
                "", "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
                selectors.answers_of(invitation=obj),
            ),
        )  # fmt: skip

    def has_add_permission(self, request):
        return False
