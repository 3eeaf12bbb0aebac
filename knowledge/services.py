"""Business rules of the library that change state (called by admin, views, tasks, demo)."""

import hashlib
import logging
import re
from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.text import slugify

from knowledge import fts_sqlite, permissions
from knowledge.models import Country, Resource, ResourceFile, SearchWord, TargetGroup
from knowledge.search import uses_postgres
from portal import languages
from portal.models import Horizon, Theme
from portal.services import model_set_relations, staff_notify
from portal.uploads import upload_check

logger = logging.getLogger(__name__)

MAX_EXTRACTED_CHARS = 500_000
MAX_EXTRACTED_PAGES = 500
_INDEX_WORD_RE = re.compile(r"[^\W\d_]{4,80}", re.UNICODE)
_TEXT_COLUMNS = [
    column for name in ("title", "summary", "body") for column in languages.columns(name)
]


# --- Search index -------------------------------------------------------------------------


def _vector(columns: list[str], *, config: str, weight: str) -> SearchVector:
    parts = []
    for column in columns:
        parts += [Coalesce(column, Value(""), output_field=TextField()), Value(" ")]
    return SearchVector(Concat(*parts, output_field=TextField()), config=config, weight=weight)


def resource_index(*, resource: Resource) -> None:
    """Recompute the stored search vector and add the resource's words to the lexicon.

    German columns use the ``german`` configuration, Ukrainian and English ones ``simple``;
    the weights are title A > summary B > body C > attachment text D.
    """
    if not uses_postgres():
        fts_sqlite.resource_index(resource=resource)
        return
    vector = None
    for name, weight in (("title", "A"), ("summary", "B"), ("body", "C")):
        source, *translations = languages.columns(name)
        part = _vector([source], config="german", weight=weight) + _vector(
            translations, config="simple", weight=weight
        )
        vector = part if vector is None else vector + part
    attachment_config = "german" if resource.language == "de" else "simple"
    vector = vector + _vector(["extracted_text"], config=attachment_config, weight="D")
    Resource.objects.filter(pk=resource.pk).update(search_vector=vector)
    resource_lexicon_add(resource=resource)


def synonyms_changed() -> None:
    """Staff changed the synonym list: the next search reads it again."""
    from django.core.cache import cache

    from knowledge.search import SYNONYMS_KEY

    cache.delete(SYNONYMS_KEY)


def resource_lexicon_add(*, resource: Resource) -> None:
    texts = [getattr(resource, column, "") or "" for column in _TEXT_COLUMNS]
    texts.append(resource.extracted_text or "")
    words = {w.lower() for text in texts for w in _INDEX_WORD_RE.findall(text)}
    SearchWord.objects.bulk_create(
        [SearchWord(word=w) for w in sorted(words)], ignore_conflicts=True, batch_size=2000
    )


def resource_save_relations(
    *,
    resource: Resource,
    themes: Iterable[Theme] | None = None,
    horizons: Iterable[Horizon] | None = None,
    countries: Iterable[Country] | None = None,
    target_groups: Iterable[TargetGroup] | None = None,
    related_partnerships: Iterable | None = None,
) -> Resource:
    """Replace the given relations of a saved resource (None: leave as is) and refresh its
    search index."""
    model_set_relations(
        resource,
        themes=themes,
        horizons=horizons,
        countries=countries,
        target_groups=target_groups,
        related_partnerships=related_partnerships,
    )
    resource_index(resource=resource)
    return resource


# --- Attachments --------------------------------------------------------------------------


def resource_attach_file(*, resource: Resource, uploaded, user=None) -> ResourceFile:
    """Store ``uploaded`` as the resource's new current version (older ones are kept).

    The public download URL (``knowledge:download``) stays the same; text extraction is
    queued after the commit.
    """
    checked = upload_check(uploaded, policy="attachment")
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    with transaction.atomic():
        locked = Resource.objects.select_for_update().get(pk=resource.pk)
        version = (locked.files.aggregate(v=Max("version"))["v"] or 0) + 1
        resource_file = ResourceFile(
            resource=locked,
            version=version,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=digest.hexdigest(),
            uploaded_by=user if user is not None and user.is_authenticated else None,
        )
        resource_file.file.save(resource_file.original_name, uploaded, save=False)
        resource_file.save()
        is_pdf = checked.extension == "pdf"
        status = Resource.Extraction.PENDING if is_pdf else Resource.Extraction.UNSUPPORTED
        Resource.objects.filter(pk=locked.pk).update(
            current_file=resource_file,
            extraction_status=status,
            extraction_error="",
            extracted_text="",
            updated_at=timezone.now(),
        )
        resource.current_file = resource_file
        resource.extraction_status = status
        resource.extracted_text = ""
        if is_pdf:
            from knowledge.tasks import extract_resource_text

            extract_resource_text.delay_on_commit(locked.pk, resource_file.pk)
        else:
            resource_index(resource=resource)
    return resource_file


