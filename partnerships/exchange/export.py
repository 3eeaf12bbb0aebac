"""The staff's export of needs and offers (CSV for spreadsheets, formula-safe)."""

from __future__ import annotations

import csv
import io

from django.utils import timezone

from partnerships.exchange.models import Item

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A cell a spreadsheet never runs as a formula (CSV/formula injection): text starting
    with = + - @ (or a tab/CR) gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


COLUMNS = (
    ("id", lambda i: i.pk),
    ("kind", lambda i: i.kind),
    ("state", lambda i: i.state),
    ("category", lambda i: i.category),
    ("title", lambda i: i.title),
    ("actor", lambda i: i.actor.name),
    ("country", lambda i: i.actor.country),
    ("oblast_or_region", lambda i: i.actor.region.name if i.actor.region_id else ""),
    ("quantity", lambda i: i.quantity),
    ("unit", lambda i: i.unit),
    ("urgency", lambda i: i.urgency),
    ("horizon", lambda i: i.horizon.slug),
    ("valid_until", lambda i: i.valid_until.isoformat()),
    (
        "published_at",
        lambda i: timezone.localtime(i.published_at).isoformat() if i.published_at else "",
    ),
    ("met_at", lambda i: timezone.localtime(i.met_at).isoformat() if i.met_at else ""),
)


def items_csv(queryset) -> str:
    """One row per item (UTF-8 with BOM so Excel reads the umlauts and Cyrillic)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow([name for name, _get in COLUMNS])
    for item in queryset.select_related("actor", "actor__region", "horizon").order_by("pk"):
        writer.writerow([csv_safe(get(item)) for _name, get in COLUMNS])
    return out.getvalue()


def export_queryset():
    return Item.objects.all()
