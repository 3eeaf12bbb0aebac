"""The knowledge library: resources, the funding guide and PDF guides.

Full-text search on PostgreSQL uses the stored ``search_vector`` (GIN index created in a
migration that runs only on PostgreSQL) and the ``SearchWord`` lexicon (trigram index) that
lets "Partnerschaft" find German compounds such as "Städtepartnerschaft". Both are kept
current by ``knowledge.services.resource_index``; nothing happens in signals.

History (django-simple-history) is registered in ``knowledge/translation.py``, after the
translated columns exist, so that the history keeps every language.
"""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import languages
from portal.models import Horizon, Theme
from portal.uploads import UploadField


class TargetGroup(models.Model):
    """Who a resource is written for, or who may apply for a funding programme."""

    slug = models.SlugField(_("Kurzname"), unique=True)
    name = models.CharField(_("Name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")

    def __str__(self) -> str:
        return self.name


class Country(models.Model):
    """A country a resource is about (ISO 3166-1 alpha-2 code)."""

    code = models.CharField(_("ISO-Code"), max_length=2, unique=True)
    name = models.CharField(_("Name"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Land")
        verbose_name_plural = _("Länder")

    def __str__(self) -> str:
        return self.name


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=Resource.State.PUBLISHED, published_at__lte=timezone.now())

    def for_list(self):
        return self.select_related("current_file").prefetch_related("themes", "horizons")


class Resource(models.Model):
    class Kind(models.TextChoices):
        BEST_PRACTICE = "best_practice", _("Best Practice")
        GUIDE_CHAPTER = "guide_chapter", _("Leitfaden-Kapitel")
        LESSONS_LEARNED = "lessons_learned", _("Lessons Learned")
        PUBLICATION = "publication", _("Publikation")
        READING_TIP = "reading_tip", _("Lesetipp")
        DOCUMENTATION = "documentation", _("Dokumentation")
        NEWS = "news", _("Webartikel")

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        IN_REVIEW = "in_review", _("in Prüfung")
        PUBLISHED = "published", _("veröffentlicht")

    class Extraction(models.TextChoices):
        NONE = "none", _("keine Datei")
        PENDING = "pending", _("wartet")
        DONE = "done", _("Text gelesen")
        UNSUPPORTED = "unsupported", _("Dateityp ohne Textauslesen")
        FAILED = "failed", _("fehlgeschlagen")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=120, unique=True)
    summary = models.TextField(_("Kurzfassung"), max_length=1000, blank=True)
    body = models.TextField(_("Text (Markdown)"), blank=True)
    external_url = models.URLField(_("externer Link"), max_length=500, blank=True)
    current_file = models.ForeignKey(
        "knowledge.ResourceFile",
        verbose_name=_("aktuelle Datei"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("Themen"), blank=True)
    horizons = models.ManyToManyField(Horizon, verbose_name=_("Zeithorizonte"), blank=True)
    countries = models.ManyToManyField(Country, verbose_name=_("Länder"), blank=True)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("Zielgruppen"), blank=True)
    related_partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        verbose_name=_("verwandte Partnerschaften"),
        blank=True,
        related_name="library_resources",
    )
    related_events = models.ManyToManyField(
        "events.Event",
        verbose_name=_("verwandte Veranstaltungen"),
        blank=True,
        related_name="library_resources",
    )
    related_actors = models.ManyToManyField(
        "partnerships.Actor",
        verbose_name=_("verwandte Akteure"),
        blank=True,
        related_name="library_resources",
    )
    language = models.CharField(
        _("Sprache des Originals"), max_length=2, choices=languages.CHOICES, default="de"
    )
    author = models.CharField(_("Autor*in"), max_length=200, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), default=timezone.now)
    state = models.CharField(
        _("Status"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingereicht von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    extracted_text = models.TextField(_("ausgelesener Text der Datei"), blank=True)
    extraction_status = models.CharField(
        _("Textauslesen"), max_length=12, choices=Extraction.choices, default=Extraction.NONE
    )
    extraction_error = models.TextField(_("Fehler beim Auslesen"), blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("Ressource")
        verbose_name_plural = _("Ressourcen")
        indexes = [models.Index(fields=["state", "-published_at"], name="knowledge_res_pub_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:detail", kwargs={"slug": self.slug})

    @property
    def snippet_raw(self) -> str | None:
        """On a ranked search result: the passage around its first hit, hits between
        marks (see ``knowledge.snippets``); None elsewhere."""
        source = getattr(self, "snippet_source", None)
        if source is None:
            return None
        from knowledge.snippets import highlight

        return highlight(source, getattr(self, "snippet_terms", "").split())

    def get_download_url(self) -> str:
        return reverse("knowledge:download", kwargs={"slug": self.slug})

    @property
    def has_download(self) -> bool:
        return self.current_file_id is not None


class ResourceFile(models.Model):
    """One uploaded version of a resource's attachment. Versions are never overwritten."""

    resource = models.ForeignKey(
        Resource, verbose_name=_("Ressource"), on_delete=models.CASCADE, related_name="files"
    )
    version = models.PositiveIntegerField(_("Version"))
    file = UploadField(
        _("Datei"),
        policy="attachment",
        upload_to="knowledge/resources/",
        visible_to="knowledge.permissions.can_view_resource_file",
        max_length=300,
    )
    original_name = models.CharField(_("ursprünglicher Dateiname"), max_length=255)
    content_type = models.CharField(_("Dateityp"), max_length=120)
    size = models.PositiveBigIntegerField(_("Größe in Bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    class Meta:
        ordering = ["resource", "-version"]
        verbose_name = _("Dateiversion")
        verbose_name_plural = _("Dateiversionen")
        constraints = [
            models.UniqueConstraint(fields=["resource", "version"], name="knowledge_file_version")
        ]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.version})"

    @property
    def extension(self) -> str:
        return self.original_name.rsplit(".", 1)[-1].upper() if "." in self.original_name else ""


class SearchWord(models.Model):
    """Every distinct lower-case word of the indexed texts (the decompounding lexicon).

    A query word is expanded to the indexed words that contain it (trigram-indexed LIKE),
    so "partnerschaft" also matches the lexemes of "städtepartnerschaften".
    """

    word = models.CharField(max_length=80, unique=True)

    class Meta:
        verbose_name = _("Suchwort")
        verbose_name_plural = _("Suchwörter")

    def __str__(self) -> str:
        return self.word


class SearchSynonym(models.Model):
    """A group of words the site search treats as one (Jugendaustausch ↔ Jugendbegegnung ↔
    молодіжний обмін): staff keep the list in the admin; a query word that is one of them
    (or an inflected form of one) also finds the others — in the PostgreSQL full-text
    search, the embedded mode's SQLite FTS5 search and the register and event search."""

    terms = models.TextField(
        _("gleichbedeutende Begriffe"),
        help_text=_(
            "Ein Begriff je Zeile (oder durch Kommas getrennt), in jeder Sprache. Jeder "
            "Begriff der Gruppe findet auch die anderen."
        ),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("Synonymgruppe der Suche")
        verbose_name_plural = _("Synonyme der Suche")

    def __str__(self) -> str:
        return ", ".join(self.term_list()[:4])

    def term_list(self) -> list[str]:
        parts = self.terms.replace(",", "\n").splitlines()
        result = []
        for part in parts:
            term = " ".join(part.lower().split())
            if term and term not in result:
                result.append(term)
        return result


# --- Funding guide ------------------------------------------------------------------------


class FundingProgramQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_list(self):
        return self.prefetch_related(
            "applicant_groups", "themes", "horizons", "deadlines", "sources"
        )


class FundingProgram(models.Model):
    """A funding programme with the facts of the call year its sources describe."""

    class DeadlineKind(models.TextChoices):
        DATED = "dated", _("feste Frist(en)")
        ANNUAL = "annual", _("jährlich wiederkehrend")
        ONGOING = "ongoing", _("laufend, ohne Frist")
        UNKNOWN = "unknown", _("nicht angegeben")

    name = models.CharField(_("Programm"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=120, unique=True)
    funder = models.CharField(_("Fördergeber / Träger"), max_length=300)
    eligibility = models.TextField(_("Wer kann beantragen"), blank=True)
    applicant_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("antragsberechtigt"), blank=True
    )
    funds = models.TextField(_("Was wird gefördert"), blank=True)
    amounts = models.TextField(_("Förderhöhe"), blank=True)
    amount_min = models.DecimalField(
        _("Mindestbetrag (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("Höchstbetrag (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cofinancing = models.TextField(_("Kofinanzierung / Eigenanteil"), blank=True)
    funding_rate_percent = models.PositiveSmallIntegerField(
        _("Förderquote bis (%)"), null=True, blank=True
    )
    deadline_kind = models.CharField(
        _("Fristen"), max_length=10, choices=DeadlineKind.choices, default=DeadlineKind.UNKNOWN
    )
    deadline_note = models.TextField(_("Fristen (Text)"), blank=True)
    recurring_month = models.PositiveSmallIntegerField(
        _("jährliche Frist: Monat"), null=True, blank=True
    )
    recurring_day = models.PositiveSmallIntegerField(
        _("jährliche Frist: Tag"), null=True, blank=True
    )
    link = models.URLField(_("Link"), max_length=500, blank=True)
    call_year = models.PositiveSmallIntegerField(
        _("Stand (Aufrufjahr)"),
        null=True,
        blank=True,
        help_text=_("Das jüngste Aufrufjahr, auf das sich die Angaben beziehen."),
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("Themen"), blank=True)
    horizons = models.ManyToManyField(Horizon, verbose_name=_("Zeithorizonte"), blank=True)
    is_published = models.BooleanField(_("veröffentlicht"), default=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = FundingProgramQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:funding") + f"#{self.slug}"

    # Derived deadline facts (computed from the prefetched deadlines; no queries).
    def next_deadline(self, today: datetime.date) -> datetime.date | None:
        if self.deadline_kind == self.DeadlineKind.ANNUAL and self.recurring_month:
            day = self.recurring_day or 1
            this_year = _safe_date(today.year, self.recurring_month, day)
            return (
                this_year
                if this_year >= today
                else _safe_date(today.year + 1, self.recurring_month, day)
            )
        future = [d.date for d in self.deadlines.all() if d.date >= today]
        return min(future) if future else None

    def last_past_deadline(self, today: datetime.date) -> datetime.date | None:
        past = [d.date for d in self.deadlines.all() if d.date < today]
        return max(past) if past else None

    def is_open(self, today: datetime.date) -> bool:
        """Open now: ongoing, or a dated call whose window includes today."""
        if self.deadline_kind == self.DeadlineKind.ONGOING:
            return True
        if self.deadline_kind == self.DeadlineKind.DATED:
            return any(
                d.date >= today and (d.opens_on is None or d.opens_on <= today)
                for d in self.deadlines.all()
            )
        return False


def _safe_date(year: int, month: int, day: int) -> datetime.date:
    while day > 28:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            day -= 1
    return datetime.date(year, month, day)


class FundingDeadline(models.Model):
    """A one-off deadline of a call (date, optional opening date, the call year)."""

    program = models.ForeignKey(FundingProgram, on_delete=models.CASCADE, related_name="deadlines")
    date = models.DateField(_("Frist"))
    opens_on = models.DateField(_("Antragsstart"), null=True, blank=True)
    label = models.CharField(_("Bezeichnung"), max_length=200, blank=True)
    call_year = models.PositiveSmallIntegerField(_("Aufrufjahr"), null=True, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("Frist")
        verbose_name_plural = _("Fristen")

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.label}".strip()


class FundingSource(models.Model):
    """A source of the facts on a programme, with the call year it refers to."""

    program = models.ForeignKey(FundingProgram, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("Adresse"), max_length=500)
    title = models.CharField(_("Titel"), max_length=200, blank=True)
    call_year = models.PositiveSmallIntegerField(_("Aufrufjahr"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Quelle")
        verbose_name_plural = _("Quellen")

    def __str__(self) -> str:
        return self.title or self.url


# --- PDF guides ---------------------------------------------------------------------------


class Guide(models.Model):
    """A guide (Leitfaden) composed of ordered sections and rendered to a PDF.

    The PDF file name carries a hash of the rendered inputs: an unchanged guide is not
    rendered again, a changed one gets a new file, and the public URL
    (``knowledge:guide_pdf``) always streams the last good file.
    """

    class PdfStatus(models.TextChoices):
        NONE = "none", _("noch nicht erzeugt")
        PENDING = "pending", _("wird erzeugt")
        READY = "ready", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=120, unique=True)
    subtitle = models.CharField(_("Untertitel"), max_length=300, blank=True)
    introduction = models.TextField(_("Einleitung (Markdown)"), blank=True)
    language = models.CharField(
        _("Sprache des PDF"), max_length=2, choices=languages.CHOICES, default="de"
    )
    is_published = models.BooleanField(_("veröffentlicht"), default=False)
    pdf_file = models.FileField(_("PDF-Datei"), upload_to="knowledge/guides/", blank=True)
    pdf_hash = models.CharField(_("Hash der Eingaben"), max_length=64, blank=True)
    pdf_status = models.CharField(
        _("PDF-Status"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.NONE
    )
    pdf_error = models.TextField(_("Fehler"), blank=True)
    pdf_generated_at = models.DateTimeField(_("PDF erzeugt am"), null=True, blank=True)
    pdf_pages = models.PositiveIntegerField(_("Seiten"), null=True, blank=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Leitfaden")
        verbose_name_plural = _("Leitfäden")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:guide", kwargs={"slug": self.slug})

    def get_pdf_url(self) -> str:
        return reverse("knowledge:guide_pdf", kwargs={"slug": self.slug})


class GuideSection(models.Model):
    """One chapter of a guide: a library resource or the guide's own text."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("Ressource"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guide_sections",
    )
    heading = models.CharField(
        _("Überschrift"),
        max_length=200,
        blank=True,
        help_text=_("Leer lassen, um den Titel der Ressource zu verwenden."),
    )
    text = models.TextField(_("eigener Text (Markdown)"), blank=True)

    class Meta:
        ordering = ["guide", "position", "id"]
        verbose_name = _("Kapitel")
        verbose_name_plural = _("Kapitel")

    def __str__(self) -> str:
        return self.display_heading

    @property
    def display_heading(self) -> str:
        if self.heading:
            return self.heading
        return self.resource.title if self.resource_id else ""
