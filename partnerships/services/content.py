"""What counts as a change of a portrait's content ("Zuletzt aktualisiert").

The portrait shows ``Partnership.content_updated_at``: the last time something a reader sees
changed — the texts in any language, the title, kind, status and dates, the members, themes
and horizons, the history (status steps, kind changes, milestones), projects, photos and
documents. Publishing, a review comment or a save that changes nothing do not count, so a
``seed_demo`` or import run that finds everything as it was leaves the date alone.

The rule applies to every way of changing a portrait (editor forms, admin and its inlines,
imports, commands): the signal handlers below compare what is saved with what is stored
and call :func:`content_touch` only for a real change. They are connected once, in
``PartnershipsConfig.ready``.
"""

from __future__ import annotations

import contextlib
import contextvars
from datetime import datetime

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from partnerships.models import (
    Document,
    Image,
    KindChange,
    Milestone,
    Partnership,
    PartnershipMember,
    Project,
    StatusStep,
)

# The portrait's own fields a reader sees (besides the texts in every language).
PARTNERSHIP_FIELDS = (
    "kind",
    "is_formal",
    "status",
    "since",
    "since_precision",
    "ended_on",
    "end_condition",
)
# Rows that belong to a portrait; every field of theirs is shown on it.
PARTS = (PartnershipMember, StatusStep, KindChange, Milestone, Project, Image, Document)

_as_of: contextvars.ContextVar[datetime | None] = contextvars.ContextVar(
    "content_as_of", default=None
)


@contextlib.contextmanager
def content_as_of(moment: datetime):
    """Changes made inside the block are dated ``moment`` (demo data is "as of" its source)."""
    token = _as_of.set(moment)
    try:
        yield
    finally:
        _as_of.reset(token)


def content_touch(*, partnership_id: int | None, now: datetime | None = None) -> None:
    """Record that the content of the portrait ``partnership_id`` changed (one UPDATE)."""
    if partnership_id is None:
        return
    moment = now or _as_of.get() or timezone.now()
    Partnership.objects.filter(pk=partnership_id).update(content_updated_at=moment)


def tracked_fields(model) -> list[str]:
    """The stored columns of ``model`` whose change is a change of the portrait."""
    if model is Partnership:
        return [*Partnership.content_columns(), *PARTNERSHIP_FIELDS]
    from modeltranslation.translator import NotRegistered, translator

    try:  # a translated field counts by its per-language columns (title_de, title_uk, …)
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    return [
        f.attname
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in translated
        if not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)
    ]


def content_differs(instance) -> bool:
    """Whether saving ``instance`` changes a tracked column (new rows always do).

    A portrait saved without a change of content keeps the stored date, also when the
    instance was loaded before a member or photo changed it."""
    if instance.pk is None or instance._state.adding:
        return True
    model = type(instance)
    fields = tracked_fields(model)
    extra = ["content_updated_at"] if model is Partnership else []
    stored = model._base_manager.filter(pk=instance.pk).values(*fields, *extra).first()
    if stored is None:
        return True
    if any(stored[name] != _value(instance, name) for name in fields):
        return True
    if extra:
        instance.content_updated_at = stored["content_updated_at"]
    return False


def _value(instance, attname: str):
    value = instance.__dict__.get(attname)
    # File fields hold a FieldFile; the stored value is its name.
    return getattr(value, "name", value) if hasattr(value, "field") else value


# --- signal handlers ------------------------------------------------------------------------


def _before_save(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loaddata: stored as it comes
    instance._content_changed = content_differs(instance)


def _after_partnership_save(sender, instance, created, raw=False, **kwargs):
    if raw or not getattr(instance, "_content_changed", False):
        return
    moment = _as_of.get() or timezone.now()
    content_touch(partnership_id=instance.pk, now=moment)
    instance.content_updated_at = moment


def _after_part_save(sender, instance, created, raw=False, **kwargs):
    if raw or not getattr(instance, "_content_changed", False):
        return
    content_touch(partnership_id=instance.partnership_id)


def _after_part_delete(sender, instance, **kwargs):
    content_touch(partnership_id=instance.partnership_id)


def _after_m2m(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return  # set() that found nothing to add or remove
    if not reverse:
        content_touch(partnership_id=instance.pk)
    elif pk_set:  # theme.partnerships.add(...)
        for pk in pk_set:
            content_touch(partnership_id=pk)


def connect() -> None:
    uid = "partnerships.content"
    pre_save.connect(_before_save, sender=Partnership, dispatch_uid=f"{uid}.pre.partnership")
    post_save.connect(
        _after_partnership_save, sender=Partnership, dispatch_uid=f"{uid}.post.partnership"
    )
    for model in PARTS:
        name = model._meta.model_name
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}.pre.{name}")
        post_save.connect(_after_part_save, sender=model, dispatch_uid=f"{uid}.post.{name}")
        post_delete.connect(_after_part_delete, sender=model, dispatch_uid=f"{uid}.del.{name}")
    for field in ("themes", "horizons"):
        m2m_changed.connect(
            _after_m2m,
            sender=getattr(Partnership, field).through,
            dispatch_uid=f"{uid}.m2m.{field}",
        )
