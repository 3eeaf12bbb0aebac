"""CSV export of partnerships for staff, and the import of the same format.

The import itself (mapping, dry run with its diff, choices, dated facts) is
``partnerships.imports``; it is all-or-nothing: if any row has an error, nothing is saved
and the report says why, row by row.
"""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partnerships.models import PartnershipMember

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


def import_csv(*, data: bytes, dry_run: bool = True, by=None, source: str = "", taken=None):
    """Import a CSV file with the mapping remembered for its header (or the portal's own
    formats: this export and the public open-data CSV). The admin's mapping step
    (``partnerships.imports``) does the same with a mapping staff choose."""
    from partnerships.imports.mapping import mapping_for, read_header
    from partnerships.imports.services import Plan, decode, import_text

    try:
        text = decode(data)
    except ValidationError as exc:
        plan = Plan()
        plan.errors.extend(exc.messages)
        return plan
    header, _delimiter = read_header(text)
    mapping, _remembered = mapping_for(header)
    return import_text(
        text=text,
        mapping=mapping,
        source=source or _("CSV-Import"),
        dry_run=dry_run,
        taken=taken,
        by=by,
    )
