"""Search profiles (Suchprofile), the suggestion weights and staff-entered origin statistics."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.models import Actor
from portal.models import Horizon, Theme

PROFILE_VALIDITY_DAYS = 365
TEXT_MAX_LENGTH = 2000


def default_valid_until() -> date:
    return timezone.localdate() + timedelta(days=PROFILE_VALIDITY_DAYS)


class Language(models.TextChoices):
    GERMAN = "de", _("Deutsch")
    UKRAINIAN = "uk", _("Ukrainisch")
    ENGLISH = "en", _("Englisch")
    POLISH = "pl", _("Polnisch")
    FRENCH = "fr", _("Französisch")


class SearchProfileQuerySet(models.QuerySet):
    def active(self, *, today: date | None = None):
        """Not expired (expired profiles leave the public list but stay for staff)."""
        return self.filter(valid_until__gte=today or timezone.localdate())

    def published(self, *, today: date | None = None):
        return self.active(today=today).filter(visibility=SearchProfile.Visibility.PUBLIC)


class SearchProfile(models.Model):
    """What an actor of either side seeks and offers, for suggestions and the public list."""

    # What is sought: the admin's "Gesucht" section and the first fields of the editors' form.
    SOUGHT_FIELDS = (
        "seeks_kinds",
        "min_population",
        "max_population",
        "preferred_regions",
        "excluded_regions",
        "themes",
        "horizons",
    )

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("öffentlich in der Partnersuche")
        STAFF = "staff", _("nur für die Netzwerkstelle")

    class DecisionStage(models.TextChoices):
        INTEREST = "interest", _("Interesse")
        MANDATE = "mandate", _("Auftrag des Rates oder Vorstands")
        DECIDED = "decided", _("Beschluss gefasst")

    class StaffTime(models.TextChoices):
        OCCASIONAL = "occasional", _("gelegentlich, ehrenamtlich")
        HOURS = "hours", _("einige Stunden im Monat")
        DAY = "day", _("etwa ein Tag pro Woche")
        POSITION = "position", _("eine eigene Stelle oder Koordination")

    actor = models.ForeignKey(
        Actor, verbose_name=_("Akteur"), on_delete=models.CASCADE, related_name="search_profiles"
    )
    seeks_kinds = models.JSONField(
        _("gesuchte Art des Partners"),
        default=list,
        blank=True,
        help_text=_("Leer: die passende Ebene (Stadt ↔ Hromada, Kreis ↔ Rajon, …)."),
    )
    min_population = models.PositiveIntegerField(_("Einwohner mindestens"), null=True, blank=True)
    max_population = models.PositiveIntegerField(_("Einwohner höchstens"), null=True, blank=True)
    preferred_regions = models.ManyToManyField(
        Actor,
        verbose_name=_("bevorzugte Regionen"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": ["gov_region", "oblast", "district", "raion"]},
    )
    excluded_regions = models.ManyToManyField(
        Actor,
        verbose_name=_("ausgeschlossene Regionen"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": ["gov_region", "oblast", "district", "raion"]},
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("Themen"), blank=True, related_name="search_profiles"
    )
    horizons = models.ManyToManyField(
        Horizon, verbose_name=_("Zeithorizonte"), blank=True, related_name="search_profiles"
    )
    need_themes = models.ManyToManyField(
        Theme, verbose_name=_("Wobei wir Unterstützung suchen"), blank=True, related_name="+"
    )
    offer_themes = models.ManyToManyField(
        Theme, verbose_name=_("Was wir anbieten können"), blank=True, related_name="+"
    )
    needs = models.TextField(_("Was wir suchen"), blank=True, max_length=TEXT_MAX_LENGTH)
    offers = models.TextField(_("Was wir bieten"), blank=True, max_length=TEXT_MAX_LENGTH)
    languages = models.JSONField(_("Arbeitssprachen"), default=list, blank=True)
    staff_time = models.CharField(
        _("Zeit, die wir einbringen können"), max_length=12, choices=StaffTime.choices, blank=True
    )
    decision_stage = models.CharField(
        _("Stand der Entscheidung"),
        max_length=12,
        choices=DecisionStage.choices,
        default=DecisionStage.INTEREST,
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=120)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"))
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=40, blank=True)
    contact_language = models.CharField(
        _("Sprache der Ansprechperson"),
        max_length=2,
        choices=[(c, n) for c, n in settings.LANGUAGES],
        default="de",
    )
    visibility = models.CharField(
        _("Sichtbarkeit"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    valid_until = models.DateField(_("gültig bis"), default=default_valid_until, db_index=True)
    expiry_reminder_sent_at = models.DateTimeField(
        _("Erinnerung vor Ablauf gesendet am"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = SearchProfileQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("Suchprofil")
        verbose_name_plural = _("Suchprofile")
        indexes = [models.Index(fields=["visibility", "valid_until"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_population__isnull=True)
                | Q(max_population__isnull=True)
                | Q(min_population__lte=models.F("max_population")),
                name="search_profile_population_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_visibility_display()})"

    @property
    def is_expired(self) -> bool:
        return self.valid_until < timezone.localdate()

    def clean(self):
        super().clean()
        if (
            self.min_population is not None
            and self.max_population is not None
            and self.min_population > self.max_population
        ):
            raise ValidationError(
                {"max_population": _("Die Höchstzahl liegt unter der Mindestzahl.")}
            )


class SuggestionWeights(models.Model):
    """The one place where staff weigh the factors of the suggestions (a single row).

    A factor's contribution is its weight times its value (between -1 and 1); the score is
    the sum. A weight of 0 shows the factor without letting it move the order.
    """

    SINGLETON_PK = 1
    FACTORS = (
        "mutual",
        "themes",
        "needs_offers",
        "size",
        "kind",
        "third_partner",
        "regional",
        "district",
        "need",
        "origin",
        "region",
        "safety",
    )

    mutual = models.FloatField(_("beide suchen einander"), default=3.0)
    themes = models.FloatField(_("gemeinsame Themen"), default=1.5)
    needs_offers = models.FloatField(_("Bedarf ↔ Angebot"), default=1.5)
    size = models.FloatField(_("ähnliche Größe"), default=3.0)
    kind = models.FloatField(_("ähnliche Art (Stadt ↔ städtische Hromada …)"), default=1.0)
    third_partner = models.FloatField(_("gemeinsame dritte Partnerstadt"), default=4.0)
    regional = models.FloatField(_("Regionalpartnerschaft"), default=0.5)
    district = models.FloatField(_("Kreis-Rajon-Partnerschaft"), default=2.0)
    need = models.FloatField(_("Bedarf (noch kein Partner / schon viele)"), default=0.5)
    origin = models.FloatField(_("Herkunft der Einwohner*innen"), default=1.5)
    region = models.FloatField(_("gewünschte Region"), default=1.5)
    safety = models.FloatField(
        _("Listen der Kampf- oder besetzten Gebiete 2022"),
        default=0.0,
        help_text=_("0: nur als Hinweis zeigen; ein negativer Wert stuft gelistete Orte herab."),
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geändert von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Gewichtung der Vorschläge")
        verbose_name_plural = _("Gewichtung der Vorschläge")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="suggestion_weights_singleton")
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> SuggestionWeights:
        weights, _created = cls.objects.get_or_create(pk=cls.SINGLETON_PK)
        return weights

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in self.FACTORS}


class OriginStatistic(models.Model):
    """Where a municipality's residents come from, entered by staff (the Versmold method:
    "Herkunftsstatistik → Prioritätenliste der geeigneten Partnerstädte")."""

    actor = models.ForeignKey(
        Actor,
        verbose_name=_("Kommune oder Kreis"),
        on_delete=models.CASCADE,
        related_name="origin_statistics",
        limit_choices_to={"country": "DE"},
    )
    origin_country = models.CharField(
        _("Herkunftsland (ISO-Code)"),
        max_length=2,
        help_text=_("Zwei Buchstaben nach ISO 3166, z. B. UA, PL, ES."),
    )
    origin_region = models.ForeignKey(
        Actor,
        verbose_name=_("Herkunftsregion (Oblast)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "oblast"},
        help_text=_("Wenn bekannt: die Oblast, aus der die Menschen kommen."),
    )
    residents = models.PositiveIntegerField(_("Einwohner*innen"), null=True, blank=True)
    share_pct = models.DecimalField(
        _("Anteil an der Bevölkerung (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    as_of = models.DateField(_("Stand"))
    source = models.CharField(_("Quelle"), max_length=250)
    note = models.CharField(_("Anmerkung"), max_length=250, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingetragen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("eingetragen am"), auto_now_add=True)

    class Meta:
        ordering = ["actor__name", "-as_of", "origin_country"]
        verbose_name = _("Herkunftsstatistik")
        verbose_name_plural = _("Herkunftsstatistiken")
        constraints = [
            models.CheckConstraint(
                condition=Q(residents__isnull=False) | Q(share_pct__isnull=False),
                name="origin_statistic_has_a_figure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} ← {self.origin_country}"

    def clean(self):
        super().clean()
        self.origin_country = (self.origin_country or "").upper()
        if self.residents is None and self.share_pct is None:
            raise ValidationError(_("Bitte eine Zahl oder einen Anteil angeben."))
        if self.origin_region_id and self.origin_country != "UA":
            raise ValidationError(
                {"origin_region": _("Eine Oblast gibt es nur beim Herkunftsland UA.")}
            )
