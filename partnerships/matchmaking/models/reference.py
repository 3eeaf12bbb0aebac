"""Reference facts the suggestions use, loaded from ``partnerships/matchmaking/data/``.

Keyed by the official code (AGS / KATOTTG) rather than by actor, so they load independently
of the register and survive a reload of the actors. Read-only for everyone: the loader
(``load_matchmaking_reference``) replaces them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceFacts(models.Model):
    """Facts about one NRW municipality or Ukrainian hromada that the register lacks."""

    class SettlementType(models.TextChoices):
        KREISFREIE_STADT = "kreisfrei", _("kreisfreie Stadt")
        STADT = "stadt", _("Stadt")
        GEMEINDE = "gemeinde", _("Gemeinde")
        OBLAST_CENTRE = "oblast_centre", _("Oblastzentrum")
        URBAN = "urban", _("städtische Hromada")
        SETTLEMENT = "settlement", _("Siedlungs-Hromada")
        RURAL = "rural", _("ländliche Hromada")

    official_code = models.CharField(_("amtlicher Schlüssel"), max_length=32, unique=True)
    country = models.CharField(_("Land"), max_length=2)
    settlement_type = models.CharField(
        _("Gemeindetyp"),
        max_length=14,
        choices=SettlementType.choices,
        blank=True,
        help_text=_(
            "NRW: kreisfreie Stadt, Stadt oder Gemeinde (Destatis); Ukraine: städtisch, "
            "Siedlung oder ländlich (KATOTTG), die Hromadas der Oblast-Hauptstädte als "
            "Oblastzentrum."
        ),
    )
    # Zensus 2022 (NRW municipalities)
    zensus_population = models.PositiveIntegerField(_("Einwohner (Zensus 2022)"), null=True)
    foreign_share_pct = models.DecimalField(
        _("Anteil ausländischer Staatsangehöriger (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
    )
    migration_background_pct = models.DecimalField(
        _("Anteil mit Einwanderungsgeschichte (%)"), max_digits=4, decimal_places=1, null=True
    )
    # 2022 lists of hostilities or occupation (Ukrainian hromadas); never the current state
    war_lists = models.CharField(
        _("auf den Listen der Kampf- oder besetzten Gebiete von 2022"),
        max_length=60,
        blank=True,
        help_text=_(
            "Daten der Listenfassungen von 2022, in denen die Hromada stand (ISO, durch Kommas "
            "getrennt)."
        ),
    )
    kse_status_2022 = models.CharField(_("KSE-Status September 2022"), max_length=40, blank=True)
    not_controlled_before_2022 = models.BooleanField(
        _("schon vor 2022 nicht unter Kontrolle der Regierung"), default=False
    )

    class Meta:
        verbose_name = _("Ortsangaben (Referenz)")
        verbose_name_plural = _("Ortsangaben (Referenz)")

    def __str__(self) -> str:
        return self.official_code

    @property
    def war_list_dates(self) -> list[str]:
        return [day for day in self.war_lists.split(",") if day]


class Twinning(models.Model):
    """A twin-town pair of an NRW municipality or a hromada as listed on English Wikipedia.

    CC BY-SA 4.0 (Wikipedia contributors): used for the suggestions and shown as single facts,
    never part of the portal's CC BY open-data export.
    """

    official_code = models.CharField(_("amtlicher Schlüssel"), max_length=32, db_index=True)
    country = models.CharField(_("Land"), max_length=2)
    partner_name = models.CharField(_("Partnerstadt"), max_length=200)
    partner_country = models.CharField(_("Land der Partnerstadt"), max_length=2)
    partner_code = models.CharField(
        _("amtlicher Schlüssel der Partnerstadt"),
        max_length=32,
        blank=True,
        help_text=_("Gesetzt, wenn die Partnerstadt selbst eine NRW-Kommune oder Hromada ist."),
    )
    listed_on = models.CharField(_("gelistet auf"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Städtepartnerschaft laut Wikipedia")
        verbose_name_plural = _("Städtepartnerschaften laut Wikipedia")
        constraints = [
            models.UniqueConstraint(
                fields=["official_code", "partner_name", "partner_country"],
                name="matchmaking_twinning_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.official_code} – {self.partner_name} ({self.partner_country})"
