"""Cross-cutting models: the user, the shared taxonomy, advice requests and the outbox."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account: staff, or an editor of a municipality or association.

    People log in with their email address; there is no username.
    """

    username = None
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    language = models.CharField(
        _("Sprache"),
        max_length=8,
        default="de",
        help_text=_("Sprache für E-Mails an diese Person."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("Benutzer*in")
        verbose_name_plural = _("Benutzer*innen")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Theme(models.Model):
    """A topic shared by partnerships, events and the library (Migration, Jugend, ...)."""

    slug = models.SlugField(_("Kurzname"), unique=True)
    name = models.CharField(_("Name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self) -> str:
        return self.name


class Horizon(models.Model):
    """One of the three time horizons of the NRW–Ukraine work (the seed's "Zeithorizonte")."""

    HUMANITARIAN = "humanitarian"
    RECONSTRUCTION = "reconstruction"
    EU_INTEGRATION = "eu-integration"

    slug = models.SlugField(_("Kurzname"), unique=True)
    name = models.CharField(_("Name"), max_length=80)
    term = models.CharField(_("Zeitraum"), max_length=40)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("Zeithorizont")
        verbose_name_plural = _("Zeithorizonte")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Stadt oder Gemeinde")
    HROMADA = "hromada", _("Hromada (ukrainische Gemeinde)")
    DISTRICT = "district", _("Kreis")
    RAION_OBLAST = "raion_oblast", _("Rajon oder Oblast (Verwaltung in der Ukraine)")
    STATE = "state", _("Land oder Landesbehörde")
    ASSOCIATION = "association", _("Verein oder Initiative")
    SCHOOL = "school", _("Schule oder Hochschule")
    COMPANY = "company", _("Unternehmen")
    PRIVATE = "private", _("Privatperson")
    OTHER = "other", _("Andere")


class ConsultationRequest(models.Model):
    """A request for advice ("Beratung & Begleitung") sent through the public form."""

    class Topic(models.TextChoices):
        UKRAINE = "ukraine", _("Partnerschaftsvorhaben Richtung Ukraine")
        SEEK_NRW = "seek_nrw", _("Partnerkommune in Nordrhein-Westfalen gesucht (aus der Ukraine)")
        NEW_PARTNERSHIP = "new", _("Neue Partnerschaft anbahnen")
        REVIVE = "revive", _("Bestehende Partnerschaft beleben")
        FUNDING = "funding", _("Fördermittel")
        EVENTS = "events", _("Veranstaltungen und Austausch")
        OTHER = "other", _("Sonstiges")

    class Status(models.TextChoices):
        NEW = "new", _("neu")
        IN_PROGRESS = "in_progress", _("in Bearbeitung")
        DONE = "done", _("erledigt")

    class Country(models.TextChoices):
        # Both sides ask: a hromada looking for a German partner is as usual as the reverse.
        GERMANY = "DE", _("Deutschland")
        UKRAINE = "UA", _("Ukraine")
        OTHER = "XX", _("anderes Land")

    name = models.CharField(_("Name"), max_length=120)
    organisation = models.CharField(_("Organisation"), max_length=200)
    organisation_kind = models.CharField(
        _("Art der Organisation"), max_length=20, choices=OrganisationKind.choices
    )
    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    country = models.CharField(
        _("Land der Organisation"), max_length=2, choices=Country.choices, default=Country.GERMANY
    )
    topic = models.CharField(_("Thema"), max_length=20, choices=Topic.choices)
    message = models.TextField(_("Nachricht"), max_length=5000)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    consent_text = models.TextField(_("Text der Einwilligung"))
    consent_at = models.DateTimeField(_("Einwilligung am"))
    ip_address = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    staff_note = models.TextField(_("interne Notiz"), blank=True)
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    # What the person fills in on the public form: the form's fields, and in the admin shown,
    # never changed.
    SUBMITTED_FIELDS = (
        "name",
        "organisation",
        "organisation_kind",
        "country",
        "email",
        "topic",
        "message",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Beratungsanfrage")
        verbose_name_plural = _("Beratungsanfragen")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_topic_display()}"


class ConsultationReply(models.Model):
    """An answer of the staff to an advice request, sent by email and kept with it."""

    request = models.ForeignKey(
        ConsultationRequest,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("Beratungsanfrage"),
    )
    subject = models.CharField(_("Betreff"), max_length=200)
    body = models.TextField(_("Text"), max_length=20000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gesendet von"),
    )
    created_at = models.DateTimeField(_("gesendet am"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")

    def __str__(self) -> str:
        return self.subject


class OutboundEmail(models.Model):
    """One email to one address, written in the transaction that decides it (the outbox).

    Every email of the portal is such a row, except the newsletter's issues, which have their
    own ledger. ``context`` holds ids and plain values only, never a secret link: the worker
    loads the objects and builds the links when it renders the email (``portal/outbox.py``).
    Sending is at least once: ``claimed_at`` is set before the SMTP send, ``sent_at`` after
    the server accepted the message. A worker that dies in between leaves a claim that the
    periodic dispatch declares stale and sends again, marking ``possibly_duplicate``.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet auf Versand")
        SENT = "sent", _("gesendet")
        FAILED = "failed", _("fehlgeschlagen")
        SKIPPED = "skipped", _("entfallen")

    template = models.CharField(_("Vorlage"), max_length=200)
    to_email = models.EmailField(_("Empfänger*in"), max_length=254, blank=True)
    reply_to = models.EmailField(_("Antwort an"), max_length=254, blank=True)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    context = models.JSONField(_("Angaben"), default=dict, blank=True)
    dedupe_key = models.CharField(
        _("Schlüssel gegen Doppelte"), max_length=200, null=True, blank=True, unique=True
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now, db_index=True)
    queued_at = models.DateTimeField(_("zum Versand eingereiht am"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("Versand begonnen am"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gesendet am"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    possibly_duplicate = models.BooleanField(
        _("möglicherweise doppelt"),
        default=False,
        help_text=_(
            "Ein Versand brach ab, nachdem der Mailserver die Nachricht vielleicht schon "
            "angenommen hatte; sie wurde erneut gesendet."
        ),
    )
    last_error = models.TextField(_("letzter Fehler"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ausgehende E-Mail")
        verbose_name_plural = _("ausgehende E-Mails")
        indexes = [  # the dispatcher's look-up: pending rows only
            models.Index(
                fields=["queued_at"],
                condition=models.Q(status="pending"),
                name="outboundemail_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} → {self.to_email or '–'}"


class SeedRecord(models.Model):
    """What a data file last wrote into one row (see ``portal.seeding``): a loader rewrites
    a field only while it still holds this value, so staff's edits stay; a record whose row
    is gone means staff deleted the row, and it is not created again."""

    key = models.CharField(_("Schlüssel"), max_length=500, unique=True)
    values = models.JSONField(_("geladene Werte"), default=dict, encoder=DjangoJSONEncoder)
    loaded_at = models.DateTimeField(_("geladen am"), auto_now=True)

    class Meta:
        verbose_name = _("geladener Datensatz")
        verbose_name_plural = _("geladene Datensätze")

    def __str__(self) -> str:
        return self.key


class Heartbeat(models.Model):
    """The last sign of life of a background process, "worker" or "beat" (portal.readiness)."""

    name = models.CharField(_("Prozess"), max_length=40, primary_key=True)
    at = models.DateTimeField(_("zuletzt"))

    class Meta:
        verbose_name = _("Lebenszeichen")
        verbose_name_plural = _("Lebenszeichen")

    def __str__(self) -> str:
        return self.name
