"""The Django admin of the portal: titled for the network office, two-factor login for staff."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin, messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.permissions import has_staff_powers, is_staff_account, staff_may

SYSTEM_STATUS_PERMISSION = "portal.view_outboundemail"


class PortalAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Partnerschaftsportal NRW – Verwaltung")
    site_title = gettext_lazy("Partnerschaftsportal NRW")
    index_title = gettext_lazy("Netzwerkstelle Städtepartnerschaften")

    def has_permission(self, request: HttpRequest) -> bool:
        return has_staff_powers(request.user)

    def login(self, request, extra_context=None):
        """Staff log in through the portal's account pages (with their second factor)."""
        next_url = request.GET.get("next") or reverse("admin:index")
        user = request.user
        if is_staff_account(user):
            if not is_mfa_enabled(user):
                messages.warning(
                    request,
                    _(
                        "Für die Verwaltung ist eine Zwei-Faktor-Anmeldung nötig. Bitte richten "
                        "Sie eine Authenticator-App ein."
                    ),
                )
                return redirect("mfa_activate_totp")
            messages.warning(
                request,
                _("Bitte melden Sie sich für die Verwaltung erneut mit Ihrem zweiten Faktor an."),
            )
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    def get_urls(self):
        from django.urls import path

        return [
            path("systemstatus/", self.admin_view(self.system_status), name="system_status"),
            *super().get_urls(),
        ]

    def each_context(self, request: HttpRequest) -> dict:
        context = super().each_context(request)
        context["may_see_system_status"] = staff_may(request.user, SYSTEM_STATUS_PERMISSION)
        return context

    def system_status(self, request: HttpRequest):
        """What ``/readyz/`` reports, for staff ("Systemstatus")."""
        from django.core.exceptions import PermissionDenied
        from django.template.response import TemplateResponse

        from portal.readiness import report

        if not staff_may(request.user, SYSTEM_STATUS_PERMISSION):
            raise PermissionDenied
        context = {**self.each_context(request), "title": _("Systemstatus"), "report": report()}
        return TemplateResponse(request, "admin/portal/system_status.html", context)
