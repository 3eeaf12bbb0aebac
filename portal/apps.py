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
        # Cached public pages (portal/page_cache.py) follow every change of public content.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from portal.page_cache import content_changed

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"portal-page-cache-{id(signal)}")


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "portal.admin_site.PortalAdminSite"
