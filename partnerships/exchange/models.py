"""Bedarfsbörse: needs (Bedarf) of Ukrainian actors and offers (Angebot) of NRW actors, the
match that ties a need to its helper, the steps of each item's lifecycle, the handover and
the reported use.

An item's place is its actor's centre — the item has no location of its own. A sensitive
actor's items show only at oblast level in public (``partnerships.permissions``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.matchmaking.models.requests import OfficeContactMessage
from partnerships.models import Actor
from portal import languages
from portal.models import Horizon
from portal.uploads import UploadField

QUANTITY_MAX = 100_000
TEXT_MAX_LENGTH = 4000


class Category(models.TextChoices):
    # goods
    FIRE_ENGINE = "fire_engine", _("Feuerwehrfahrzeuge")
    AMBULANCE = "ambulance", _("Rettungswagen")
    VEHICLE = "vehicle", _("andere Fahrzeuge")
    ENERGY_GOODS = "generator", _("Generatoren und Energietechnik")
    MEDICAL = "medical", _("Medizinische Ausstattung")
    SCHOOL = "school", _("Schule und Kita")
    SHELTER = "shelter", _("Unterkunft")
    # know-how
    KNOWHOW_ENERGY = "kh_energy", _("Know-how: Energie")
    KNOWHOW_WATER = "kh_water", _("Know-how: Wasser")
    KNOWHOW_WASTE = "kh_waste", _("Know-how: Abfall")
    KNOWHOW_ADMIN = "kh_admin", _("Know-how: Verwaltung")
    KNOWHOW_DIGITAL = "kh_digital", _("Know-how: Digitalisierung")
    KNOWHOW_EDUCATION = "kh_education", _("Know-how: Bildung")
    KNOWHOW_HEALTH = "kh_health", _("Know-how: Gesundheit")
    # reconstruction
    RECONSTRUCTION = "reconstruction", _("Wiederaufbauprojekt")
    # exchange
    YOUTH = "ex_youth", _("Austausch: Jugend")
    CULTURE = "ex_culture", _("Austausch: Kultur")
    SPORT = "ex_sport", _("Austausch: Sport")
    PROFESSIONAL = "ex_professional", _("Austausch: Fachbesuche")


CATEGORY_GROUPS = {
    "goods": (
        _("Sachgüter"),
        ("fire_engine", "ambulance", "vehicle", "generator", "medical", "school", "shelter"),
    ),
    "knowhow": (
        _("Know-how"),
        (
            "kh_energy",
            "kh_water",
            "kh_waste",
            "kh_admin",
            "kh_digital",
            "kh_education",
            "kh_health",
        ),
    ),
    "reconstruction": (_("Wiederaufbau"), ("reconstruction",)),
    "exchange": (_("Austausch"), ("ex_youth", "ex_culture", "ex_sport", "ex_professional")),
}
GROUP_OF = {code: group for group, (_label, codes) in CATEGORY_GROUPS.items() for code in codes}
# Goods are handed over physically (transport, protocol); know-how and exchanges are not
# shipped, so their "in transit" step may be skipped.
SHIPPED_GROUPS = frozenset({"goods"})


def grouped_category_choices() -> list[tuple]:
    """Choices with option groups for forms."""
    labels = dict(Category.choices)
    return [
        (label, [(code, labels[code]) for code in codes])
        for label, codes in CATEGORY_GROUPS.values()
    ]


class State(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("veröffentlicht")
    IN_TALKS = "in_talks", _("im Gespräch")
    AGREED = "agreed", _("vereinbart")
    IN_TRANSIT = "in_transit", _("unterwegs")
    HANDED_OVER = "handed_over", _("übergeben")
    USE_REPORTED = "use_reported", _("Verwendung berichtet")
    CLOSED = "closed", _("abgeschlossen")
    WITHDRAWN = "withdrawn", _("zurückgezogen")
    EXPIRED = "expired", _("abgelaufen")


OPEN_STATES = (State.PUBLISHED,)
# Reached the recipient: counted as "met" in the public aggregates.
MET_STATES = (State.HANDED_OVER, State.USE_REPORTED, State.CLOSED)
MATCH_STATES = (
    State.IN_TALKS,
    State.AGREED,
    State.IN_TRANSIT,
    State.HANDED_OVER,
    State.USE_REPORTED,
    State.CLOSED,
)


class Urgency(models.IntegerChoices):
    NORMAL = 1, _("normal")
    HIGH = 2, _("dringend")
    CRITICAL = 3, _("sehr dringend")


registry_id_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9-]{2,39}$",
    _("Bitte die Kennung aus dem Register (Buchstaben, Ziffern und Bindestriche) angeben."),
)


class ItemQuerySet(models.QuerySet):
    def public(self):
        """What the public list shows: published and not past ``valid_until``."""
        return self.filter(state=State.PUBLISHED, valid_until__gte=timezone.localdate())

    def for_editor(self, user):
        return self.filter(actor__editors__user=user)


class Item(models.Model):
    """A need (Bedarf) of a Ukrainian actor or an offer (Angebot) of an NRW actor."""

    class Kind(models.TextChoices):
        NEED = "need", _("Bedarf")
        OFFER = "offer", _("Angebot")

    SIDE = {"need": "UA", "offer": "DE"}  # the actor's country for each kind

    kind = models.CharField(_("Art"), max_length=5, choices=Kind.choices, db_index=True)
    actor = models.ForeignKey(
        Actor, verbose_name=_("Akteur"), on_delete=models.PROTECT, related_name="exchange_items"
    )
    category = models.CharField(
        _("Kategorie"), max_length=20, choices=Category.choices, db_index=True
    )
    horizon = models.ForeignKey(
        Horizon, verbose_name=_("Zeithorizont"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("Titel"), max_length=160)
    description = models.TextField(
        _("Beschreibung und Spezifikation"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    quantity = models.PositiveIntegerField(
        _("Menge"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(QUANTITY_MAX)],
    )
    unit = models.CharField(_("Einheit"), max_length=30, blank=True, default="")
    urgency = models.PositiveSmallIntegerField(
        _("Dringlichkeit"), choices=Urgency.choices, default=Urgency.NORMAL
    )
    needed_by = models.DateField(
        _("gebraucht bis / verfügbar ab"),
        null=True,
        blank=True,
        help_text=_("Bedarf: bis wann es gebraucht wird; Angebot: ab wann es verfügbar ist."),
    )
    valid_until = models.DateField(_("gültig bis"), db_index=True)
    registry_id = models.CharField(
        _("Kennung im nationalen Wiederaufbau-Register"),
        max_length=40,
        blank=True,
        validators=[registry_id_validator],
        help_text=_("Nur für Wiederaufbauprojekte, falls vorhanden."),
    )
    source_language = models.CharField(
        _("verfasst in"), max_length=8, choices=languages.CHOICES, default=languages.SOURCE
    )
    state = models.CharField(
        _("Stand"), max_length=16, choices=State.choices, default=State.DRAFT, db_index=True
    )
    state_changed_at = models.DateTimeField(_("Stand seit"), default=timezone.now)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    met_at = models.DateTimeField(_("übergeben am"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_synthetic = models.BooleanField(_("synthetisch (Lasttest)"), default=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("Bedarf oder Angebot")
        verbose_name_plural = _("Bedarfe und Angebote")
        indexes = [
            models.Index(fields=["state", "kind", "category"], name="exchange_item_open"),
            models.Index(fields=["kind", "met_at"], name="exchange_item_met"),
            # the public list's order: walked in order, stops after one page
            models.Index(
                fields=["state", "-urgency", "-published_at", "-id"],
                name="exchange_item_public_order",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1) & Q(quantity__lte=QUANTITY_MAX),
                name="exchange_item_quantity_bounded",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("exchange:detail", args=[self.pk])

    @property
    def group(self) -> str:
        return GROUP_OF.get(self.category, "")

    @property
    def is_shipped(self) -> bool:
        return self.group in SHIPPED_GROUPS

    def missing_languages(self) -> list[str]:
        """Languages whose title is still empty (shown as "translation missing")."""
        return [code for code in languages.CODES if not getattr(self, f"title_{code}", "")]


class ItemPhoto(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="photos")
    file = UploadField(
        _("Foto"),
        policy="image",
        upload_to="exchange/photos/",
        visible_to="partnerships.exchange.permissions.can_view_item_file",
    )
    alt_text = models.CharField(_("Bildbeschreibung (Alternativtext)"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")

    def __str__(self) -> str:
        return self.alt_text


class ItemDocument(models.Model):
    """A specification or offer sheet: only the item's editors, its match partner and staff
    see it (documents often carry names and phone numbers)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="documents")
    file = UploadField(
        _("Dokument (PDF)"),
        policy="document",
        upload_to="exchange/documents/",
        visible_to="partnerships.exchange.permissions.can_view_item_document",
    )
    title = models.CharField(_("Titel"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")

    def __str__(self) -> str:
        return self.title


class MatchQuerySet(models.QuerySet):
    def current(self):
        return self.filter(released_at__isnull=True)

    def use_report_overdue(self, *, days: int):
        cutoff = timezone.now() - timezone.timedelta(days=days)
        return self.current().filter(
            handed_over_at__lte=cutoff, use_reported_at__isnull=True, closed_at__isnull=True
        )


class Match(models.Model):
    """A need reserved for one helper (an offer, or an NRW actor), or an offer reserved for one
    recipient. Both sides' editors see the match and its thread; staff see every match."""

    need = models.ForeignKey(
        Item,
        verbose_name=_("Bedarf"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="need_matches",
    )
    offer = models.ForeignKey(
        Item,
        verbose_name=_("Angebot"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="offer_matches",
    )
    donor = models.ForeignKey(
        Actor, verbose_name=_("gebende Seite"), on_delete=models.PROTECT, related_name="+"
    )
    recipient = models.ForeignKey(
        Actor, verbose_name=_("empfangende Seite"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    released_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True)
    # handover
    handed_over_on = models.DateField(_("Übergabe am"), null=True, blank=True)
    handed_over_at = models.DateTimeField(_("Übergabe erfasst am"), null=True, blank=True)
    handover_people = models.CharField(
        _("Wer hat übergeben und empfangen"), max_length=300, blank=True
    )
    handover_note = models.TextField(_("Anmerkung zur Übergabe"), max_length=2000, blank=True)
    handover_protocol = UploadField(
        _("unterschriebenes Übergabeprotokoll (PDF)"),
        policy="document",
        upload_to="exchange/handover/",
        visible_to="partnerships.exchange.permissions.can_view_match_file",
        blank=True,
    )
    # use report
    use_report = models.TextField(_("Bericht über die Verwendung"), max_length=4000, blank=True)
    use_reported_at = models.DateTimeField(_("Verwendung berichtet am"), null=True, blank=True)
    use_reminder_sent_at = models.DateTimeField(_("Erinnerung gesendet am"), null=True, blank=True)
    use_alert_sent_at = models.DateTimeField(
        _("Netzwerkstelle informiert am"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Vermittlung")
        verbose_name_plural = _("Vermittlungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(need__isnull=False) | Q(offer__isnull=False),
                name="exchange_match_has_item",
            ),
            models.UniqueConstraint(
                fields=["need"],
                condition=Q(released_at__isnull=True, need__isnull=False),
                name="exchange_match_one_current_per_need",
            ),
            models.UniqueConstraint(
                fields=["offer"],
                condition=Q(released_at__isnull=True, offer__isnull=False),
                name="exchange_match_one_current_per_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.donor} → {self.recipient}"

    @property
    def items(self) -> list[Item]:
        return [item for item in (self.need, self.offer) if item is not None]

    @property
    def main_item(self) -> Item:
        return self.need or self.offer


class HandoverPhoto(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="handover_photos")
    file = UploadField(
        _("Foto der Übergabe"),
        policy="image",
        upload_to="exchange/handover-photos/",
        visible_to="partnerships.exchange.permissions.can_view_match_file",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Foto der Übergabe")
        verbose_name_plural = _("Fotos der Übergabe")

    def __str__(self) -> str:
        return self.file.name


class Step(models.Model):
    """One step of an item's lifecycle: from which state to which, by whom and when."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="steps")
    match = models.ForeignKey(
        Match, null=True, blank=True, on_delete=models.SET_NULL, related_name="steps"
    )
    action = models.CharField(_("Schritt"), max_length=20)
    from_state = models.CharField(_("von"), max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(_("nach"), max_length=16, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("am"), default=timezone.now)
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("Schritt")
        verbose_name_plural = _("Schritte")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.from_state} → {self.to_state}"


class Message(models.Model):
    """The thread of a match: both sides and staff read and write it."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("Nachricht"), max_length=3000)
    created_at = models.DateTimeField(_("am"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")

    def __str__(self) -> str:
        return self.body[:40]


class ContactRequest(OfficeContactMessage):
    """A message from the public to an item's owners, through the Netzwerkstelle (as in the
    Partnersuche): staff read it and pass it on; the owners' contact is never shown."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="contact_requests")

    class Meta(OfficeContactMessage.Meta):
        verbose_name = _("Kontaktanfrage zur Bedarfsbörse")
        verbose_name_plural = _("Kontaktanfragen zur Bedarfsbörse")

    def __str__(self) -> str:
        return f"{self.name} → {self.item}"


class Follow(models.Model):
    """An editor follows categories and regions and gets a daily digest of new items
    (default on once set up; opt-out by link or in "Mein Bereich")."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_follow"
    )
    categories = models.JSONField(_("Kategorien"), default=list, blank=True)
    regions = models.ManyToManyField(
        Actor,
        verbose_name=_("Regionen (Oblast oder Regierungsbezirk)"),
        blank=True,
        related_name="+",
    )
    kinds = models.JSONField(_("Bedarfe und/oder Angebote"), default=list, blank=True)
    enabled = models.BooleanField(_("tägliche E-Mail"), default=True)
    last_sent_at = models.DateTimeField(_("zuletzt gesendet am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Abo der Bedarfsbörse")
        verbose_name_plural = _("Abos der Bedarfsbörse")

    def __str__(self) -> str:
        return str(self.user)
