from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """Importing lists of partnerships: column mapping (remembered per header), dry run with a
    field-by-field diff, explicit choices for every overwrite, and the dated facts with their
    sources. Nested in ``partnerships`` because it writes the register."""

    name = "partnerships.imports"
    label = "imports"
    verbose_name = _("Importe")
    default_auto_field = "django.db.models.BigAutoField"
