"""Import runs, remembered column mappings and the dated facts every import leaves behind."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.models import DatePrecision, Partnership, format_precise_date


class ColumnMapping(models.Model):
    """Which column of a file means which field; remembered for the next file whose header
    is the same (compared after trimming and case-folding)."""

    signature = models.CharField(_("Kopfzeilen-Signatur"), max_length=64, unique=True)
    header = models.JSONField(_("Kopfzeile"), default=list)
    mapping = models.JSONField(_("Zuordnung"), default=dict)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Spaltenzuordnung")
        verbose_name_plural = _("Spaltenzuordnungen")

    def __str__(self) -> str:
        return ", ".join(self.header)[:120]


class ImportRun(models.Model):
    """One uploaded file on its way through mapping, dry run and import."""

    class State(models.TextChoices):
        UPLOADED = "uploaded", _("hochgeladen")
        CHECKED = "checked", _("Probelauf")
        IMPORTED = "imported", _("importiert")

    file_name = models.CharField(_("Datei"), max_length=250)
    text = models.TextField(_("Inhalt"))
    header = models.JSONField(_("Kopfzeile"), default=list)
    mapping = models.JSONField(_("Zuordnung"), default=dict)
    source = models.CharField(
        _("Quelle"),
        max_length=500,
        help_text=_("Adresse (URL) oder Dokument, aus dem die Angaben stammen."),
    )
    source_date = models.DateField(_("Stand der Quelle"))
    state = models.CharField(
        _("Stand"), max_length=10, choices=State.choices, default=State.UPLOADED
    )
    summary = models.JSONField(_("Ergebnis"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)
    imported_at = models.DateTimeField(_("importiert am"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Import")
        verbose_name_plural = _("Importe")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d.%m.%Y})"


class PartnershipFact(models.Model):
    """One dated statement about a partnership with its source (a file row, a survey, ...).

    Kept even when the register's own value differs: a conflicting signing date becomes a
    second fact beside the current one instead of being lost."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="facts", verbose_name=_("Partnerschaft")
    )
    field = models.CharField(_("Feld"), max_length=40)
    value = models.CharField(_("Wert"), max_length=1000, blank=True)
    date = models.DateField(_("Datum"), null=True, blank=True)
    precision = models.CharField(
        _("Genauigkeit"), max_length=5, choices=DatePrecision.choices, blank=True
    )
    source = models.CharField(_("Quelle"), max_length=500)
    source_date = models.DateField(_("Stand der Quelle"), null=True, blank=True)
    is_current = models.BooleanField(
        _("im Register übernommen"),
        default=True,
        help_text=_("Nein: abweichende Angabe, neben dem Registerwert aufbewahrt."),
    )
    run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facts",
        verbose_name=_("Import"),
    )
    line = models.PositiveIntegerField(_("Zeile"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        ordering = ["partnership", "field", "date", "pk"]
        verbose_name = _("belegte Angabe")
        verbose_name_plural = _("belegte Angaben")
        indexes = [models.Index(fields=["partnership", "field"])]

    def __str__(self) -> str:
        shown = format_precise_date(self.date, self.precision) if self.date else self.value
        return f"{self.field}: {shown} ({self.source})"
