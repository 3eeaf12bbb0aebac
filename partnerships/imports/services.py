"""Importing a list of partnerships: plan (the dry run, no writes) and apply (the same plan,
written in one transaction).

Rules (issue 16):
- a value is never overwritten without an explicit choice: filling an empty field and making a
  date more precise are taken by default; any other difference (another value, a less precise
  date, an empty cell) keeps the register's value unless staff tick "übernehmen";
- a date that contradicts the register's is kept as a second dated fact with its source;
- brokers missing from a row stay; members are only ever added;
- the same members under another slug, and a pair inside a stored triangle, are matched to the
  existing partnership (with a warning), never duplicated;
- a different kind with a date is a change of kind over time (a ``KindChange``), not a
  duplicate;
- every change written keeps its source and the source's date (``PartnershipFact``).
"""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from partnerships import services as register
from partnerships.geocoding import lookup as gazetteer_lookup
from partnerships.imports import lookup
from partnerships.imports.mapping import read_header
from partnerships.imports.models import ImportRun, PartnershipFact
from partnerships.imports.parsing import (
    ParseError,
    compatible,
    norm,
    parse_bool,
    parse_date,
    parse_kind,
    parse_publication,
    parse_status,
    precision_rank,
    split_list,
)
from partnerships.models import (
    Actor,
    DatePrecision,
    KindChange,
    Partnership,
    PartnershipMember,
    format_precise_date,
)
from partnerships.services.content import content_touch
from portal import languages

MAX_ROWS = 5000
HOME_COUNTRIES = ("DE", "UA")  # their actors come from the reference data, never from a file

TAKE, KEEP = "take", "keep"
# Why a field differs; the first two are taken unless staff untick them.
FILL, REFINE, KIND_CHANGE, ADD = "fill", "refine", "kind_change", "add"
CHANGE, LESS_PRECISE, EMPTY, CONFLICT = "change", "less_precise", "empty", "conflict"
TAKEN_BY_DEFAULT = {FILL, REFINE, KIND_CHANGE}

SIMPLE_FIELDS = ("title_de", "status", "is_formal", "summary_de", "publication_state")


def reason_labels() -> dict[str, str]:
    return {
        FILL: _("ergänzt (bisher leer)"),
        REFINE: _("genaueres Datum"),
        KIND_CHANGE: _("Wechsel der Art, wird mit Datum vermerkt"),
        ADD: _("weiteres Mitglied"),
        CHANGE: _("anderer Wert"),
        LESS_PRECISE: _("ungenauer als im Register"),
        EMPTY: _("in der Datei leer"),
        CONFLICT: _("widersprüchliches Datum (bleibt als zweite Angabe erhalten)"),
    }


def outcome_labels() -> dict[str, str]:
    return {
        "created": _("neu"),
        "updated": _("geändert"),
        "unchanged": _("unverändert"),
        "skipped": _("übersprungen"),
        "error": _("Fehler"),
    }


def field_labels() -> dict[str, str]:
    return {
        "title_de": _("Titel"),
        "kind": _("Art"),
        "status": _("Stand"),
        "is_formal": _("förmlich vereinbart"),
        "since": _("seit"),
        "summary_de": _("Kurzfassung"),
        "publication_state": _("Veröffentlichung"),
        "members": _("Mitglieder"),
        "brokers": _("vermittelnde Partnerstädte"),
    }


# --- data of a plan -------------------------------------------------------------------------


@dataclass
class Change:
    key: str
    field: str
    old: object
    new: object
    reason: str
    take: bool
    old_text: str = ""
    new_text: str = ""

    @property
    def default_take(self) -> bool:
        return self.reason in TAKEN_BY_DEFAULT or (self.reason == ADD and self.field == "brokers")

    @property
    def label(self) -> str:
        return field_labels().get(self.field, self.field)

    @property
    def reason_label(self) -> str:
        return reason_labels()[self.reason]


@dataclass
class Proposal:
    """An actor outside Germany and Ukraine that the file names and the register lacks."""

    key: str
    name: str
    country: str
    latitude: float | None = None
    longitude: float | None = None
    lines: list[int] = field(default_factory=list)
    confirmed: bool = True


