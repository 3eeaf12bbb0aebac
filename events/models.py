"""Events of the network office: series, events, registrations and their emails.

Times are stored in UTC and shown in Europe/Berlin (emails and .ics also in Kyiv time).
The join link of an online event is private: it is only ever reached through a
registrant's personal ``/veranstaltungen/<id>/teilnehmen/<token>/`` redirect.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal import languages
from portal.models import Horizon, OrganisationKind, Theme
from portal.uploads import UploadField

LANGUAGE_CHOICES = languages.CHOICES

# The personal join link opens this long before the start.
JOIN_OPENS_BEFORE = timedelta(minutes=30)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class EventSeries(models.Model):
    """A recurring format, e.g. "Forum Städtepartnerschaften NRW"."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname"), unique=True, max_length=80)
    organiser = models.CharField(
        _("Veranstalter"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Bertelsmann Stiftung“, wenn die Reihe nicht von uns ist."),
    )
    description = models.TextField(_("Beschreibung"), blank=True, help_text=_("Markdown"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("Veranstaltungsreihe")
        verbose_name_plural = _("Veranstaltungsreihen")

    def __str__(self) -> str:
        return self.name


class EventQuerySet(models.QuerySet):
    def public(self):
        """Published and cancelled events (a cancelled event's page says so); never drafts."""
        return self.exclude(status=Event.Status.DRAFT)

    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now())

    def with_counts(self):
        """Confirmed (incl. attended) and waitlisted counts, one query for many events."""
        return self.annotate(
            confirmed_count=Count(
                "registrations",
                filter=Q(registrations__status__in=Registration.HOLDS_PLACE),
                distinct=True,
            ),
            waitlisted_count=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.WAITLISTED),
                distinct=True,
            ),
        )

    def for_listing(self):
        return self.select_related("series")


