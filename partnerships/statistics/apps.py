from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    """Dated, defined statistics of the register (public page, open JSON, staff report) and
    the monthly snapshots that keep a past month's figures as they were. Nested in
    ``partnerships`` because almost every figure is read from the register."""

    name = "partnerships.statistics"
    label = "statistics"
    verbose_name = _("Statistik")
    default_auto_field = "django.db.models.BigAutoField"
