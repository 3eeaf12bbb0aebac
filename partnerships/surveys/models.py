"""Surveys (versioned, typed questions in every language), their invitations with personal
links, and the answers."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.models import Actor


class Survey(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        OPEN = "open", _("offen")
        CLOSED = "closed", _("abgeschlossen")

    key = models.SlugField(_("Kennung"), max_length=60, help_text=_("Gleich für alle Fassungen."))
    version = models.PositiveSmallIntegerField(_("Fassung"), default=1)
    title = models.CharField(_("Titel"), max_length=200)
    intro = models.TextField(_("Einleitung"), blank=True)
    source_label = models.CharField(
        _("Quelle im Register"),
        max_length=100,
        default="Bestandsaufnahme 2026",
        help_text=_("So steht es bei jeder übernommenen Angabe."),
    )
    valid_days = models.PositiveSmallIntegerField(_("Link gültig (Tage)"), default=42)
    state = models.CharField(_("Stand"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        ordering = ["key", "-version"]
        verbose_name = _("Bestandsaufnahme")
        verbose_name_plural = _("Bestandsaufnahmen")
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="survey_key_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Question(models.Model):
    class Kind(models.TextChoices):
        CHOICE = "choice", _("Auswahl")
        MULTIPLE = "multiple", _("Mehrfachauswahl")
        NUMBER = "number", _("Zahl")
        DATE = "date", _("Datum")
        TEXT = "text", _("Text")
        GROUP = "group", _("Gruppe je Partnerschaft")

    class Target(models.TextChoices):
        NONE = "", _("–")
        STATUS = "status", _("Stand der Partnerschaft")
        LAST_ACTIVITY = "last_activity", _("letzte Aktivität")
        CONTACT_CURRENT = "contact_current", _("Kontakt noch aktuell?")
        CONTACT_EMAIL = "contact_email", _("neue Kontakt-E-Mail")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    group = models.ForeignKey(
        "self",
        verbose_name=_("Gruppe"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        limit_choices_to={"kind": "group"},
        help_text=_("Fragen einer Gruppe werden für jede Partnerschaft des Akteurs gestellt."),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("Frage"), max_length=300)
    help_text = models.CharField(_("Hinweis"), max_length=300, blank=True)
    choices = models.TextField(
        _("Antwortmöglichkeiten"),
        blank=True,
        help_text=_("Eine je Zeile: Wert|Beschriftung (z. B. active|aktiv)."),
    )
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    maps_to = models.CharField(
        _("übernehmen ins Register als"),
        max_length=20,
        choices=Target.choices,
        blank=True,
    )

    class Meta:
        ordering = ["survey", "position", "pk"]
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")

    def __str__(self) -> str:
        return self.text

    def choice_list(self) -> list[tuple[str, str]]:
        result = []
        for line in self.choices.splitlines():
            if line.strip():
                value, _sep, label = line.partition("|")
                result.append((value.strip(), (label or value).strip()))
        return result


def _nonce() -> str:
    return secrets.token_urlsafe(12)


class Invitation(models.Model):
    """One person asked to answer for one actor; the personal link carries a signed id."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="survey_invitations")
    email = models.EmailField(_("E-Mail-Adresse"))
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nonce = models.CharField(max_length=32, default=_nonce, editable=False)
    sent_at = models.DateTimeField(_("versandt am"))
    expires_at = models.DateTimeField(_("gültig bis"))
    reminded_7_at = models.DateTimeField(_("1. Erinnerung"), null=True, blank=True)
    reminded_14_at = models.DateTimeField(_("2. Erinnerung"), null=True, blank=True)
    answers = models.JSONField(_("Antworten"), default=dict, blank=True)
    saved_at = models.DateTimeField(_("zuletzt gespeichert"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("abgeschickt am"), null=True, blank=True)
    applied_at = models.DateTimeField(_("ins Register übernommen am"), null=True, blank=True)

    class Meta:
        ordering = ["survey", "actor__name", "email"]
        verbose_name = _("Einladung und Antwort")
        verbose_name_plural = _("Einladungen und Antworten")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "actor", "email"], name="survey_invitation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} – {self.survey}"
