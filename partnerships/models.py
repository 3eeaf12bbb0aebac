"""The register: actors (municipalities, districts, regions, associations, ...) and the
partnerships between them, with their portraits, milestones, projects, images and documents.

History (django-simple-history) is registered in ``translation.py`` *after* the translated
columns exist, so every language of a text is kept in the history too.
"""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partnerships.validators import validate_country_code, validate_not_future
from portal.models import Horizon, Theme
from portal.uploads import UploadField


class DatePrecision(models.TextChoices):
    DAY = "day", _("Tag")
    MONTH = "month", _("Monat")
    YEAR = "year", _("Jahr")


def format_precise_date(value: date | None, precision: str) -> str:
    """A date shown only as precisely as it is known (2023, 02/2023 or 21.02.2023)."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}"
    if precision == DatePrecision.MONTH:
        return f"{value.month:02d}/{value.year}"
    return value.strftime("%d.%m.%Y")


# --------------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------------


class ActorQuerySet(models.QuerySet):
    def public(self):
        """Every actor is public (reference data is public too); kept for symmetry."""
        return self

    def claimed(self):
        return self.filter(claimed_at__isnull=False)

    def unclaimed(self):
        return self.filter(claimed_at__isnull=True)

    def for_editor(self, user):
        """Actors the user is an editor of (who may edit what: ``partnerships.permissions``)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(editors__user=user).distinct()

    def search(self, query: str):
        """Actors named by ``query`` in any spelling (``partnerships.places``: exonyms,
        transliterations, old names, typos), else a part of a name or alias; or the
        official code."""
        from partnerships.places.search import actor_condition

        query = (query or "").strip()
        if not query:
            return self
        return self.filter(actor_condition(query) | Q(official_code__iexact=query))


