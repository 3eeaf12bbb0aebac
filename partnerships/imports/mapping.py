"""The fields a column can mean, the mappings the portal knows (its own export, the public
open-data CSV), guesses from column names, and remembered mappings per header."""

from __future__ import annotations

import csv
import hashlib
import io

from django.utils.translation import gettext_lazy as _

from partnerships.importexport import COLUMNS
from partnerships.imports.models import ColumnMapping
from partnerships.imports.parsing import norm

FIELDS = {
    "": _("– nicht übernehmen –"),
    "slug": _("Kurzname (slug)"),
    "title": _("Titel"),
    "kind": _("Art"),
    "is_formal": _("förmlich vereinbart (ja/nein)"),
    "status": _("Stand"),
    "since": _("seit (Datum, Monat oder Jahr)"),
    "since_precision": _("Genauigkeit von „seit“"),
    "members": _("Partner (Liste: Schlüssel, Kurzname oder Name, getrennt durch |)"),
    "member_codes": _("Partner: amtliche Schlüssel (Liste)"),
    "member_countries": _("Partner: Länder (Liste)"),
    "partner_1": _("Partner 1 (Name oder Schlüssel)"),
    "country_1": _("Land von Partner 1"),
    "partner_2": _("Partner 2 (Name oder Schlüssel)"),
    "country_2": _("Land von Partner 2"),
    "partner_3": _("Partner 3 (Name oder Schlüssel)"),
    "country_3": _("Land von Partner 3"),
    "brokers": _("vermittelnde dritte Partnerstädte (Liste)"),
    "broker_countries": _("vermittelnde Partnerstädte: Länder (Liste)"),
    "summary_de": _("Kurzfassung (deutsch)"),
    "publication_state": _("Veröffentlichung"),
    "group": _("Gruppe (gleiche Gruppe = eine Partnerschaft, z. B. Dreieck)"),
    "source": _("Quelle der Zeile (URL oder Dokument)"),
}

# The staff export maps onto itself.
EXPORT_COLUMNS = COLUMNS
# The public open-data CSV (partnerships.opendata.CSV_COLUMNS): names, codes and countries of
# the members; its id, url, counted and updated_at are not imported.
OPENDATA_MAPPING = {
    "id": "",
    "slug": "slug",
    "title": "title",
    "kind": "kind",
    "counted": "",
    "is_formal": "is_formal",
    "status": "status",
    "since": "since",
    "since_precision": "since_precision",
    "members": "members",
    "member_codes": "member_codes",
    "member_countries": "member_countries",
    "brokers": "brokers",
    "url": "",
    "updated_at": "",
}

# Guesses for other files, by (normalised) words in the column name.
GUESSES = [
    (("slug", "kurzname"), "slug"),
    (("titel", "title", "name der partnerschaft"), "title"),
    (("art", "typ", "kind", "type", "form"), "kind"),
    (("formlich", "formal", "vertrag"), "is_formal"),
    (("stand", "status"), "status"),
    (("seit", "datum", "jahr", "since", "date", "year", "unterzeichnet"), "since"),
    (("kommune nrw", "nrw", "deutsche kommune", "stadt nrw", "kommune"), "partner_1"),
    (("partner ukraine", "ukraine", "ukrainische", "partnerstadt", "partner"), "partner_2"),
    (("drittstadt", "dritte", "vermittl", "broker"), "brokers"),
    (("gruppe", "dreieck", "group"), "group"),
    (("quelle", "source", "url", "link", "beleg"), "source"),
    (("kurzfassung", "beschreibung", "summary", "bemerkung"), "summary_de"),
]


def read_header(text: str) -> tuple[list[str], str]:
    """The header and the delimiter (comma, semicolon or tab: Excel writes semicolons)."""
    first = text.splitlines()[0] if text else ""
    delimiter = max([",", ";", "\t"], key=first.count) if first else ","
    header = next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
    return [h.strip() for h in header], delimiter


def signature(header: list[str]) -> str:
    joined = "\x1f".join(norm(h) for h in header)
    return hashlib.sha256(joined.encode()).hexdigest()


def guess(header: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    used: set[str] = set()
    if header == EXPORT_COLUMNS:
        return {h: h for h in header}
    if header == list(OPENDATA_MAPPING):
        return dict(OPENDATA_MAPPING)
    for column in header:
        key = norm(column)
        target = ""
        if column in FIELDS and column:
            target = column
        else:
            for words, field in GUESSES:
                if field in used:
                    continue
                if any(key == norm(w) or key.startswith(norm(w) + " ") for w in words):
                    target = field
                    break
            if not target and ("land" in key.split() or "country" in key.split()):
                target = next(
                    (f for f in ("country_2", "country_1", "country_3") if f not in used), ""
                )
        if target in used:
            target = ""
        if target:
            used.add(target)
        mapping[column] = target
    return mapping


def remembered(header: list[str]) -> dict[str, str] | None:
    stored = ColumnMapping.objects.filter(signature=signature(header)).first()
    return dict(stored.mapping) if stored else None


def mapping_for(header: list[str]) -> tuple[dict[str, str], bool]:
    """The mapping to offer and whether it was remembered from an earlier file."""
    stored = remembered(header)
    if stored is not None:
        return {h: stored.get(h, "") for h in header}, True
    return guess(header), False


def mapping_remember(*, header: list[str], mapping: dict[str, str], by=None) -> ColumnMapping:
    clean = {h: mapping.get(h, "") for h in header if mapping.get(h, "") in FIELDS}
    obj, _created = ColumnMapping.objects.update_or_create(
        signature=signature(header),
        defaults={"header": header, "mapping": clean, "updated_by": by},
    )
    return obj
