from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Bestandsaufnahme: versioned surveys of the actors, personal links, reminders, response
    rates, and a review step that applies answers to the register. Nested in
    ``partnerships`` because it asks about and writes to the register."""

    name = "partnerships.surveys"
    label = "surveys"
    verbose_name = _("Bestandsaufnahmen")
    default_auto_field = "django.db.models.BigAutoField"