class Event(models.Model):
    class Format(models.TextChoices):
        ONLINE = "online", _("online")
        IN_PERSON = "in_person", _("vor Ort")
        HYBRID = "hybrid", _("hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("veröffentlicht")
        CANCELLED = "cancelled", _("abgesagt")

    title = models.CharField(_("Titel"), max_length=200)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=400, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True, help_text=_("Markdown"))
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("Reihe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    start = models.DateTimeField(_("Beginn"), db_index=True)
    end = models.DateTimeField(_("Ende"), db_index=True)
    format = models.CharField(
        _("Format"), max_length=12, choices=Format.choices, default=Format.ONLINE
    )
    venue = models.CharField(_("Ort"), max_length=200, blank=True)
    address = models.TextField(_("Adresse"), blank=True)
    join_url = models.URLField(
        _("Zugangslink (privat)"),
        max_length=500,
        blank=True,
        help_text=_(
            "Wird nie veröffentlicht. Angemeldete erhalten einen persönlichen Link, der ab 30 "
            "Minuten vor Beginn hierhin weiterleitet."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer lassen für unbegrenzt.")
    )
    registration_opens = models.DateTimeField(_("Anmeldung ab"), null=True, blank=True)
    registration_closes = models.DateTimeField(
        _("Anmeldung bis"), null=True, blank=True, help_text=_("Leer: bis zum Beginn.")
    )
    co_organisers = models.CharField(_("Mitveranstalter"), max_length=300, blank=True)
    languages = models.CharField(
        _("Sprachen"),
        max_length=20,
        default="de",
        help_text=_("Kürzel, durch Komma getrennt: de, uk, en"),
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("Themen"), blank=True)
    horizons = models.ManyToManyField(Horizon, verbose_name=_("Zeithorizonte"), blank=True)
    related_partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        verbose_name=_("Partnerschaften"),
        blank=True,
        related_name="events",
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    cancelled_at = models.DateTimeField(_("abgesagt am"), null=True, blank=True)
    cancellation_note = models.TextField(_("Hinweis zur Absage"), blank=True)
    slides = UploadField(
        _("Folien"),
        policy="slides",
        upload_to="events/slides/",
        visible_to="events.permissions.can_view_event",
        blank=True,
    )
    documentation = models.TextField(
        _("Dokumentation"), blank=True, help_text=_("Markdown, nach der Veranstaltung")
    )
    recording_url = models.URLField(_("Aufzeichnung (Link)"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    # History is registered in events/translation.py, after the translated fields exist.
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="event_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.start):%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def language_labels(self) -> list[str]:
        labels = dict(LANGUAGE_CHOICES)
        return [str(labels.get(code, code)) for code in self.language_list]

    @property
    def is_online(self) -> bool:
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def is_past(self, now=None) -> bool:
        return self.end < (now or timezone.now())

    def registration_closes_at(self):
        return self.registration_closes or self.start

    def join_opens_at(self):
        return self.start - JOIN_OPENS_BEFORE

    @property
    def places_left(self) -> int | None:
        """Free places; needs the ``with_counts()`` annotation. None when unlimited."""
        if self.capacity is None or not hasattr(self, "confirmed_count"):
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def has_materials(self) -> bool:
        return bool(self.slides or self.documentation or self.recording_url)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("bestätigt")
        WAITLISTED = "waitlisted", _("Warteliste")
        CANCELLED = "cancelled", _("storniert")
        ATTENDED = "attended", _("teilgenommen")

    HOLDS_PLACE = (Status.CONFIRMED, Status.ATTENDED)
    # What the person registering fills in: the form's fields, in the order of the
    # parameters of the database function events_registration_take (migration 0008).
    FILLED_IN = (
        "name",
        "email",
        "organisation",
        "organisation_kind",
        "accessibility_needs",
        "question",
    )

    event = models.ForeignKey(
        Event,
        verbose_name=_("Veranstaltung"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("Name"), max_length=120)
    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    organisation_kind = models.CharField(
        _("Art der Organisation"), max_length=20, choices=OrganisationKind.choices, blank=True
    )
    accessibility_needs = models.TextField(_("Barrierefreiheit"), max_length=1000, blank=True)
    question = models.TextField(_("Frage an die Referierenden"), max_length=2000, blank=True)
    language = models.CharField(_("Sprache"), max_length=8, choices=LANGUAGE_CHOICES, default="de")
    consent = models.BooleanField(_("Einwilligung"), default=False)
    consent_text = models.TextField(_("Text der Einwilligung"), blank=True)
    consent_at = models.DateTimeField(_("Einwilligung am"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED, db_index=True
    )
    waitlist_position = models.PositiveIntegerField(
        _("Platz auf der Warteliste"), null=True, blank=True
    )
    manage_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    join_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    reminder_sent_at = models.DateTimeField(_("Erinnerung gesendet am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("storniert am"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angemeldet am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["manage_token", "join_token"])

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        constraints = [
            models.UniqueConstraint(
                "event", Lower("email"), name="registration_event_email_ci_unique"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]

    def __str__(self) -> str:
        return f"{self.name} – {self.event_id}"

    @property
    def holds_place(self) -> bool:
        return self.status in self.HOLDS_PLACE

    def manage_url(self) -> str:
        return settings.SITE_URL + reverse(
            "events:manage", kwargs={"pk": self.event_id, "token": self.manage_token}
        )

    def join_link(self) -> str:
        return settings.SITE_URL + reverse(
            "events:join", kwargs={"pk": self.event_id, "token": self.join_token}
        )


class Attendance(models.Model):
    """One use of a personal join link, or staff marking someone as present."""

    class Source(models.TextChoices):
        JOIN_LINK = "join_link", _("persönlicher Zugangslink")
        STAFF = "staff", _("von der Netzwerkstelle eingetragen")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    source = models.CharField(_("Quelle"), max_length=12, choices=Source.choices)
    at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.at:%Y-%m-%d %H:%M}"


class EventMessage(models.Model):
    """A message from staff to everyone confirmed for an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField(_("Betreff"), max_length=200)
    body = models.TextField(_("Nachricht"), max_length=10000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    fanned_out_at = models.DateTimeField(_("verteilt am"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Nachricht an Angemeldete")
        verbose_name_plural = _("Nachrichten an Angemeldete")

    def __str__(self) -> str:
        return self.subject