@dataclass
class Target:
    """A partnership as the plan sees it: stored (pk) or to be created by an earlier row."""

    pk: int | None
    slug: str
    values: dict
    partners: list
    brokers: list
    kind_changes: set = field(default_factory=set)
    created_line: int | None = None


@dataclass
class RowPlan:
    line: int
    slug: str = ""
    outcome: str = ""  # created, updated, unchanged, skipped, error
    target: Target | None = None
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    kind_change: tuple | None = None  # (from, to, date, precision)
    facts: list[tuple] = field(default_factory=list)  # (field, value, date, precision, current)
    source: str = ""
    values: dict = field(default_factory=dict)
    partners: list = field(default_factory=list)
    brokers: list = field(default_factory=list)
    group: str = ""

    @property
    def message(self) -> str:
        return "; ".join(self.errors + self.warnings)

    @property
    def outcome_label(self) -> str:
        return outcome_labels().get(self.outcome, self.outcome)


@dataclass
class Plan:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    saved: bool = False
    dry_run: bool = True

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.count("error")

    @property
    def counts(self) -> dict[str, int]:
        return {o: self.count(o) for o in ("created", "updated", "unchanged", "skipped", "error")}

    @property
    def choices(self) -> list[Change]:
        return [c for r in self.rows for c in r.changes]


# --- reading the file -----------------------------------------------------------------------


def decode(data: bytes) -> str:
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


def xlsx_to_csv(data: bytes) -> str:
    """The first sheet of an Excel file as CSV text (dates as ISO dates, so their precision
    is read as a day; years typed as numbers stay years)."""
    from datetime import datetime as _datetime

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError(_("Die Excel-Datei lässt sich nicht lesen.")) from exc
    out = io.StringIO()
    writer = csv.writer(out)
    for row in book.worksheets[0].iter_rows(values_only=True):
        cells = []
        for value in row:
            if isinstance(value, _datetime):
                value = value.date().isoformat()
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            cells.append("" if value is None else str(value))
        writer.writerow(cells)
    book.close()
    return out.getvalue()


