"""CSV import and export of partnerships for staff (same format both ways).

Import is all-or-nothing: every row is checked inside one transaction; if any row has an
error, nothing is saved and the report says why, row by row. A dry run reports the same and
always rolls back.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships import services
from partnerships.models import Actor, DatePrecision, Partnership, PartnershipMember

COLUMNS = [
    "slug",
    "title",
    "kind",
    "is_formal",
    "status",
    "since",
    "since_precision",
    "members",
    "brokers",
    "summary_de",
    "publication_state",
]
REQUIRED = {"slug", "kind", "members"}
MAX_ROWS = 5000


OUTCOME_LABELS = {
    "created": gettext_lazy("neu"),
    "updated": gettext_lazy("geändert"),
    "skipped": gettext_lazy("übersprungen"),
    "error": gettext_lazy("Fehler"),
}


@dataclass
class RowResult:
    line: int
    slug: str
    outcome: str  # created, updated, skipped, error
    message: str = ""

    @property
    def outcome_label(self) -> str:
        """The outcome in the staff's words (the code stays in ``outcome``)."""
        return str(OUTCOME_LABELS.get(self.outcome, self.outcome))


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # file-level problems
    dry_run: bool = True
    saved: bool = False

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def count_created(self) -> int:
        return self.count("created")

    @property
    def count_updated(self) -> int:
        return self.count("updated")

    @property
    def count_skipped(self) -> int:
        return self.count("skipped")

    @property
    def count_error(self) -> int:
        return self.count("error")

    @property
    def ok(self) -> bool:
        return not self.errors and not self.count("error")


class _RowError(Exception):
    pass


def export_csv(queryset) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for p in queryset.with_members().order_by("slug"):
        members = list(p.members.all())

        def codes(role, members=members):
            return "|".join(
                m.actor.official_code or m.actor.slug for m in members if m.role == role
            )

        writer.writerow(
            [
                p.slug,
                p.title_de or p.title,
                p.kind,
                "yes" if p.is_formal else "no",
                p.status,
                p.since.isoformat() if p.since else "",
                p.since_precision,
                codes(PartnershipMember.Role.PARTNER),
                codes(PartnershipMember.Role.THIRD_PARTY),
                p.summary_de,
                p.publication_state,
            ]
        )
    return "\ufeff" + out.getvalue()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _(
                "Die Datei ist nicht UTF-8-kodiert (Fehler bei Byte %(pos)d). "
                "Bitte als „CSV UTF-8“ speichern."
            )
            % {"pos": exc.start}
        ) from exc


def _actors(value: str, line: int) -> list[Actor]:
    keys = [k.strip() for k in value.split("|") if k.strip()]
    found = {}
    for actor in Actor.objects.filter(Q(official_code__in=keys) | Q(slug__in=keys)):
        found[actor.official_code] = actor
        found[actor.slug] = actor
    missing = [k for k in keys if k not in found]
    if missing:
        raise _RowError(_("Unbekannte Akteure: %(keys)s") % {"keys": ", ".join(missing)})
    return [found[k] for k in keys]


def _choice(value: str, choices, label: str, default: str | None = None) -> str:
    value = (value or "").strip() or (default or "")
    if value not in dict(choices):
        raise _RowError(
            _("%(label)s „%(value)s“ ist unbekannt (erlaubt: %(allowed)s).")
            % {"label": label, "value": value, "allowed": ", ".join(dict(choices))}
        )
    return value


