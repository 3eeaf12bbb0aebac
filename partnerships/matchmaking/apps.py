from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    """Partner search: search profiles, explained suggestions and the office's matchmaking
    cases (Anbahnung). Nested in ``partnerships`` because it reads the register and ends by
    creating or linking a Partnership."""

    name = "partnerships.matchmaking"
    label = "matchmaking"
    verbose_name = _("Partnersuche")
    default_auto_field = "django.db.models.BigAutoField"