def read_rows(text: str) -> tuple[list[str], list[list[str]]]:
    header, delimiter = read_header(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    next(reader, None)
    return header, [r for r in reader if any(c.strip() for c in r)]


# --- the register as the plan sees it -------------------------------------------------------


class Register:
    """Everything the plan compares against, loaded in a handful of queries."""

    def __init__(self):
        self.by_slug: dict[str, Target] = {}
        self.by_members: dict[frozenset, Target] = {}
        self.by_pair: dict[frozenset, Target] = {}  # pairs inside triangles
        self.groups: dict[int, Target] = {}  # partnerships of three or more partners
        self.actor_keys: dict[str, int] = {}  # official code or slug -> pk
        self.actor_names: dict[int, str] = {}
        self._resolved: dict[tuple, Actor | None] = {}
        values = ["pk", "slug", "kind", "since", "since_precision", *SIMPLE_FIELDS]
        for row in Partnership.objects.values(*values):
            target = Target(pk=row.pop("pk"), slug=row["slug"], values=row, partners=[], brokers=[])
            self.by_slug[target.slug] = target
        by_pk = {t.pk: t for t in self.by_slug.values()}
        for pid, actor_id, role in PartnershipMember.objects.order_by(
            "partnership_id", "position", "pk"
        ).values_list("partnership_id", "actor_id", "role"):
            target = by_pk[pid]
            (target.partners if role == PartnershipMember.Role.PARTNER else target.brokers).append(
                actor_id
            )
        for pid, from_kind, to_kind in KindChange.objects.values_list(
            "partnership_id", "from_kind", "to_kind"
        ):
            by_pk[pid].kind_changes.add((from_kind, to_kind))
        for target in by_pk.values():
            self.index(target)
        # Exact names and aliases (case and accents ignored) in memory: most rows need no
        # query; other spellings go to ``lookup.place_resolve``.
        self.by_name: dict[tuple, list[tuple]] = {}
        # Names in every language (Czernowitz, Чернівці, Chernivtsi): a name of one actor in
        # one language may be a namesake's name in another — then the resolver decides.
        for pk, code, slug, name, aliases, country, kind, *names in Actor.objects.values_list(
            "pk", "official_code", "slug", "name", "aliases", "country", "kind",
            *languages.columns("name"),
        ):  # fmt: skip
            if code:
                self.actor_keys[code] = pk
            self.actor_keys.setdefault(slug, pk)
            self.actor_names[pk] = name
            spellings = {name, *(n for n in names if n), *aliases.splitlines()}
            for n in {norm(a) for a in spellings if a and a.strip()}:
                self.by_name.setdefault((n, country), []).append((kind, pk))
                self.by_name.setdefault((n, None), []).append((kind, pk))

    def index(self, target: Target) -> None:
        self.by_slug[target.slug] = target
        members = frozenset(target.partners)
        self.by_members.setdefault(members, target)
        if len(members) >= 3:
            self.groups[id(target)] = target
            for pair in itertools.combinations(sorted(members, key=str), 2):
                self.by_pair.setdefault(frozenset(pair), target)

    def resolve(self, text: str, country: str | None) -> int | None:
        key = (norm(text), country)
        if key not in self._resolved:
            exact = self.by_name.get(key)
            if exact and len({pk for _kind, pk in exact}) == 1:
                self._resolved[key] = exact[0][1]
            else:  # namesakes or another spelling: the resolver ranks them (largest first)
                actor = lookup.place_resolve(text, country=country)
                if actor is not None:
                    self.actor_names.setdefault(actor.pk, actor.name)
                self._resolved[key] = actor.pk if actor is not None else None
        return self._resolved[key]


def coordinates_for(name: str, country: str):
    """Looked-up coordinates for a proposed actor (offline gazetteer; None if unknown)."""
    try:
        place = gazetteer_lookup(names=[name], country=country)
    except Exception:  # noqa: BLE001 - a missing gazetteer must not stop a dry run
        return None
    return (place.latitude, place.longitude) if place else None


# --- planning -------------------------------------------------------------------------------


def _cell(row: list[str], header: list[str], mapping: dict[str, str], name: str) -> str | None:
    """The row's text for a field; None if no column is mapped to it."""
    for i, column in enumerate(header):
        if mapping.get(column) == name:
            return row[i].strip() if i < len(row) else ""
    return None


def _refs(plan: Plan, row: list[str], header, mapping) -> tuple[list[tuple], list[tuple]]:
    """(text, country) of the partners and brokers the row names."""
    cell = lambda name: _cell(row, header, mapping, name)  # noqa: E731
    partners = []
    names = split_list(cell("members") or "")
    codes = split_list(cell("member_codes") or "")
    countries = split_list(cell("member_countries") or "")
    for i in range(max(len(names), len(codes))):
        code = codes[i] if i < len(codes) else ""
        name = names[i] if i < len(names) else ""
        partners.append((code or name, name, countries[i] if i < len(countries) else ""))
    for n in (1, 2, 3):
        text = cell(f"partner_{n}") or ""
        if text:
            partners.append((text, text, cell(f"country_{n}") or ""))
    brokers = []
    broker_countries = split_list(cell("broker_countries") or "")
    for i, text in enumerate(split_list(cell("brokers") or "")):
        if text:
            brokers.append((text, text, broker_countries[i] if i < len(broker_countries) else ""))
    return partners, brokers


def _actor_key(plan: Plan, register_: Register, ref: tuple, pr: RowPlan):
    line, errors = pr.line, pr.errors
    key, name, country_text = ref
    key = key.strip()
    if key in register_.actor_keys:
        return register_.actor_keys[key]
    country = lookup.country_code(country_text) if country_text else None
    if country_text and country is None:
        errors.append(_("Land „%(value)s“ ist unbekannt.") % {"value": country_text})
        return None
    text = name or key
    actor_pk = register_.resolve(text, country)
    if actor_pk is not None:
        if (norm(text), country) not in register_.by_name:  # another spelling, or a typo
            pr.warnings.append(
                _("„%(text)s“ als %(name)s erkannt")
                % {"text": text, "name": register_.actor_names.get(actor_pk, actor_pk)}
            )
        return actor_pk
    if country and country not in HOME_COUNTRIES:
        pkey = f"new:{country}:{norm(text)}"
        proposal = plan.proposals.get(pkey)
        if proposal is None:
            coords = coordinates_for(text, country)
            proposal = plan.proposals[pkey] = Proposal(
                key=pkey,
                name=text,
                country=country,
                latitude=coords[0] if coords else None,
                longitude=coords[1] if coords else None,
            )
        proposal.lines.append(line)
        return pkey
    suggestions = [a.name for a in lookup.places_matching(text, country=country, limit=3)]
    message = _("Akteur „%(name)s“ nicht gefunden.") % {"name": text}
    if suggestions:
        message += " " + _("Meinten Sie: %(names)s?") % {"names": ", ".join(suggestions)}
    elif not country:
        message += " " + _("Mit einer Spalte „Land“ wird er als neuer Akteur vorgeschlagen.")
    errors.append(message)
    return None


def _parse_values(plan_row: RowPlan, row, header, mapping) -> dict:
    cell = lambda name: _cell(row, header, mapping, name)  # noqa: E731
    values: dict = {}
    parsers = {
        "kind": (parse_kind, _("Art „%(value)s“ ist unbekannt.")),
        "status": (parse_status, _("Stand „%(value)s“ ist unbekannt.")),
        "is_formal": (parse_bool, _("„%(value)s“ ist weder ja noch nein (förmlich vereinbart).")),
        "publication_state": (parse_publication, _("Veröffentlichung „%(value)s“ ist unbekannt.")),
    }
    for name, (parser, message) in parsers.items():
        text = cell(name)
        if text is None:
            continue
        if not text:
            values[name] = None
            continue
        try:
            values[name] = parser(text)
        except ParseError:
            plan_row.errors.append(message % {"value": text})
    since = cell("since")
    if since is not None:
        if not since:
            values["since"] = None
        else:
            try:
                values["since"] = parse_date(since, cell("since_precision") or "")
            except ParseError:
                plan_row.errors.append(
                    _("„%(value)s“ ist kein Datum (z. B. 2023, 03/2023 oder 21.02.2023).")
                    % {"value": since}
                )
            else:
                if values["since"][0] > timezone.localdate():
                    plan_row.errors.append(_("Das Datum liegt in der Zukunft."))
    for name, column in (("title_de", "title"), ("summary_de", "summary_de")):
        text = cell(column)
        if text is not None:
            values[name] = text
    return values


def _display(name: str, value) -> str:
    if value is None or value == "":
        return "—"
    if name == "since":
        return format_precise_date(*value)
    if name == "kind":
        return str(dict(Partnership.Kind.choices).get(value, value))
    if name == "status":
        return str(dict(Partnership.Status.choices).get(value, value))
    if name == "publication_state":
        return str(dict(Partnership.Publication.choices).get(value, value))
    if name == "is_formal":
        return _("ja") if value else _("nein")
    return str(value)


def _change(pr: RowPlan, name: str, old, new, reason: str, taken: set | None) -> Change:
    key = f"{pr.line}:{name}"
    change = Change(key=key, field=name, old=old, new=new, reason=reason, take=False)
    change.take = change.default_take if taken is None else key in taken
    change.old_text, change.new_text = _display(name, old), _display(name, new)
    pr.changes.append(change)
    return change


def _diff(pr: RowPlan, target: Target, taken: set | None, names: dict) -> None:
    """Compare the row with the target; set the changes (and apply taken ones in memory)."""
    values = pr.values
    current = target.values
    since_done = False
    kind = values.get("kind")
    if kind and kind != current["kind"]:
        row_since = values.get("since")
        old_since = (current["since"], current["since_precision"]) if current["since"] else None
        known = {(kind, current["kind"]), (current["kind"], kind)} & target.kind_changes
        if known:
            pass  # already in the history: the row describes an earlier (or the same) step
        elif row_since is None:
            change = _change(pr, "kind", current["kind"], kind, CHANGE, taken)
            if change.take:
                pr.kind_change = (current["kind"], kind, None, DatePrecision.YEAR)
                target.kind_changes.add((current["kind"], kind))
                current["kind"] = kind
        elif old_since is None or row_since[0] >= old_since[0]:
            change = _change(pr, "kind", current["kind"], kind, KIND_CHANGE, taken)
            if change.take:
                pr.kind_change = (current["kind"], kind, *row_since)
                pr.facts.append(("kind", kind, *row_since, True))
                target.kind_changes.add((current["kind"], kind))
                current["kind"] = kind
            since_done = True
        else:  # the row's kind came first: it was the kind until the register's date
            change = _change(pr, "kind", current["kind"], kind, KIND_CHANGE, taken)
            change.new_text = _("%(old)s bis %(date)s, davor %(new)s seit %(since)s") % {
                "old": _display("kind", current["kind"]),
                "date": _display("since", old_since),
                "new": _display("kind", kind),
                "since": _display("since", row_since),
            }
            if change.take:
                pr.kind_change = (kind, current["kind"], *old_since)
                pr.facts.append(("kind", kind, *row_since, True))
                target.kind_changes.add((kind, current["kind"]))
                current["since"], current["since_precision"] = row_since
            since_done = True
    if "since" in values and not since_done:
        _diff_since(pr, target, taken)
    for name in SIMPLE_FIELDS:
        if name not in values:
            continue
        new, old = values[name], current[name]
        if new is None or new == "":
            if old not in (None, "") and name in ("title_de", "summary_de"):
                _change(pr, name, old, "", EMPTY, taken)  # kept unless chosen
            continue
        if new == old:
            continue
        reason = FILL if old in (None, "") else CHANGE
        change = _change(pr, name, old, new, reason, taken)
        if change.take:
            current[name] = new
            pr.facts.append((name, str(new), None, "", True))
        else:
            pr.facts.append((name, str(new), None, "", False))
    _diff_members(pr, target, taken, names)


def _diff_since(pr: RowPlan, target: Target, taken: set | None) -> None:
    current = target.values
    new = pr.values["since"]
    old = (current["since"], current["since_precision"]) if current["since"] else None
    if new is None:
        if old is not None:
            change = _change(pr, "since", old, None, EMPTY, taken)
            if change.take:
                current["since"] = None
        return
    if old is None:
        reason = FILL
    elif compatible(new[0], new[1], old[0], old[1]):
        rank_new, rank_old = precision_rank(new[1]), precision_rank(old[1])
        if rank_new == rank_old:
            return
        reason = REFINE if rank_new > rank_old else LESS_PRECISE
    else:
        reason = CONFLICT
    change = _change(pr, "since", old, new, reason, taken)
    if change.take:
        current["since"], current["since_precision"] = new
        pr.facts.append(("since", "", *new, True))
        if reason == CONFLICT:  # the register's date stays on record beside the new one
            pr.facts.append(("since", _("bisheriger Registerwert"), *old, False))
    elif reason in (CONFLICT, LESS_PRECISE):
        pr.facts.append(("since", "", *new, False))


def _diff_members(pr: RowPlan, target: Target, taken: set | None, names: dict) -> None:
    extra = [a for a in pr.partners if a not in target.partners]
    if extra and len(target.partners) >= 2:
        change = _change(pr, "members", "", "", ADD, taken)
        change.old_text = ", ".join(_names(names, target.partners))
        change.new_text = "+ " + ", ".join(_names(names, extra))
        if change.take:
            target.partners.extend(extra)
    brokers = [a for a in pr.brokers if a not in target.brokers and a not in target.partners]
    if brokers:
        change = _change(pr, "brokers", "", "", ADD, taken)
        change.old_text = ", ".join(_names(names, target.brokers)) or "—"
        change.new_text = "+ " + ", ".join(_names(names, brokers))
        if change.take:
            target.brokers.extend(brokers)


def _names(names: dict, keys) -> list[str]:
    return [names.get(k, str(k)) for k in keys]


def _new_target(pr: RowPlan, register_: Register, plan: Plan) -> Target | None:
    values = pr.values
    if not values.get("kind"):
        pr.errors.append(_("Für eine neue Partnerschaft fehlt die Art."))
        return None
    if len(set(pr.partners)) < 2:
        pr.errors.append(_("Eine Partnerschaft braucht mindestens zwei verschiedene Partner."))
        return None
    since = values.get("since")
    title = values.get("title_de") or " – ".join(_names(register_.actor_names, pr.partners))
    slug = pr.slug or slugify(title)[:200] or "partnerschaft"
    if not pr.slug:
        base, n = slug, 2
        while slug in register_.by_slug:
            slug, n = f"{base[:190]}-{n}", n + 1
    target = Target(
        pk=None,
        slug=slug,
        values={
            "kind": values["kind"],
            "since": since[0] if since else None,
            "since_precision": since[1] if since else DatePrecision.MONTH,
            "title_de": title,
            "status": values.get("status") or Partnership.Status.ACTIVE,
            "is_formal": bool(values.get("is_formal")),
            "summary_de": values.get("summary_de") or "",
            "publication_state": values.get("publication_state") or Partnership.Publication.DRAFT,
        },
        partners=list(dict.fromkeys(pr.partners)),
        brokers=[b for b in dict.fromkeys(pr.brokers) if b not in pr.partners],
        created_line=pr.line,
    )
    # The checks of Partnership.full_clean that a row can fail (building 1,000 model
    # instances costs more than the whole rest of the dry run).
    if len(title) > 250:
        pr.errors.append(_("Der Titel ist länger als 250 Zeichen."))
    if len(slug) > 250 or slugify(slug) != slug:
        pr.errors.append(_("„%(value)s“ ist kein gültiger Kurzname.") % {"value": slug})
    if pr.errors:
        return None
    for name in ("kind", "status", "since"):
        if values.get(name):
            value = values[name]
            if name == "since":
                pr.facts.append(("since", "", *value, True))
            else:
                pr.facts.append((name, value, None, "", True))
    return target


def plan_import(
    *,
    text: str,
    mapping: dict[str, str],
    source: str,
    taken: set | None = None,
    declined_actors: set | None = None,
) -> Plan:
    """The dry run: what importing ``text`` with ``mapping`` would do. Writes nothing.

    ``taken`` are the keys ("line:field") staff chose to take; None = the defaults.
    ``declined_actors`` are proposed actors staff did not confirm (their rows are skipped)."""
    plan = Plan()
    header, rows = read_rows(text)
    if not any(mapping.get(h) for h in header):
        plan.errors.append(_("Keine Spalte ist einem Feld zugeordnet."))
        return plan
    mapped = set(mapping.values())
    partner_fields = {"members", "member_codes", "partner_1", "partner_2"}
    if not (partner_fields & mapped) and "slug" not in mapped:
        plan.errors.append(_("Bitte die Partner (oder den Kurznamen) einer Spalte zuordnen."))
        return plan
    if len(rows) > MAX_ROWS:
        plan.errors.append(_("Höchstens %(n)d Zeilen je Datei.") % {"n": MAX_ROWS})
        return plan
    register_ = Register()
    # Pass 1: read every row and find its actors.
    for line, row in enumerate(rows, start=2):
        pr = RowPlan(line=line)
        pr.slug = (_cell(row, header, mapping, "slug") or "").strip()
        pr.group = (_cell(row, header, mapping, "group") or "").strip()
        pr.source = (_cell(row, header, mapping, "source") or "").strip() or source
        pr.values = _parse_values(pr, row, header, mapping)
        partner_refs, broker_refs = _refs(plan, row, header, mapping)
        for refs, out in ((partner_refs, pr.partners), (broker_refs, pr.brokers)):
            for ref in refs:
                key = _actor_key(plan, register_, ref, pr)
                if key is not None:
                    out.append(key)
        if len(pr.partners) != len(set(pr.partners)):
            pr.errors.append(_("Ein Akteur darf nur einmal Mitglied derselben Partnerschaft sein."))
        plan.rows.append(pr)
    for proposal in plan.proposals.values():
        register_.actor_names[proposal.key] = proposal.name
        if declined_actors and proposal.key in declined_actors:
            proposal.confirmed = False
    # Rows of one group are one partnership: each names all the group's members.
    groups: dict[str, list] = {}
    first_of_group: dict[str, int] = {}
    for pr in plan.rows:
        if pr.group and not pr.errors:
            groups.setdefault(pr.group, [])
            first_of_group.setdefault(pr.group, pr.line)
            groups[pr.group].extend(a for a in pr.partners if a not in groups[pr.group])
    # Pass 2: match and compare, row by row (a later row sees what an earlier one planned).
    for pr in plan.rows:
        if pr.errors:
            pr.outcome = "error"
            continue
        declined = [
            k
            for k in pr.partners + pr.brokers
            if isinstance(k, str) and k in plan.proposals and not plan.proposals[k].confirmed
        ]
        if declined:
            pr.outcome = "skipped"
            pr.warnings.append(
                _("übersprungen: neuer Akteur nicht bestätigt (%(names)s)")
                % {"names": ", ".join(_names(register_.actor_names, declined))}
            )
            continue
        if pr.group:
            pr.partners = list(groups[pr.group])
            if first_of_group[pr.group] != pr.line:
                pr.warnings.append(
                    _("Gruppe „%(group)s“ wie Zeile %(n)d")
                    % {"group": pr.group, "n": first_of_group[pr.group]}
                )
        target = _match(pr, register_)
        if target is None:
            target = _new_target(pr, register_, plan)
            if target is None:
                pr.outcome = "error"
                continue
            register_.index(target)
            pr.target, pr.slug, pr.outcome = target, target.slug, "created"
            continue
        pr.target, pr.slug = target, target.slug
        if target.created_line:
            pr.warnings.append(
                _("dieselbe Partnerschaft wie Zeile %(n)d") % {"n": target.created_line}
            )
        before_members = frozenset(target.partners)
        _diff(pr, target, taken, register_.actor_names)
        if frozenset(target.partners) != before_members:
            register_.index(target)
        taken_any = any(c.take for c in pr.changes) or pr.kind_change
        pr.outcome = "updated" if taken_any else "unchanged"
    return plan


def _match(pr: RowPlan, register_: Register) -> Target | None:
    by_slug = register_.by_slug.get(pr.slug) if pr.slug else None
    if by_slug is not None:
        return by_slug
    members = frozenset(pr.partners)
    target = register_.by_members.get(members)
    if target is not None:
        if pr.slug:
            pr.warnings.append(
                _("gleiche Mitglieder wie „%(slug)s“ (anderer Kurzname): zugeordnet, kein Duplikat")
                % {"slug": target.slug}
            )
        return target
    if len(members) == 2:
        target = register_.by_pair.get(members)
        if target is not None:
            pr.warnings.append(
                _("Paar gehört zur Dreieckspartnerschaft „%(slug)s“: ihr zugeordnet")
                % {"slug": target.slug}
            )
            return target
    if len(members) >= 2 and not pr.slug:
        # A subset of a stored group (two of three) or a superset is no new partnership either.
        for candidate in register_.groups.values():
            if members < frozenset(candidate.partners):
                pr.warnings.append(
                    _("Mitglieder gehören zur Partnerschaft „%(slug)s“: ihr zugeordnet")
                    % {"slug": candidate.slug}
                )
                return candidate
    return None


# --- applying -------------------------------------------------------------------------------


@transaction.atomic
def apply_plan(*, plan: Plan, run: ImportRun | None, source: str, source_date: date, by=None):
    """Write the plan (refused when any row has an error: nothing half-saved)."""
    if not plan.ok:
        return plan
    actors: dict = {}
    used = [k for pr in plan.rows if pr.outcome in ("created", "updated")
            for k in pr.partners + pr.brokers]  # fmt: skip
    for key in dict.fromkeys(k for k in used if isinstance(k, str)):
        actors[key] = _create_actor(plan.proposals[key], by=by)
    objects: dict[int, Partnership] = {}
    stored = {
        pr.target.pk for pr in plan.rows if pr.outcome in ("updated", "unchanged") and pr.target.pk
    }
    objects_by_pk = Partnership.objects.in_bulk(stored)
    facts = []
    reason = _("Import: %(source)s") % {"source": source[:80]}
    for pr in plan.rows:
        if pr.outcome not in ("created", "updated") and not (
            pr.outcome == "unchanged" and pr.facts
        ):
            continue
        target = pr.target
        actor_id = lambda k: actors[k].pk if isinstance(k, str) else k  # noqa: E731
        obj = objects.get(id(target))
        if obj is None:
            obj = objects_by_pk.get(target.pk) if target.pk else None
            if obj is None:
                obj = Partnership(slug=target.slug)
            objects[id(target)] = obj
        if pr.outcome == "unchanged":  # only the source's differing statements are kept
            facts.extend(_facts(pr, obj, run, source, source_date))
            continue
        for name, value in target.values.items():
            setattr(obj, name, value)
        obj.title = obj.title_de
        if by is not None:
            obj._history_user = by
        obj._change_reason = reason
        obj.save()
        target.pk = obj.pk
        if pr.kind_change:
            from_kind, to_kind, when, precision = pr.kind_change
            KindChange.objects.create(
                partnership=obj,
                from_kind=from_kind,
                to_kind=to_kind,
                date=when,
                precision=precision or DatePrecision.YEAR,
                note=reason[:250],
            )
        existing = set()
        if pr.outcome == "updated":
            existing = set(obj.members.values_list("actor_id", flat=True))
        new_members = []
        roles = (("partner", target.partners, 0), ("broker", target.brokers, 100))
        for role, keys, offset in roles:
            for i, key in enumerate(keys):
                aid = actor_id(key)
                if aid not in existing:
                    existing.add(aid)
                    new_members.append(
                        PartnershipMember(
                            partnership=obj, actor_id=aid, role=role, position=offset + i
                        )
                    )
        PartnershipMember.objects.bulk_create(new_members)
        if new_members:  # bulk_create sends no signals: a new member is new content
            content_touch(partnership_id=obj.pk)
        facts.extend(_facts(pr, obj, run, source, source_date))
    PartnershipFact.objects.bulk_create(facts)
    plan.saved = True
    plan.dry_run = False
    if run is not None:
        run.state = ImportRun.State.IMPORTED
        run.imported_at = timezone.now()
        run.summary = plan.counts
        run.save(update_fields=["state", "imported_at", "summary"])
    register.published_data_changed()
    return plan


def _facts(pr: RowPlan, obj: Partnership, run, source: str, source_date) -> list:
    return [
        PartnershipFact(
            partnership=obj,
            field=name,
            value=str(value)[:1000],
            date=when,
            precision=precision or "",
            source=(pr.source or source)[:500],
            source_date=source_date,
            is_current=current,
            run=run,
            line=pr.line,
        )
        for name, value, when, precision, current in pr.facts
    ]


def _create_actor(proposal: Proposal, *, by=None) -> Actor:
    actor = Actor(
        kind=Actor.Kind.MUNICIPALITY,
        name=proposal.name,
        country=proposal.country,
        latitude=proposal.latitude,
        longitude=proposal.longitude,
        coordinate_source=(
            Actor.CoordinateSource.GAZETTEER
            if proposal.latitude is not None
            else Actor.CoordinateSource.NOT_FOUND
        ),
        reference_source="import",
    )
    actor.slug = register.unique_slug(model=Actor, base=f"{proposal.name}-{proposal.country}")
    if by is not None:
        actor._history_user = by
    actor.full_clean()
    actor.save()
    return actor


def import_text(
    *,
    text: str,
    mapping: dict[str, str],
    source: str,
    source_date: date | None = None,
    dry_run: bool = True,
    taken: set | None = None,
    declined_actors: set | None = None,
    run: ImportRun | None = None,
    by=None,
) -> Plan:
    plan = plan_import(
        text=text, mapping=mapping, source=source, taken=taken, declined_actors=declined_actors
    )
    if dry_run:
        return plan
    return apply_plan(
        plan=plan, run=run, source=source, source_date=source_date or timezone.localdate(), by=by
    )
