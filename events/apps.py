from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from events.models import Event, EventSeries
        from events.page_cache import taxonomy_changed
        from portal.models import Horizon, Theme

        # Names shown on cached event pages (events/page_cache.py).
        for model in (EventSeries, Theme, Horizon):
            post_save.connect(taxonomy_changed, sender=model, dispatch_uid=f"events-page-{model}")
            post_delete.connect(
                taxonomy_changed, sender=model, dispatch_uid=f"events-page-del-{model}"
            )
        for through in (
            Event.themes.through,
            Event.horizons.through,
            Event.related_partnerships.through,
        ):
            m2m_changed.connect(taxonomy_changed, sender=through, dispatch_uid=f"events-{through}")
