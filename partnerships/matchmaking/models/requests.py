"""What reaches the office from the public: a message to a profile's owners ("Kontakt über
die Netzwerkstelle") and a request for a partner from an actor without an account."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.matchmaking.models.profiles import TEXT_MAX_LENGTH, SearchProfile
from partnerships.models import Actor
from portal.models import Theme

MESSAGE_MAX_LENGTH = 3000


class OfficeContactMessage(models.Model):
    """A message from the public to the owners of something public (a search profile, a need
    or offer), through the Netzwerkstelle: staff read it and forward it with the sender's
    consent, or decline it; the owners' contact is never shown to the sender. The Partnersuche
    and the Bedarfsbörse each keep theirs (``ContactRequest`` in both apps)."""

    class Status(models.TextChoices):
        NEW = "new", _("neu")
        FORWARDED = "forwarded", _("weitergeleitet")
        DECLINED = "declined", _("nicht weitergeleitet")

    name = models.CharField(_("Name"), max_length=120)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"))
    message = models.TextField(_("Nachricht"), max_length=MESSAGE_MAX_LENGTH)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    consent_text = models.TextField(_("Text der Einwilligung"))
    consent_at = models.DateTimeField(_("Einwilligung am"))
    ip_address = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    staff_note = models.TextField(_("interne Notiz"), blank=True)
    forwarded_at = models.DateTimeField(_("weitergeleitet am"), null=True, blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("weitergeleitet von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class ContactRequest(OfficeContactMessage):
    """A message to the owners of a public profile."""

    profile = models.ForeignKey(
        SearchProfile,
        verbose_name=_("Suchprofil"),
        on_delete=models.CASCADE,
        related_name="contact_requests",
    )

    class Meta(OfficeContactMessage.Meta):
        verbose_name = _("Kontaktanfrage zu einem Suchprofil")
        verbose_name_plural = _("Kontaktanfragen zu Suchprofilen")

    def __str__(self) -> str:
        return f"{self.name} → {self.profile.actor}"


class PartnerRequest(models.Model):
    """ "Wir suchen einen Partner": an actor without an account asks the office for a partner.
    Staff review it and turn it into a (staff-only) search profile and a matchmaking case."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("eingegangen")
        ACCEPTED = "accepted", _("übernommen")
        DECLINED = "declined", _("abgelehnt")

    class Side(models.TextChoices):
        NRW = "DE", _("Nordrhein-Westfalen")
        UKRAINE = "UA", _("Ukraine")

    organisation = models.CharField(_("Kommune oder Organisation"), max_length=200)
    organisation_kind = models.CharField(
        _("Art"), max_length=20, choices=Actor.Kind.choices, default=Actor.Kind.MUNICIPALITY
    )
    country = models.CharField(_("Seite"), max_length=2, choices=Side.choices)
    place = models.CharField(_("Ort und Region"), max_length=200, blank=True)
    seeks = models.TextField(_("Was Sie suchen"), max_length=TEXT_MAX_LENGTH)
    offers = models.TextField(_("Was Sie bieten können"), max_length=TEXT_MAX_LENGTH, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("Themen"), blank=True, related_name="+")
    contact_name = models.CharField(_("Ihr Name"), max_length=120)
    contact_email = models.EmailField(_("Ihre E-Mail-Adresse"))
    contact_phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    consent_text = models.TextField(_("Text der Einwilligung"))
    consent_at = models.DateTimeField(_("Einwilligung am"))
    ip_address = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
    )
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("Akteur im Register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    profile = models.OneToOneField(
        SearchProfile,
        verbose_name=_("angelegtes Suchprofil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_request",
    )
    staff_note = models.TextField(_("interne Notiz"), blank=True)
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Anfrage „Wir suchen einen Partner“")
        verbose_name_plural = _("Anfragen „Wir suchen einen Partner“")

    def __str__(self) -> str:
        return self.organisation
