"""Matchmaking cases (Anbahnung): the office's work from a request to a signed partnership.

received → shortlist → introduced → first meeting → trial/project partnership → formal
partnership → closed (with a reason); every step is a ``CaseEvent`` with user and time.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.matchmaking.models.profiles import SearchProfile
from partnerships.models import Actor, Partnership


class CaseState(models.TextChoices):
    RECEIVED = "received", _("eingegangen")
    SHORTLIST = "shortlist", _("Auswahlliste")
    INTRODUCED = "introduced", _("vorgestellt")
    FIRST_MEETING = "first_meeting", _("erstes Treffen")
    TRIAL = "trial", _("Probe- oder Projektpartnerschaft")
    FORMAL = "formal", _("förmliche Partnerschaft")
    CLOSED = "closed", _("abgeschlossen")


# The only moves a case can make. Back from "introduced" to "shortlist" when a side says
# "not now" and the office introduces another candidate.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    CaseState.RECEIVED: (CaseState.SHORTLIST, CaseState.CLOSED),
    CaseState.SHORTLIST: (CaseState.INTRODUCED, CaseState.CLOSED),
    CaseState.INTRODUCED: (CaseState.FIRST_MEETING, CaseState.SHORTLIST, CaseState.CLOSED),
    CaseState.FIRST_MEETING: (CaseState.TRIAL, CaseState.FORMAL, CaseState.CLOSED),
    CaseState.TRIAL: (CaseState.FORMAL, CaseState.CLOSED),
    CaseState.FORMAL: (CaseState.CLOSED,),
    CaseState.CLOSED: (),
}
OPEN_STATES = tuple(state for state in CaseState.values if state != CaseState.CLOSED)


class CloseReason(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnerschaft vereinbart")
    NO_MATCH = "no_match", _("kein passender Partner gefunden")
    DECLINED = "declined", _("eine Seite hat abgesagt")
    WITHDRAWN = "withdrawn", _("Anfrage zurückgezogen")
    OTHER = "other", _("anderer Grund")


class MatchCaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(state=CaseState.CLOSED)


class MatchCase(models.Model):
    actor = models.ForeignKey(
        Actor, verbose_name=_("suchender Akteur"), on_delete=models.PROTECT, related_name="+"
    )
    profile = models.ForeignKey(
        SearchProfile,
        verbose_name=_("Suchprofil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    state = models.CharField(
        _("Stand"),
        max_length=14,
        choices=CaseState.choices,
        default=CaseState.RECEIVED,
        db_index=True,
    )
    state_changed_at = models.DateTimeField(_("im Stand seit"), default=timezone.now)
    partner = models.ForeignKey(
        Actor,
        verbose_name=_("vorgestellter Partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("Partnerschaft im Register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    close_reason = models.CharField(
        _("Grund des Abschlusses"), max_length=12, choices=CloseReason.choices, blank=True
    )
    staff_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zuständig"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(_("Erinnerung gesendet am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = MatchCaseQuerySet.as_manager()

    class Meta:
        ordering = ["state_changed_at", "pk"]
        verbose_name = _("Anbahnung")
        verbose_name_plural = _("Anbahnungen")
        indexes = [models.Index(fields=["state", "state_changed_at"])]

    def __str__(self) -> str:
        if self.partner_id:
            return f"{self.actor} – {self.partner}"
        return str(self.actor)

    @property
    def days_in_state(self) -> int:
        return (timezone.now() - self.state_changed_at).days

    def allowed_transitions(self) -> tuple[str, ...]:
        return TRANSITIONS[self.state]


class CaseCandidate(models.Model):
    """A candidate chosen from the suggestions for the shortlist, with a note why."""

    case = models.ForeignKey(MatchCase, on_delete=models.CASCADE, related_name="candidates")
    actor = models.ForeignKey(
        Actor, verbose_name=_("Kandidat"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("warum"), max_length=500, blank=True)
    score = models.FloatField(_("Punkte bei der Auswahl"), null=True, blank=True)
    reasons = models.JSONField(_("Faktoren bei der Auswahl"), default=list, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("ausgewählt am"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("Kandidat der Auswahlliste")
        verbose_name_plural = _("Auswahlliste")
        constraints = [
            models.UniqueConstraint(fields=["case", "actor"], name="case_candidate_unique")
        ]

    def __str__(self) -> str:
        return str(self.actor)


class CaseEvent(models.Model):
    """One step of a case's history: who did what, when."""

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("Stand geändert")
        SHORTLIST = "shortlist", _("Kandidaten ausgewählt")
        INTRODUCTION = "introduction", _("Vorstellung gesendet")
        ANSWER = "answer", _("Antwort erhalten")
        NOTE = "note", _("Notiz")

    case = models.ForeignKey(MatchCase, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices)
    from_state = models.CharField(_("von"), max_length=14, choices=CaseState.choices, blank=True)
    to_state = models.CharField(_("nach"), max_length=14, choices=CaseState.choices, blank=True)
    note = models.TextField(_("Notiz"), blank=True, max_length=2000)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("am"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Schritt der Anbahnung")
        verbose_name_plural = _("Verlauf")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"


class IntroductionAnswer(models.Model):
    """One side of an introduction: the email to its contact and the one-click answer."""

    class Side(models.TextChoices):
        SEEKER = "seeker", _("suchende Seite")
        PARTNER = "partner", _("vorgestellter Partner")

    class Answer(models.TextChoices):
        INTERESTED = "interested", _("interessiert")
        NOT_NOW = "not_now", _("jetzt nicht")

    case = models.ForeignKey(MatchCase, on_delete=models.CASCADE, related_name="answers")
    side = models.CharField(_("Seite"), max_length=8, choices=Side.choices)
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="+")
    other = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("Ansprechperson"), max_length=120)
    email = models.EmailField(_("E-Mail der Ansprechperson"))
    language = models.CharField(_("Sprache"), max_length=2, default="de")
    nonce = models.CharField(max_length=32, editable=False)
    answer = models.CharField(_("Antwort"), max_length=10, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Antwort auf eine Vorstellung")
        verbose_name_plural = _("Antworten auf Vorstellungen")

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_side_display()})"