class Actor(models.Model):
    """An organisation that can be a partner: a municipality, district, region, association..."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Stadt oder Gemeinde")
        DISTRICT = "district", _("Kreis")
        GOV_REGION = "gov_region", _("Regierungsbezirk")
        STATE = "state", pgettext_lazy("Art des Akteurs: Bundesland", "Land")
        HROMADA = "hromada", _("Hromada (Gemeinde)")
        RAION = "raion", _("Rajon")
        OBLAST = "oblast", _("Oblast")
        REGION = "region", _("Region (anderes Land)")
        ASSOCIATION = "association", _("Verein oder Initiative")
        SCHOOL = "school", _("Schule")
        UNIVERSITY = "university", _("Hochschule")
        CLINIC = "clinic", _("Klinik")
        UTILITY = "utility", _("Stadtwerke oder Betreibergesellschaft")
        COMPANY = "company", _("Unternehmen")
        OTHER = "other", _("Andere")

    class CoordinateSource(models.TextChoices):
        NONE = "", _("keine")
        REFERENCE = "reference", _("Referenzdaten")
        GAZETTEER = "gazetteer", _("Ortsverzeichnis (automatisch)")
        NOT_FOUND = "not_found", _("im Ortsverzeichnis nicht gefunden")
        MANUAL = "manual", _("von Hand (eingetragen oder geprüft)")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, db_index=True)
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=220, unique=True)
    aliases = models.TextField(
        _("andere Namen und Schreibweisen"),
        blank=True,
        help_text=_(
            "Ein Name je Zeile: Transliterationen, kyrillische Schreibweise, frühere Namen "
            "(z. B. Kirowohrad für Kropyvnytskyi). Die Suche findet auch diese Namen."
        ),
    )
    country = models.CharField(
        _("Land (ISO-Code)"),
        max_length=2,
        validators=[validate_country_code],
        help_text=_("Zwei Buchstaben nach ISO 3166, z. B. DE, UA, PL."),
        db_index=True,
    )
    admin_area = models.CharField(
        _("Verwaltungsgebiet"),
        max_length=200,
        blank=True,
        help_text=_("z. B. Regierungsbezirk Münster, Kreis Coesfeld oder Oblast Schytomyr"),
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("Regierungsbezirk oder Oblast"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="region_members",
        help_text=_("Wird aus der übergeordneten Einheit abgeleitet (für Filter)."),
    )
    district = models.ForeignKey(
        "self",
        verbose_name=_("Kreis oder Rajon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="district_members",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnete Einheit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    official_code = models.CharField(
        _("amtlicher Schlüssel"),
        max_length=32,
        blank=True,
        help_text=_("Deutschland: AGS bzw. Regionalschlüssel; Ukraine: KATOTTG-Code."),
    )
    wikidata_id = models.CharField(
        _("Wikidata-ID"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", _("Eine Wikidata-ID sieht so aus: Q1718."))],
    )
    population = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    population_date = models.DateField(_("Stand der Einwohnerzahl"), null=True, blank=True)
    idp_count = models.PositiveIntegerField(
        _("Binnenvertriebene"),
        null=True,
        blank=True,
        help_text=_("Für ukrainische Gemeinden: Zahl der aufgenommenen Binnenvertriebenen."),
    )
    latitude = models.FloatField(
        _("Breitengrad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("Längengrad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    coordinate_source = models.CharField(
        _("Herkunft der Koordinaten"),
        max_length=12,
        choices=CoordinateSource.choices,
        blank=True,
    )
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=5000)
    logo = UploadField(
        _("Logo"),
        policy="logo",
        upload_to="actors/logos/",
        visible_to="partnerships.permissions.can_view_actor",
        blank=True,
    )
    contact_name = models.CharField(_("Ansprechperson (öffentlich)"), max_length=120, blank=True)
    contact_email = models.EmailField(_("Kontakt-E-Mail (öffentlich)"), blank=True)
    contact_phone = models.CharField(_("Telefon (öffentlich)"), max_length=40, blank=True)
    is_sensitive = models.BooleanField(
        _("sensibler Ort"),
        default=False,
        help_text=_(
            "Für frontnahe Gemeinden: Die Karte zeigt dann nur die Oblast-Hauptstadt, "
            "Kontaktdaten werden nicht veröffentlicht."
        ),
    )
    claimed_at = models.DateTimeField(
        _("Profil gepflegt seit"),
        null=True,
        blank=True,
        help_text=_("Leer = „noch nicht gepflegt“: nur Referenzdaten, kein*e Redakteur*in."),
    )
    reference_source = models.CharField(
        _("Referenzquelle"),
        max_length=40,
        blank=True,
        help_text=_("Datensatz, aus dem das Profil angelegt wurde (z. B. destatis, katottg)."),
    )
    is_synthetic = models.BooleanField(_("synthetisch (Lasttest)"), default=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Akteur")
        verbose_name_plural = _("Akteure")
        constraints = [
            models.UniqueConstraint(
                fields=["official_code"],
                condition=~Q(official_code=""),
                name="actor_official_code_unique",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | (Q(latitude__gte=-90) & Q(latitude__lte=90)),
                name="actor_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | (Q(longitude__gte=-180) & Q(longitude__lte=180)),
                name="actor_longitude_range",
            ),
        ]
        indexes = [models.Index(fields=["country", "kind"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:actor_detail", kwargs={"slug": self.slug})

    @property
    def is_claimed(self) -> bool:
        return self.claimed_at is not None

    @property
    def area_name(self) -> str:
        """Kreis/raion and Regierungsbezirk/oblast in the page's language ("Нікопольський
        район, Дніпропетровська область" on uk), else the stored administrative area.
        Lists select ``district`` and ``region`` with the actor."""
        parts = [area.name for area in (self.district, self.region) if area is not None]
        return ", ".join(parts) if parts else self.admin_area

    @property
    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                _("Bitte Breiten- und Längengrad gemeinsam angeben (oder beide leer lassen).")
            )
        if self.latitude == 0 and self.longitude == 0:
            raise ValidationError(_("Die Koordinaten 0,0 liegen im Atlantik – bitte prüfen."))
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Ein Akteur kann nicht sich selbst enthalten.")})


# --------------------------------------------------------------------------------------------
# Partnerships
# --------------------------------------------------------------------------------------------


class PartnershipQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_state=Partnership.Publication.PUBLISHED)

    def for_editor(self, user):
        """Partnerships one of the user's actors belongs to (who may edit what:
        ``partnerships.permissions``)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(members__actor__editors__user=user).distinct()

    def with_members(self):
        return self.prefetch_related(
            models.Prefetch(
                "members",
                queryset=PartnershipMember.objects.select_related(
                    "actor", "actor__region", "actor__district"
                ).order_by("role", "position", "pk"),
            )
        )


