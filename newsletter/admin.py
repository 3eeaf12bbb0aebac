"""Staff side of the newsletter: lists, subscribers, consent texts, issues and their ledger."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from newsletter import selectors, sending
from newsletter.forms import ScheduleForm, TestSendForm
from newsletter.models import ConsentText, Delivery, Issue, Newsletter, Subscriber, Subscription
from newsletter.rendering import IssueRenderer, absolute_url
from newsletter.sending import issue_counts
from newsletter.templatetags.newsletter_tags import footer_cache_clear
from portal import exports, languages


class _Echo:
    def write(self, value):
        return value


@admin.register(Newsletter)
class NewsletterAdmin(TranslationAdmin):
    list_display = ["name", "slug", "public", "confirmed_count", "pending_count", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_confirmed=Count("subscriptions", filter=Q(subscriptions__status="confirmed")),
                n_pending=Count("subscriptions", filter=Q(subscriptions__status="pending")),
            )
        )

    @admin.display(description=_("bestätigt"), ordering="n_confirmed")
    def confirmed_count(self, obj) -> int:
        return obj.n_confirmed

    @admin.display(description=_("unbestätigt"), ordering="n_pending")
    def pending_count(self, obj) -> int:
        return obj.n_pending

    change_form_template = "admin/newsletter/newsletter/change_form.html"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(footer_cache_clear)

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path("<int:pk>/export/", wrap(self.export_view), name="newsletter_newsletter_export"),
            path("<int:pk>/stats/", wrap(self.stats_view), name="newsletter_newsletter_stats"),
            *super().get_urls(),
        ]

    def _newsletter_or_404(self, request, pk) -> Newsletter:
        newsletter = get_object_or_404(Newsletter, pk=pk)
        if not self.has_view_permission(request, newsletter):
            raise PermissionDenied
        return newsletter

    def export_view(self, request, pk: int):
        """CSV of the confirmed subscribers with their consent proof (streamed)."""
        newsletter = self._newsletter_or_404(request, pk)
        writer = exports.csv_writer(_Echo())
        rows = selectors.confirmed_subscribers_csv_rows(newsletter=newsletter)
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="newsletter-{newsletter.slug}-bestaetigt.csv"'
        )
        return response

    def stats_view(self, request, pk: int):
        newsletter = self._newsletter_or_404(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Entwicklung: %(name)s") % {"name": newsletter.name},
            "newsletter": newsletter,
            "rows": selectors.newsletter_monthly_counts(newsletter=newsletter),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/newsletter/newsletter/stats.html", context)


@admin.register(ConsentText)
class ConsentTextAdmin(TranslationAdmin):
    """Consent texts are immutable: "saving" a changed text stores it as the next version."""

    list_display = ["version", "created_at", "short_text"]
    readonly_fields = ["version", "created_at"]
    fields = ["version", "created_at", "text"]

    @admin.display(description=_("Text"))
    def short_text(self, obj) -> str:
        return (obj.text or "")[:120]

    def save_model(self, request, obj, form, change):
        from newsletter.services import consent_text_create

        texts = {
            name.removeprefix("text_"): value
            for name, value in form.cleaned_data.items()
            if name.startswith("text_")
        }
        new = consent_text_create(texts=texts)
        obj.pk, obj.version, obj.created_at = new.pk, new.version, new.created_at
        transaction.on_commit(footer_cache_clear)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    extra = 0
    can_delete = False
    fields = [
        "newsletter",
        "status",
        "consent_text",
        "requested_at",
        "request_ip",
        "request_source",
        "confirmed_at",
        "confirm_ip",
        "unsubscribed_at",
        "bounced_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("newsletter", "consent_text")


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Subscriptions with their consent proof (read-only: the record is never changed)."""

    list_display = ["subscriber", "newsletter", "status", "requested_at", "confirmed_at"]
    list_filter = ["status", "newsletter", "consent_text"]
    search_fields = ["subscriber__email"]
    list_select_related = ["subscriber", "newsletter"]
    date_hierarchy = "requested_at"
    readonly_fields = SubscriptionInline.fields
    fields = ["subscriber", *SubscriptionInline.fields]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Search subscribers; deleting one erases all their data (subscriptions, deliveries)."""

    list_display = ["email", "language", "created_at", "confirmed_lists"]
    list_filter = ["language", "subscriptions__status", "subscriptions__newsletter"]
    search_fields = ["email"]
    readonly_fields = ["email", "token", "created_at", "confirmation_sent_at"]
    fields = ["email", "language", "created_at", "confirmation_sent_at"]
    inlines = [SubscriptionInline]
    show_full_result_count = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_confirmed=Count("subscriptions", filter=Q(subscriptions__status="confirmed"))
            )
        )

    @admin.display(description=_("bestätigte Newsletter"), ordering="n_confirmed")
    def confirmed_lists(self, obj) -> int:
        return obj.n_confirmed

    def has_add_permission(self, request) -> bool:
        return False  # subscribers give their consent themselves (double opt-in)


@admin.action(description=_("Jetzt versenden"))
def send_now_action(modeladmin, request, queryset):
    """Leads to the confirmation page (recipients per language); nothing is sent from here."""
    if queryset.count() != 1:
        modeladmin.message_user(
            request,
            _(
                "Bitte wählen Sie genau eine Ausgabe: Vor dem Versand bestätigen Sie die "
                "Empfänger*innen je Sprache."
            ),
            messages.WARNING,
        )
        return None
    return redirect("admin:newsletter_issue_send", queryset.get().pk)


@admin.action(description=_("Fehlgeschlagene Zustellungen erneut senden"))
def retry_failed_action(modeladmin, request, queryset):
    count = sum(sending.issue_retry_failed(issue=issue) for issue in queryset)
    modeladmin.message_user(request, _("%(n)s Zustellung(en) erneut eingeplant.") % {"n": count})


@admin.action(description=_("Versand fortsetzen (nach Abbruch)"))
def resume_action(modeladmin, request, queryset):
    for issue in queryset:
        sending.issue_resume(issue=issue)
    modeladmin.message_user(request, _("Offene Zustellungen werden erneut eingeplant."))


@admin.register(Issue)
class IssueAdmin(TranslationAdmin):
    change_form_template = "admin/newsletter/issue/change_form.html"
    list_display = [
        "subject",
        "newsletter",
        "status",
        "scheduled_at",
        "sent_at",
        "recipients_count",
        "progress",
    ]
    list_filter = ["newsletter", "status"]
    search_fields = ["subject", "body"]
    list_select_related = ["newsletter"]
    actions = [send_now_action, retry_failed_action, resume_action]
    readonly_fields = [
        "status",
        "scheduled_at",
        "sending_started_at",
        "sent_at",
        "recipients_count",
        "sent_count",
        "failed_count",
    ]
    fieldsets = [
        (None, {"fields": ["newsletter", "subject", "preheader", "body"]}),
        (
            _("Automatische Abschnitte"),
            {
                "fields": [
                    "include_events",
                    "include_portraits",
                    "include_resources",
                    "include_needs",
                ],
                "description": _(
                    "Werden beim Versand eingefügt; ein Abschnitt ohne Einträge entfällt."
                ),
            },
        ),
        (_("Versand"), {"fields": ["german_for_missing", *readonly_fields]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_queued=Count("deliveries", filter=Q(deliveries__status="queued")),
                n_sent=Count("deliveries", filter=Q(deliveries__status="sent")),
                n_failed=Count("deliveries", filter=Q(deliveries__status="failed")),
            )
        )

    @admin.display(description=_("Fortschritt (wartend / gesendet / fehlgeschlagen)"))
    def progress(self, obj) -> str:
        return f"{obj.n_queued} / {obj.n_sent} / {obj.n_failed}"

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None and obj.status in (Issue.Status.SENDING, Issue.Status.SENT):
            # What was sent stays as it was sent (the archive shows it).
            fields += [f.name for f in obj._meta.fields if f.name not in fields and f.editable]
        return fields

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path(
                "<int:pk>/preview/<str:fmt>/",
                wrap(self.preview_view),
                name="newsletter_issue_preview",
            ),
            path("<int:pk>/test/", wrap(self.send_proof_view), name="newsletter_issue_proof"),
            path("<int:pk>/send/", wrap(self.send_view), name="newsletter_issue_send"),
            *super().get_urls(),
        ]

    def _issue_or_404(self, request, pk, *, change=False) -> Issue:
        issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
        allowed = self.has_change_permission if change else self.has_view_permission
        if not allowed(request, issue):
            raise PermissionDenied
        return issue

    def preview_view(self, request, pk: int, fmt: str):
        """The issue exactly as a recipient gets it (HTML or plain text), in one language."""
        issue = self._issue_or_404(request, pk)
        language = languages.known(request.GET.get("language"))
        example = absolute_url(reverse("newsletter:index"))
        message = IssueRenderer(issue).message(
            to="", language=language, preferences_url=example, unsubscribe_url=example
        )
        if fmt == "text":
            content = f"Subject: {message.subject}\n\n{message.body}"
            response = HttpResponse(content, content_type="text/plain; charset=utf-8")
        elif fmt == "html":
            response = HttpResponse(message.alternatives[0][0])
            # The email's own inline CSS; nothing else may load.
            response["Content-Security-Policy"] = (
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:"
            )
        else:
            raise Http404
        return response

    def send_proof_view(self, request, pk: int):
        issue = self._issue_or_404(request, pk, change=True)
        form = TestSendForm(request.POST or None, initial={"language": settings.LANGUAGE_CODE})
        if request.method == "POST" and form.is_valid():
            emails = form.cleaned_data["emails"]
            language = form.cleaned_data["language"]
            sending.issue_queue_test(issue=issue, emails=emails, language=language)
            self.message_user(
                request,
                _("Testversand an %(emails)s ist unterwegs.") % {"emails": ", ".join(emails)},
            )
            return redirect("admin:newsletter_issue_change", issue.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Test senden: %(subject)s") % {"subject": issue.subject},
            "issue": issue,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/newsletter/issue/test_send.html", context)

    def send_confirm_page(self, request, issue):
        """ "Jetzt versenden" first shows who gets the issue in which language."""
        context = {
            **self.admin_site.each_context(request),
            "title": _("Versand bestätigen: %(subject)s") % {"subject": issue.subject},
            "issue": issue,
            "rows": sending.issue_recipients_by_language(issue=issue),
            "opts": self.model._meta,
        }
        context["missing"] = [row for row in context["rows"] if not row["translated"]]
        context["total"] = sum(row["count"] for row in context["rows"])
        return TemplateResponse(request, "admin/newsletter/issue/send_confirm.html", context)

    def send_view(self, request, pk: int):
        """Schedule, send now (after a confirmation page) or cancel the schedule."""
        issue = self._issue_or_404(request, pk, change=True)
        if request.method != "POST":
            return self.send_confirm_page(request, issue)
        action = request.POST.get("action")
        if action == "send_now":
            return self.send_confirm_page(request, issue)
        if action == "send_now_confirmed":
            ok = sending.issue_send_now(
                issue=issue, german_for_missing=request.POST.get("german_for_missing") == "on"
            )
            msg = _("Der Versand beginnt.") if ok else _("Diese Ausgabe wird schon versandt.")
        elif action == "schedule":
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                self.message_user(request, _("Bitte Datum und Uhrzeit angeben."), messages.ERROR)
                return redirect("admin:newsletter_issue_change", issue.pk)
            ok = sending.issue_schedule(issue=issue, when=form.cleaned_data["scheduled_at"])
            msg = _("Der Versand ist geplant.") if ok else _("Diese Ausgabe wird schon versandt.")
        elif action == "cancel":
            ok = sending.issue_cancel_schedule(issue=issue)
            msg = _("Die Planung ist aufgehoben.") if ok else _("Diese Ausgabe war nicht geplant.")
        elif action == "retry_failed":
            n = sending.issue_retry_failed(issue=issue)
            ok, msg = bool(n), _("%(n)s Zustellung(en) erneut eingeplant.") % {"n": n}
        else:
            raise Http404
        self.message_user(request, msg, messages.SUCCESS if ok else messages.WARNING)
        return redirect("admin:newsletter_issue_change", issue.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        issue = Issue.objects.filter(pk=object_id).first()
        if issue is not None:
            extra_context.update(
                {
                    "issue_counts": issue_counts(issue_id=issue.pk),
                    "failed_deliveries": issue.deliveries.filter(status=Delivery.Status.FAILED)
                    .select_related("subscriber")
                    .order_by("-updated_at")[:50],
                    "languages": settings.LANGUAGES,
                    "schedule_form": ScheduleForm(),
                }
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The per-recipient ledger of each issue (read-only)."""

    list_display = ["issue", "subscriber", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "issue"]
    search_fields = ["subscriber__email"]
    list_select_related = ["issue", "subscriber"]
    readonly_fields = ["issue", "subscriber", "status", "attempts", "last_error", "sent_at"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
