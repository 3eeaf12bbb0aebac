from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    default = True

    def ready(self) -> None:
        # Each app's emails.py registers how its outbox rows are rendered (portal.outbox).
        autodiscover_modules("emails")


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "portal.admin_site.PortalAdminSite"
