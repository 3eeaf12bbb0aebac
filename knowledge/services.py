"""Business rules of the library that change state (called by admin, views, tasks, demo)."""

import hashlib
import logging
import re

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from knowledge.models import Resource, ResourceFile, SearchWord
from knowledge.search import uses_postgres
from portal.services import staff_notify_once
from portal.uploads import upload_check

logger = logging.getLogger(__name__)

MAX_EXTRACTED_CHARS = 500_000
MAX_EXTRACTED_PAGES = 500
_INDEX_WORD_RE = re.compile(r"[^\W\d_]{4,80}", re.UNICODE)
_TEXT_COLUMNS = [
    f"{name}_{lang}" for name in ("title", "summary", "body") for lang in ("de", "uk", "en")
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
        return
    vector = None
    for name, weight in (("title", "A"), ("summary", "B"), ("body", "C")):
        part = _vector([f"{name}_de"], config="german", weight=weight) + _vector(
            [f"{name}_uk", f"{name}_en"], config="simple", weight=weight
        )
        vector = part if vector is None else vector + part
    attachment_config = "german" if resource.language == "de" else "simple"
    vector = vector + _vector(["extracted_text"], config=attachment_config, weight="D")
    Resource.objects.filter(pk=resource.pk).update(search_vector=vector)
    resource_lexicon_add(resource=resource)


def resource_lexicon_add(*, resource: Resource) -> None:
    texts = [getattr(resource, column, "") or "" for column in _TEXT_COLUMNS]
    texts.append(resource.extracted_text or "")
    words = {w.lower() for text in texts for w in _INDEX_WORD_RE.findall(text)}
    SearchWord.objects.bulk_create(
        [SearchWord(word=w) for w in sorted(words)], ignore_conflicts=True, batch_size=2000
    )


def resource_save(*, resource: Resource, m2m: dict | None = None) -> Resource:
    """Save a resource (and its relations) and keep its search index current."""
    resource.save()
    return resource_save_relations(resource=resource, m2m=m2m)


def resource_save_relations(*, resource: Resource, m2m: dict | None = None) -> Resource:
    """Set a saved resource's relations and refresh its search index."""
    for name, values in (m2m or {}).items():
        getattr(resource, name).set(values)
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

            transaction.on_commit(lambda: extract_resource_text.delay(locked.pk, resource_file.pk))
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
    if not (user.is_staff and user.has_perm("knowledge.change_resource")):
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
            m2m={
                "themes": list(themes),
                "horizons": list(horizons),
                "related_partnerships": [partnership],
            },
        )
        if uploaded:
            resource_attach_file(resource=resource, uploaded=uploaded, user=user)
        from knowledge.tasks import best_practice_notify_staff

        transaction.on_commit(lambda: best_practice_notify_staff.delay(resource.pk))
    return resource


def best_practice_notify_staff(*, resource_id: int) -> bool:
    """Email the network staff about one submitted best practice, at most once (claimed
    like the advice requests, see ``portal.services.staff_notify_once``)."""

    def build(resource: Resource) -> tuple[dict, list[str]]:
        editor = resource.submitted_by
        language = resource.language or "de"
        context = {
            "resource": resource,
            "title": getattr(resource, f"title_{language}", "") or resource.title_de,
            "summary": getattr(resource, f"summary_{language}", "") or resource.summary_de,
            "partnerships": [str(p) for p in resource.related_partnerships.all()],
            "editor_name": editor.get_full_name() or editor.email,
            "editor_email": editor.email,
            "admin_url": settings.SITE_URL
            + reverse("admin:knowledge_resource_change", args=[resource.pk]),
        }
        return context, [editor.email] if editor.email else []

    return staff_notify_once(
        rows=Resource.objects.filter(pk=resource_id, submitted_by__isnull=False),
        template_prefix="knowledge/emails/best_practice_staff",
        build=build,
    )
