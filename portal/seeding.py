"""Loading facts from data files (``<app>/data/…``) without overwriting what staff edited.

The data files hold the facts (YAML); each app's ``demo.py`` holds the logic that turns them
into rows. ``seed_row`` creates a row or brings it up to date field by field:

* a field that still holds what the data file wrote last time is rewritten (so a corrected
  data file reaches the database);
* a field holding anything else was edited — by staff in the admin or an editor in "Mein
  Bereich", emptied included — and stays as it is;
* a field the data file never wrote (a row from before the records existed, or a field new
  in the data file) is filled when it is empty and kept otherwise;
* a row that the data file created and someone deleted since is not created again.

What the data file wrote is kept per row in :class:`~portal.models.SeedRecord`, keyed by
the row's natural key. Running a loader twice changes nothing: the second run finds every
field as the first left it. Where this cannot tell: rows loaded before the records existed
(an older database) have no record, so a field whose value differs from the data file is
kept — it may be an edit or an older version of the data.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from portal import languages
from portal.models import SeedRecord

# The reason written into the history of rows that a loader saves (django-simple-history).
CHANGE_REASON = "Demodaten"


def read_data(path: Path) -> Any:
    """The content of a YAML data file."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _plain(value: Any) -> Any:
    """A JSON value that compares equal whenever the database values are equal."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = value.astimezone(datetime.UTC)
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, list | tuple | set):
        return sorted(_plain(v) for v in value)
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def record_key(model: type[models.Model], lookup: dict) -> str:
    """``app.model:{natural key}`` — related objects by their primary key."""
    natural = {name: _plain(value) for name, value in sorted(lookup.items())}
    return f"{model._meta.label_lower}:{json.dumps(natural, ensure_ascii=False, sort_keys=True)}"


def seed_row(
    model: type[models.Model],
    lookup: dict,
    values: dict,
    *,
    relations: dict | None = None,
) -> tuple[models.Model | None, bool]:
    """Create the row ``lookup`` identifies with ``values`` (and many-to-many ``relations``),
    or update the fields nobody edited. Returns ``(row, changed)``; the row is None when it
    was created from the data once and deleted since."""
    relations = relations or {}
    record = SeedRecord.objects.filter(key=record_key(model, lookup)).first()
    obj = model.objects.filter(**lookup).first()
    if obj is None and record is not None:
        return None, False
    written = dict(record.values) if record else {}
    created = obj is None
    if created:
        obj = model(**lookup)
    changed_fields = []
    for name, value in values.items():
        if created or _take(getattr(obj, name), value, written, name):
            setattr(obj, name, value)
            changed_fields.append(name)
    if created or changed_fields:
        obj._change_reason = CHANGE_REASON
        obj.save()
    changed_relations = []
    for name, wanted in relations.items():
        manager = getattr(obj, name)
        if created or _take(list(manager.all()), list(wanted), written, name):
            manager.set(wanted)
            changed_relations.append(name)
    new_written = {
        **written,
        **{name: _plain(value) for name, value in values.items()},
        **{name: _plain(list(wanted)) for name, wanted in relations.items()},
    }
    if record is None:
        SeedRecord.objects.create(key=record_key(model, lookup), values=new_written)
    elif new_written != record.values:
        SeedRecord.objects.filter(pk=record.pk).update(values=new_written)
    return obj, created or bool(changed_fields or changed_relations)


def _take(current: Any, value: Any, written: dict, name: str) -> bool:
    """Whether the data file's ``value`` goes into an existing row's field that holds
    ``current``."""
    current_plain = _plain(current)
    if current_plain == _plain(value):
        return False
    if name in written:  # unchanged since the data file wrote it, or edited (even emptied)
        return written[name] == current_plain
    return _empty(current_plain)


def seed_additions(key: str, wanted: list[str]) -> list[str]:
    """The items of ``wanted`` not handed out under ``key`` before (then recorded): for
    additions to a list staff keep, such as an actor's other names — one that staff
    removed is not added again."""
    record, _created = SeedRecord.objects.get_or_create(key=key, defaults={"values": {}})
    given = record.values.get("items", [])
    new = [item for item in wanted if item not in given]
    if new:
        record.values = {"items": [*given, *new]}
        record.save(update_fields=["values", "loaded_at"])
    return new


def translated(field: str, texts: dict[str, str], *, missing: str | None = "") -> dict:
    """``{"title_de": …, "title_uk": …, "title_en": …}`` from ``{"de": …, …}``: a language
    the data file leaves out gets ``missing`` (the source language gets "")."""
    return {
        column: texts.get(code) or ("" if code == languages.SOURCE else missing)
        for code, column in zip(languages.CODES, languages.columns(field), strict=True)
    }