def _row_values(row: dict) -> tuple[dict, list[Actor], list[Actor]]:
    kind = _choice(row.get("kind"), Partnership.Kind.choices, _("Art"))
    status = _choice(row.get("status"), Partnership.Status.choices, _("Stand"), "active")
    precision = _choice(
        row.get("since_precision"), DatePrecision.choices, _("Genauigkeit"), "month"
    )
    state = _choice(
        row.get("publication_state"),
        Partnership.Publication.choices,
        _("Veröffentlichung"),
        "draft",
    )
    formal = (row.get("is_formal") or "").strip().lower()
    if formal not in ("", "yes", "no", "ja", "nein", "true", "false", "1", "0"):
        raise _RowError(_("is_formal muss yes oder no sein."))
    since = None
    if (row.get("since") or "").strip():
        try:
            since = date.fromisoformat(row["since"].strip())
        except ValueError as exc:
            raise _RowError(
                _("Datum „%(value)s“ ist kein Datum (JJJJ-MM-TT).") % {"value": row["since"]}
            ) from exc
    partners = _actors(row.get("members") or "", 0)
    brokers = _actors(row.get("brokers") or "", 0)
    values = {
        "kind": kind,
        "status": status,
        "since": since,
        "since_precision": precision,
        "is_formal": formal in ("yes", "ja", "true", "1"),
        "publication_state": state,
        "summary_de": (row.get("summary_de") or "").strip(),
    }
    title = (row.get("title") or "").strip()
    if title:
        values["title_de"] = title
    return values, partners, brokers


def import_csv(*, data: bytes, dry_run: bool = True, by=None) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    try:
        text = _decode(data)
    except ValidationError as exc:
        report.errors.extend(exc.messages)
        return report
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = REQUIRED - set(header)
    unknown = set(header) - set(COLUMNS)
    if missing or unknown:
        if missing:
            report.errors.append(
                _("Es fehlen Spalten: %(cols)s.") % {"cols": ", ".join(sorted(missing))}
            )
        if unknown:
            report.errors.append(
                _("Unbekannte Spalten: %(cols)s.") % {"cols": ", ".join(sorted(unknown))}
            )
        report.errors.append(
            _("Erwartet werden die Spalten: %(cols)s.") % {"cols": ", ".join(COLUMNS)}
        )
        return report
    reader.fieldnames = header
    rows = list(reader)
    if len(rows) > MAX_ROWS:
        report.errors.append(_("Höchstens %(n)d Zeilen je Datei.") % {"n": MAX_ROWS})
        return report
    seen: dict[str, int] = {}
    with transaction.atomic():
        for index, row in enumerate(rows, start=2):
            slug = (row.get("slug") or "").strip()
            if not slug:
                report.rows.append(RowResult(index, "", "error", _("Die Spalte slug ist leer.")))
                continue
            if slug in seen:
                report.rows.append(
                    RowResult(
                        index, slug, "skipped", _("doppelt (wie Zeile %(n)d)") % {"n": seen[slug]}
                    )
                )
                continue
            seen[slug] = index
            try:
                report.rows.append(_import_row(index, slug, row, by))
            except (_RowError, ValidationError) as exc:
                message = str(exc) if isinstance(exc, _RowError) else "; ".join(exc.messages)
                report.rows.append(RowResult(index, slug, "error", message))
        if dry_run or not report.ok:
            transaction.set_rollback(True)
        else:
            report.saved = True
            services.published_data_changed()
    return report


def _import_row(line: int, slug: str, row: dict, by) -> RowResult:
    values, partners, brokers = _row_values(row)
    services.partnership_validate_members(actor_ids=[a.pk for a in partners + brokers])
    if len(partners) < 2:
        raise _RowError(_("Eine Partnerschaft braucht mindestens zwei verschiedene Partner."))
    partnership = Partnership.objects.filter(slug=slug).first()
    created = partnership is None
    if created:
        partnership = Partnership(slug=slug)
    before = {k: getattr(partnership, k) for k in values} if not created else None
    for k, v in values.items():
        setattr(partnership, k, v)
    if not partnership.title_de:
        partnership.title_de = services.partnership_title_from_members(actors=partners)
    partnership.title = partnership.title_de
    wanted = [(a.pk, "partner") for a in partners] + [(a.pk, "broker") for a in brokers]
    current = [] if created else list(partnership.members.values_list("actor_id", "role"))
    if not created and before == values and sorted(current) == sorted(wanted):
        return RowResult(line, slug, "skipped", _("unverändert"))
    partnership.full_clean()
    if by is not None:
        partnership._history_user = by
    partnership.save()
    if sorted(current) != sorted(wanted):
        partnership.members.all().delete()
        for i, (actor_id, role) in enumerate(wanted):
            PartnershipMember.objects.create(
                partnership=partnership, actor_id=actor_id, role=role, position=i
            )
    return RowResult(line, slug, "created" if created else "updated")
