"""The monthly snapshot of the statistics: figures as they were at the end of a month, so a
past month's number does not move when the register is edited later."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatisticsSnapshot(models.Model):
    month = models.DateField(
        _("Monat"), unique=True, help_text=_("Erster Tag des Monats, dessen Ende festgehalten ist.")
    )
    figures = models.JSONField(_("Kennzahlen"), default=dict)
    taken_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        ordering = ["month"]
        verbose_name = _("monatliche Momentaufnahme")
        verbose_name_plural = _("monatliche Momentaufnahmen")
        permissions = [("view_report", _("Kann den Bericht für Fördergeber abrufen"))]

    def __str__(self) -> str:
        return self.month.strftime("%m/%Y")
