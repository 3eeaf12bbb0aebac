from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partnerships.matchmaking import services
from partnerships.matchmaking.models import ContactRequest, PartnerRequest


def requests_apply(modeladmin, request, queryset, *, act, done) -> None:
    """Run ``act`` on each row; ``done(count)`` says how many were handled. Rows handled
    before are counted and left alone; a refusal (``ValidationError``) is shown as it is.
    (Also the Bedarfsbörse's messages use it.)"""
    count, skipped = 0, 0
    for obj in queryset:
        try:
            act(obj)
        except services.RequestStateError:
            skipped += 1
        except ValidationError as exc:
            modeladmin.message_user(request, f"{obj}: {' '.join(exc.messages)}", messages.ERROR)
        else:
            count += 1
    if count:
        modeladmin.message_user(request, done(count) % {"count": count}, messages.SUCCESS)
    if skipped:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)s Anfrage war schon erledigt und blieb unverändert.",
                "%(count)s Anfragen waren schon erledigt und blieben unverändert.",
                skipped,
            )
            % {"count": skipped},
            messages.WARNING,
        )


MESSAGE_FIELDS = [
    "name",
    "organisation",
    "email",
    "message",
    "language",
    "consent_text",
    "consent_at",
    "ip_address",
    "status",
    "forwarded_at",
    "forwarded_by",
    "created_at",
]


class OfficeContactAdmin(admin.ModelAdmin):
    """A message through the office (``OfficeContactMessage``): staff read it and forward it
    (the sender consented) or mark it as not forwarded. Only staff who may change messages
    act on them. Subclasses name what the message is about (``about``), the services that
    forward and decline, and the forward action with its own words."""

    about = ""
    contact_services = services
    list_filter = ["status", "language", "created_at"]
    actions = ["forward", "decline"]

    def get_readonly_fields(self, request, obj=None):
        return [self.about, *MESSAGE_FIELDS]

    def get_fields(self, request, obj=None):
        return [self.about, *MESSAGE_FIELDS[:-1], "staff_note", "created_at"]

    def has_add_permission(self, request):
        return False

    def forward_all(self, request, queryset) -> None:
        requests_apply(
            self,
            request,
            queryset.select_related(*self.list_select_related),
            act=lambda obj: self.contact_services.contact_request_forward(
                request=obj, by=request.user
            ),
            done=lambda n: ngettext(
                "%(count)s Nachricht wird weitergeleitet.",
                "%(count)s Nachrichten werden weitergeleitet.",
                n,
            ),
        )

    @admin.action(description=_("Nicht weiterleiten"), permissions=["change"])
    def decline(self, request, queryset):
        requests_apply(
            self,
            request,
            queryset,
            act=lambda obj: self.contact_services.contact_request_decline(
                request=obj, by=request.user
            ),
            done=lambda n: ngettext(
                "%(count)s Nachricht als „nicht weitergeleitet“ markiert.",
                "%(count)s Nachrichten als „nicht weitergeleitet“ markiert.",
                n,
            ),
        )


@admin.register(ContactRequest)
class ContactRequestAdmin(OfficeContactAdmin):
    about = "profile"
    list_display = ["created_at", "name", "organisation", "profile", "status", "language"]
    search_fields = ["name", "organisation", "email", "profile__actor__name"]
    list_select_related = ["profile__actor"]

    @admin.action(
        description=_("An die Ansprechperson des Suchprofils weiterleiten"), permissions=["change"]
    )
    def forward(self, request, queryset):
        self.forward_all(request, queryset)


@admin.register(PartnerRequest)
class PartnerRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "organisation", "country", "organisation_kind", "status", "actor"]
    list_filter = ["status", "country", "organisation_kind", "language"]
    search_fields = ["organisation", "place", "contact_name", "contact_email"]
    list_select_related = ["actor"]
    autocomplete_fields = ["actor"]
    filter_horizontal = ["themes"]
    readonly_fields = [
        "language",
        "consent_text",
        "consent_at",
        "ip_address",
        "status",
        "profile",
        "created_at",
    ]
    actions = ["accept", "decline"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Suchprofil und Anbahnung anlegen (Akteur muss gewählt sein)"))
    def accept(self, request, queryset):
        missing = queryset.filter(actor__isnull=True, status=PartnerRequest.Status.RECEIVED)
        if missing.exists():
            self.message_user(
                request,
                _(
                    "Bitte wählen Sie zuerst in der Anfrage den Akteur im Register aus (Feld "
                    "„Akteur im Register“); die Anfragen blieben unverändert."
                ),
                messages.ERROR,
            )
            return
        requests_apply(
            self,
            request,
            queryset,
            act=lambda obj: services.partner_request_accept(
                request=obj, actor=obj.actor, by=request.user
            ),
            done=lambda n: ngettext(
                "%(count)s Anfrage als Suchprofil übernommen.",
                "%(count)s Anfragen als Suchprofile übernommen.",
                n,
            ),
        )

    @admin.action(description=_("Ablehnen"))
    def decline(self, request, queryset):
        requests_apply(
            self,
            request,
            queryset,
            act=lambda obj: services.partner_request_decline(request=obj, by=request.user),
            done=lambda n: ngettext(
                "%(count)s Anfrage abgelehnt.", "%(count)s Anfragen abgelehnt.", n
            ),
        )