def _read_pdf_text(file_obj) -> str:
    from pypdf import PdfReader

    reader = PdfReader(file_obj)
    parts = []
    total = 0
    for index, page in enumerate(reader.pages):
        if index >= MAX_EXTRACTED_PAGES or total >= MAX_EXTRACTED_CHARS:
            break
        text = page.extract_text() or ""
        parts.append(text)
        total += len(text)
    return "\n".join(parts)[:MAX_EXTRACTED_CHARS].replace("\x00", "")


def resource_extract_text_again(*, resource: Resource) -> bool:
    """Queue reading the current file's text once more (after the commit); False when the
    resource has no file."""
    from knowledge.tasks import extract_resource_text

    if resource.current_file_id is None:
        return False
    resource_id, file_id = resource.pk, resource.current_file_id
    extract_resource_text.delay_on_commit(resource_id, file_id)
    return True


def resource_extract_text(*, resource_id: int, file_id: int | None = None) -> str:
    """Read the text of the resource's current PDF into ``extracted_text``.

    Returns the new extraction status. A file that cannot be parsed leaves the resource
    intact with status "failed" and the error; a stale call (a newer version was uploaded
    meanwhile) does nothing.
    """
    resource = Resource.objects.select_related("current_file").filter(pk=resource_id).first()
    if resource is None:
        return "missing"
    current = resource.current_file
    if current is None:
        return resource.extraction_status
    if file_id is not None and current.pk != file_id:
        return "stale"
    if not current.file.name.lower().endswith(".pdf"):
        status, text, error = Resource.Extraction.UNSUPPORTED, "", ""
    else:
        try:
            with current.file.open("rb") as handle:
                text = _read_pdf_text(handle)
            status, error = Resource.Extraction.DONE, ""
        # pypdf raises many different exception types on malformed input; every failure
        # is recorded on the resource instead of crashing the worker.
        except Exception as exc:  # noqa: BLE001
            logger.info("text extraction failed for resource %s: %r", resource_id, exc)
            status, text, error = Resource.Extraction.FAILED, "", f"{type(exc).__name__}: {exc}"
    updated = Resource.objects.filter(pk=resource_id, current_file_id=current.pk).update(
        extracted_text=text, extraction_status=status, extraction_error=error[:2000]
    )
    if updated:
        resource.extracted_text = text
        resource.extraction_status = status
        resource_index(resource=resource)
    return status


# --- Editorial workflow -------------------------------------------------------------------


def resource_publish(*, resource: Resource, user) -> Resource:
    if not permissions.can_publish_resource(user):
        raise PermissionDenied
    resource.state = Resource.State.PUBLISHED
    if resource.published_at is None or resource.published_at > timezone.now():
        resource.published_at = timezone.now()
    resource.save(update_fields=["state", "published_at", "updated_at"])
    return resource


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100].strip("-") or "beitrag"
    slug, n = base, 2
    while Resource.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def best_practice_submit(
    *,
    user,
    partnership,
    title: str,
    summary: str,
    body: str,
    language: str,
    themes=(),
    horizons=(),
    uploaded=None,
) -> Resource:
    """An editor proposes a best practice from their partnership; it waits "in review"
    until staff publish it (admin action "Veröffentlichen")."""
    from knowledge.permissions import can_submit_best_practice, submittable_partnerships

    if not can_submit_best_practice(user):
        raise PermissionDenied
    if not submittable_partnerships(user).filter(pk=partnership.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        resource = Resource(
            kind=Resource.Kind.BEST_PRACTICE,
            slug=_unique_slug(title),
            state=Resource.State.IN_REVIEW,
            language=language,
            organisation=str(partnership),
            author=user.get_full_name() or "",
            submitted_by=user,
        )
        # The text goes into the column of its language (German is the fallback).
        for field, value in (("title", title), ("summary", summary), ("body", body)):
            setattr(resource, f"{field}_{language}", value)
            if language != "de":
                setattr(resource, f"{field}_de", getattr(resource, f"{field}_de") or value)
        resource.save()
        resource_save_relations(
            resource=resource,
            themes=list(themes),
            horizons=list(horizons),
            related_partnerships=[partnership],
        )
        if uploaded:
            resource_attach_file(resource=resource, uploaded=uploaded, user=user)
        staff_notify(
            template="knowledge/emails/best_practice_staff",
            context={"resource_id": resource.pk},
            reply_to=user.email or "",
        )
    return resource
