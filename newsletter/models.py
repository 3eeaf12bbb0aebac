"""Newsletters, their subscribers and consent, composed issues and the per-recipient ledger.

The ledger (``Delivery``, one row per issue and subscriber) is what makes sending safe to
repeat: a message is only sent for a row that is still ``queued``, and the row is marked
``sent`` right after the SMTP server accepted the message.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.validators import validate_single_line


def new_token() -> str:
    return secrets.token_urlsafe(32)


class NewsletterQuerySet(models.QuerySet):
    def public(self):
        return self.filter(public=True)


class Newsletter(models.Model):
    name = models.CharField(_("Bezeichnung"), max_length=120, validators=[validate_single_line])
    slug = models.SlugField(_("Kurzname"), unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    public = models.BooleanField(
        _("öffentlich"),
        default=True,
        help_text=_("Öffentliche Newsletter kann man abonnieren; ihr Archiv ist sichtbar."),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = NewsletterQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Newsletter")
        verbose_name_plural = _("Newsletter")

    def __str__(self) -> str:
        return self.name


class ConsentTextQuerySet(models.QuerySet):
    def current(self) -> "ConsentText | None":
        return self.order_by("-version").first()


class ConsentText(models.Model):
    """One version of the consent text shown at sign-up. Never changed once stored.

    Editing the text in the admin stores a new version; subscriptions keep pointing to the
    version their subscriber agreed to.
    """

    version = models.PositiveIntegerField(_("Version"), unique=True)
    text = models.TextField(_("Text der Einwilligung"))
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)

    objects = ConsentTextQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("Einwilligungstext")
        verbose_name_plural = _("Einwilligungstexte")

    def __str__(self) -> str:
        return _("Version %(version)s") % {"version": self.version}

    def save(self, *args, **kwargs):
        if self.pk is not None and ConsentText.objects.filter(pk=self.pk).exists():
            raise ValidationError(_("Ein gespeicherter Einwilligungstext ist unveränderlich."))
        super().save(*args, **kwargs)


class Subscriber(models.Model):
    """An email address with its language. The token opens its preference page."""

    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    token = models.CharField(_("Schlüssel"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(
        _("letzte Bestätigungs-E-Mail"), null=True, blank=True
    )

    class Meta:
        ordering = ["email"]
        verbose_name = _("Abonnent*in")
        verbose_name_plural = _("Abonnent*innen")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique")
        ]

    def __str__(self) -> str:
        return self.email


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=[Subscription.Status.PENDING, Subscription.Status.CONFIRMED])

    def confirmed(self):
        return self.filter(status=Subscription.Status.CONFIRMED)


class Subscription(models.Model):
    """A subscriber's consent to one newsletter, with the proof of it.

    The consent fields (text version, time, IP address and source of the request, time and
    IP address of the confirmation) are written once and never changed. Subscribing again
    after leaving creates a new row, so the history of consents is kept.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("unbestätigt")
        CONFIRMED = "confirmed", _("bestätigt")
        UNSUBSCRIBED = "unsubscribed", _("abgemeldet")
        BOUNCED = "bounced", _("unzustellbar")

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("Abonnent*in"),
    )
    newsletter = models.ForeignKey(
        Newsletter,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("Newsletter"),
    )
    status = models.CharField(
        _("Status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    consent_text = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        related_name="subscriptions",
        verbose_name=_("Einwilligungstext"),
    )
    requested_at = models.DateTimeField(_("angefragt am"), default=timezone.now)
    request_ip = models.GenericIPAddressField(_("IP-Adresse der Anfrage"), null=True, blank=True)
    request_source = models.CharField(_("Quelle der Anfrage"), max_length=200, blank=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    confirm_ip = models.GenericIPAddressField(
        _("IP-Adresse der Bestätigung"), null=True, blank=True
    )
    unsubscribed_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("unzustellbar seit"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"],
                condition=Q(status__in=["pending", "confirmed"]),
                name="newsletter_one_active_subscription",
            )
        ]
        indexes = [models.Index(fields=["newsletter", "status"])]

    def __str__(self) -> str:
        return f"{self.subscriber} – {self.newsletter} ({self.get_status_display()})"


class Issue(models.Model):
    """One mailing of a newsletter, composed in Markdown."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SCHEDULED = "scheduled", _("geplant")
        SENDING = "sending", _("wird versandt")
        SENT = "sent", _("versandt")

    class Section(models.TextChoices):
        EVENTS = "events", _("Nächste Veranstaltungen")
        PORTRAITS = "portraits", _("Neue Partnerschaftsporträts seit der letzten Ausgabe")
        RESOURCES = "resources", _("Neu in der Wissensbibliothek seit der letzten Ausgabe")
        NEEDS = "needs", _("Neue Bedarfe")

    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.PROTECT, related_name="issues", verbose_name=_("Newsletter")
    )
    subject = models.CharField(_("Betreff"), max_length=200, validators=[validate_single_line])
    preheader = models.CharField(
        _("Vorschautext"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("Kurzer Text, den viele E-Mail-Programme neben dem Betreff zeigen."),
    )
    body = models.TextField(_("Text (Markdown)"))
    include_events = models.BooleanField(_("Abschnitt: nächste Veranstaltungen"), default=False)
    include_portraits = models.BooleanField(_("Abschnitt: neue Porträts"), default=False)
    include_resources = models.BooleanField(_("Abschnitt: neu in der Bibliothek"), default=False)
    include_needs = models.BooleanField(_("Abschnitt: neue Bedarfe (Bedarfsbörse)"), default=False)
    # The automatic sections as they were when sending began, per language (the archive and
    # every recipient see the same items).
    sections_snapshot = models.JSONField(_("Abschnitte beim Versand"), default=dict, blank=True)
    german_for_missing = models.BooleanField(
        _("Deutsche Fassung an Abonnent*innen ohne Übersetzung senden"),
        default=False,
        help_text=_(
            "Ohne dieses Häkchen erhält niemand die Ausgabe, in dessen Sprache Betreff oder "
            "Text fehlen."
        ),
    )
    status = models.CharField(
        _("Status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    scheduled_at = models.DateTimeField(_("geplant für"), null=True, blank=True)
    sending_started_at = models.DateTimeField(_("Versand begonnen am"), null=True, blank=True)
    sent_at = models.DateTimeField(_("versandt am"), null=True, blank=True)
    recipients_count = models.PositiveIntegerField(_("Empfänger*innen"), default=0)
    sent_count = models.PositiveIntegerField(_("gesendet"), default=0)
    failed_count = models.PositiveIntegerField(_("fehlgeschlagen"), default=0)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Ausgabe")
        verbose_name_plural = _("Ausgaben")

    def __str__(self) -> str:
        return self.subject

    @property
    def sections(self) -> list[str]:
        chosen = []
        if self.include_events:
            chosen.append(self.Section.EVENTS)
        if self.include_portraits:
            chosen.append(self.Section.PORTRAITS)
        if self.include_resources:
            chosen.append(self.Section.RESOURCES)
        if self.include_needs:
            chosen.append(self.Section.NEEDS)
        return chosen


class Delivery(models.Model):
    """One recipient of one issue: the ledger that makes sending repeatable."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in der Warteschlange")
        SENT = "sent", _("gesendet")
        FAILED = "failed", _("fehlgeschlagen")
        SKIPPED = "skipped", _("übersprungen (abgemeldet)")

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("Ausgabe")
    )
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("Abonnent*in"),
    )
    status = models.CharField(
        _("Status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    last_error = models.TextField(_("letzter Fehler"), blank=True)
    sent_at = models.DateTimeField(_("gesendet am"), null=True, blank=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_unique"
            )
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber_id}"