class Partnership(models.Model):
    class Kind(models.TextChoices):
        TWINNING = "twinning", _("Städtepartnerschaft")
        FRIENDSHIP = "friendship", _("Städtefreundschaft")
        SOLIDARITY = "solidarity", _("Solidaritätspartnerschaft")
        PROJECT = "project", _("Projektpartnerschaft")
        REGIONAL = "regional", _("Regionalpartnerschaft")
        DISTRICT = "district", _("Kreis-Rajon-Partnerschaft")
        SCHOOL = "school", _("Schulpartnerschaft")
        UNIVERSITY = "university", _("Hochschulpartnerschaft")
        CLINIC = "clinic", _("Klinikpartnerschaft")
        UTILITY = "utility", _("Partnerschaft von Betreibergesellschaften")
        OTHER = "other", _("andere Partnerschaft")

    class Status(models.TextChoices):
        FIRST_CONTACT = "first_contact", _("erster Kontakt")
        COUNCIL_DECISION = "council_decision", _("Ratsbeschluss")
        SIGNED = "signed", _("unterzeichnet")
        ACTIVE = "active", _("aktiv")
        DORMANT = "dormant", _("ruhend")
        SUSPENDED = "suspended", _("ausgesetzt")
        ENDED = "ended", _("beendet")

    class Publication(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        REVIEW = "review", _("in Prüfung")
        PUBLISHED = "published", _("veröffentlicht")

    # Kinds that count as a partnership in the open-data counting rule.
    COUNTED_KINDS = (
        Kind.TWINNING,
        Kind.FRIENDSHIP,
        Kind.SOLIDARITY,
        Kind.PROJECT,
        Kind.REGIONAL,
        Kind.DISTRICT,
    )

    title = models.CharField(
        _("Titel"),
        max_length=250,
        help_text=_("z. B. Duisburg – Kryvyi Rih. Leer lassen: wird aus den Mitgliedern gebildet."),
        blank=True,
    )
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=250, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, db_index=True)
    is_formal = models.BooleanField(
        _("förmlich vereinbart"),
        default=False,
        help_text=_("Beruht die Partnerschaft auf einer unterzeichneten Vereinbarung?"),
    )
    status = models.CharField(
        _("Stand"),
        max_length=20,
        choices=Status.choices,
        default=Status.FIRST_CONTACT,
        db_index=True,
    )
    since = models.DateField(_("seit"), null=True, blank=True, validators=[validate_not_future])
    since_precision = models.CharField(
        _("Genauigkeit von „seit“"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.MONTH,
    )
    ended_on = models.DateField(_("beendet am"), null=True, blank=True)
    end_condition = models.CharField(
        _("Endbedingung"),
        max_length=250,
        blank=True,
        help_text=_("z. B. „befristet bis Kriegsende, dann Überprüfung“"),
    )
    # Portrait — the question list of the network office (translatable).
    summary = models.TextField(_("Kurzfassung"), blank=True, max_length=1000)
    origin = models.TextField(
        _("Erster Kontakt: Wie kam es dazu?"),
        blank=True,
        help_text=_("Auch: über eine dritte Partnerstadt?"),
    )
    motives = models.TextField(_("Motive"), blank=True)
    emergency_aid = models.TextField(_("Nothilfe"), blank=True)
    successes = models.TextField(_("Erfolge"), blank=True)
    funding = models.TextField(_("Was half bei der Finanzierung?"), blank=True)
    resources = models.TextField(_("Personal und Ressourcen"), blank=True)
    involvement = models.TextField(
        _("Beteiligung kommunaler Unternehmen und der Zivilgesellschaft"), blank=True
    )
    lessons = models.TextField(_("Was andere lernen können"), blank=True)
    horizons = models.ManyToManyField(
        Horizon, verbose_name=_("Zeithorizonte"), blank=True, related_name="partnerships"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("Themen"), blank=True, related_name="partnerships"
    )
    publication_state = models.CharField(
        _("Veröffentlichung"),
        max_length=10,
        choices=Publication.choices,
        default=Publication.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    review_comment = models.TextField(
        _("Rückmeldung der Netzwerkstelle"),
        blank=True,
        help_text=_("Wird beim Zurücksenden an die Redaktion gezeigt."),
    )
    is_synthetic = models.BooleanField(_("synthetisch (Lasttest)"), default=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True, db_index=True)
    # "Zuletzt aktualisiert" on the portrait: the last change of what readers see, not of the
    # row (publishing, a demo reload or a review comment do not count) — partnerships/
    # services/content.py keeps it.
    content_updated_at = models.DateTimeField(_("Inhalt geändert am"), null=True, blank=True)

    objects = PartnershipQuerySet.as_manager()

    PORTRAIT_FIELDS = (
        "summary",
        "origin",
        "motives",
        "emergency_aid",
        "successes",
        "funding",
        "resources",
        "involvement",
        "lessons",
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("Partnerschaft")
        verbose_name_plural = _("Partnerschaften")
        indexes = [models.Index(fields=["publication_state", "-updated_at"])]

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", kwargs={"slug": self.slug})

    @classmethod
    def content_columns(cls) -> list[str]:
        from portal import languages

        return [c for f in ("title", *cls.PORTRAIT_FIELDS) for c in languages.columns(f)]

    @property
    def last_content_change(self):
        return self.content_updated_at or self.created_at

    @property
    def partner_members(self) -> list:
        """The members without brokering third towns, from the prefetched ``members``."""
        return [m for m in self.members.all() if m.role != PartnershipMember.Role.THIRD_PARTY]

    @property
    def is_published(self) -> bool:
        return self.publication_state == self.Publication.PUBLISHED

    @property
    def since_display(self) -> str:
        return format_precise_date(self.since, self.since_precision)

    def clean(self):
        super().clean()
        if self.ended_on and self.since and self.ended_on < self.since:
            raise ValidationError({"ended_on": _("Das Ende liegt vor dem Beginn.")})
        if self.ended_on and self.ended_on > timezone.localdate():
            raise ValidationError({"ended_on": _("Das Datum liegt in der Zukunft.")})


class PartnershipMember(models.Model):
    class Role(models.TextChoices):
        PARTNER = "partner", _("Partner")
        THIRD_PARTY = "broker", _("vermittelnde dritte Partnerstadt")
        SUPPORTER = "supporter", _("unterstützend")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("Akteur"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("Rolle"), max_length=12, choices=Role.choices, default=Role.PARTNER)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    note = models.CharField(_("Anmerkung"), max_length=250, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Mitglied")
        verbose_name_plural = _("Mitglieder")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "actor"], name="partnership_member_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


class StatusStep(models.Model):
    """One dated step of a partnership's lifecycle (council decision, signing, ...)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="status_steps"
    )
    status = models.CharField(_("Stand"), max_length=20, choices=Partnership.Status.choices)
    date = models.DateField(_("Datum"), validators=[validate_not_future])
    precision = models.CharField(
        _("Genauigkeit"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.CharField(_("Anmerkung"), max_length=250, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("Schritt")
        verbose_name_plural = _("Schritte im Verlauf")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "status"], name="status_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.date_display}"

    @property
    def date_display(self) -> str:
        return format_precise_date(self.date, self.precision)


class KindChange(models.Model):
    """A change of kind (project partnership → city partnership), kept rather than overwritten."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="kind_changes"
    )
    from_kind = models.CharField(
        _("bisherige Art"), max_length=20, choices=Partnership.Kind.choices
    )
    to_kind = models.CharField(_("neue Art"), max_length=20, choices=Partnership.Kind.choices)
    date = models.DateField(_("Datum"), null=True, blank=True, validators=[validate_not_future])
    precision = models.CharField(
        _("Genauigkeit"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.YEAR
    )
    note = models.CharField(_("Anmerkung"), max_length=250, blank=True)
    recorded_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        ordering = ["date", "recorded_at"]
        verbose_name = _("Wechsel der Art")
        verbose_name_plural = _("Wechsel der Art")

    def __str__(self) -> str:
        return f"{self.get_from_kind_display()} → {self.get_to_kind_display()}"


class Milestone(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="milestones"
    )
    date = models.DateField(_("Datum"), validators=[validate_not_future])
    precision = models.CharField(
        _("Genauigkeit"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=5000)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")

    def __str__(self) -> str:
        return f"{self.date_display} {self.title}"

    @property
    def date_display(self) -> str:
        return format_precise_date(self.date, self.precision)


class Project(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("Titel"), max_length=200)
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    ends_on = models.DateField(_("Ende"), null=True, blank=True)
    horizon = models.ForeignKey(
        Horizon,
        verbose_name=_("Zeithorizont"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    funding_source = models.CharField(_("Förderung"), max_length=250, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=5000)

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Das Ende liegt vor dem Beginn.")})


class Image(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="images")
    file = UploadField(
        _("Bild"),
        policy="image",
        upload_to="partnerships/images/",
        visible_to="partnerships.permissions.can_view_partnership_item",
    )
    caption = models.CharField(_("Bildunterschrift"), max_length=250, blank=True)
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=250,
        help_text=_("Was ist auf dem Bild zu sehen? Für Menschen, die es nicht sehen können."),
    )
    credit = models.CharField(_("Bildnachweis"), max_length=200)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")

    def __str__(self) -> str:
        return self.caption or self.alt_text


class Document(models.Model):
    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Ratsbeschluss")
        AGREEMENT = "agreement", _("Partnerschaftsvereinbarung")
        OTHER = "other", _("anderes Dokument")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("Titel"), max_length=200)
    file = UploadField(
        _("Datei (PDF)"),
        policy="document",
        upload_to="partnerships/documents/",
        visible_to="partnerships.permissions.can_view_partnership_item",
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")

    def __str__(self) -> str:
        return self.title


# --------------------------------------------------------------------------------------------
# Editors
# --------------------------------------------------------------------------------------------


class ActorEditor(models.Model):
    """A person who keeps an actor's profile and its partnerships' portraits current."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("Redaktion")
        MANAGER = "manager", _("Verantwortliche*r")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="actor_roles",
        verbose_name=_("Person"),
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="editors", verbose_name=_("Akteur")
    )
    role = models.CharField(_("Rolle"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("seit"), auto_now_add=True)

    class Meta:
        verbose_name = _("Redakteur*in")
        verbose_name_plural = _("Redakteur*innen")
        constraints = [
            models.UniqueConstraint(fields=["user", "actor"], name="actor_editor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.actor} ({self.get_role_display()})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """Staff invite a person by email to become editor of an actor. The link works once and
    for ``PARTNERSHIPS_INVITATION_VALID_DAYS`` days after the invitation."""

    email = models.EmailField(_("E-Mail-Adresse"))
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("Akteur")
    )
    role = models.CharField(
        _("Rolle"), max_length=10, choices=ActorEditor.Role.choices, default=ActorEditor.Role.EDITOR
    )
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eingeladen von"),
    )
    created_at = models.DateTimeField(_("eingeladen am"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angenommen von"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")

    def __str__(self) -> str:
        return f"{self.email} → {self.actor}"

    def expires_at(self):
        return self.created_at + timedelta(days=settings.PARTNERSHIPS_INVITATION_VALID_DAYS)

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at()


class AccessRequest(models.Model):
    """A logged-in person asks to become editor of an actor; staff approve or refuse."""

    class Status(models.TextChoices):
        PENDING = "pending", _("offen")
        APPROVED = "approved", _("angenommen")
        REFUSED = "refused", _("abgelehnt")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="access_requests",
        verbose_name=_("Person"),
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="access_requests", verbose_name=_("Akteur")
    )
    message = models.TextField(_("Nachricht"), max_length=2000, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decision_note = models.TextField(_("Begründung"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entschieden von"),
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angefragt am"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Zugangsanfrage")
        verbose_name_plural = _("Zugangsanfragen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "actor"],
                condition=Q(status="pending"),
                name="access_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.actor}"


class DigestRun(models.Model):
    """A day whose digest of editors' changes was queued (at most once: the beat task's
    idempotency; its emails are outbox rows)."""

    day = models.DateField(unique=True)

    class Meta:
        verbose_name = _("Tageszusammenfassung")
        verbose_name_plural = _("Tageszusammenfassungen")

    def __str__(self) -> str:
        return str(self.day)
