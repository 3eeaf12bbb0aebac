"""The figures of the statistics, computed from the register's dated facts.

``compute(today=...)`` returns plain, language-neutral numbers (JSON-serialisable: the cache,
the open JSON and the monthly snapshot store exactly this); ``presentation.py`` adds labels,
summaries and charts in the reader's language. The definitions (``DEFINITIONS``) are the
counting rules below, in words.

Which partnerships: published ones of the kinds the open-data counting rule counts
(``Partnership.COUNTED_KINDS``, ``opendata.COUNTING_RULE``) with at least one partner in NRW
and one in Ukraine (brokering third towns are not partners).

Dates: a partnership exists from its start (``since``, else its earliest dated step) until
it ended (``ended_on``, else the date of its "ended" step; "ended" without a date: before
today). It is formal from its signing (the "signed" step; without one, from its start if it
is marked as formally agreed). Its kind at a date follows its dated changes of kind. Its
last activity is the latest of its dated steps, milestones, projects, changes of kind, its
start and the last activity a survey reported (a ``PartnershipFact`` "last_activity").
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from partnerships.models import Actor, Partnership
from partnerships.statistics import boundaries, selectors

COUNTED_KINDS: tuple[str, ...] = tuple(str(k) for k in Partnership.COUNTED_KINDS)
SIGNED_STATES = {
    Partnership.Status.SIGNED,
    Partnership.Status.ACTIVE,
    Partnership.Status.DORMANT,
    Partnership.Status.SUSPENDED,
}
DORMANT_AFTER_MONTHS = 24
SUBSCRIBER_MONTHS = 24
FIRST_YEAR = 1950  # years before are folded into the first bar's stock, not shown
PIPELINE_STAGES = ("interest", "mandate", "decision", "signed")
MATCHMAKING_STEPS = ("profiles", "requests", "cases", "introductions", "partnerships")
ACTIVITY_STATES = ("active", "dormant", "no_activity")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the 28th at most, so every month has it)."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


@dataclass(slots=True)
class Facts:
    """One partnership's dated facts (see the module's docstring)."""

    id: int
    kind: str
    status: str
    start: date | None
    end: date | None
    formal_from: date | None
    last_activity: date | None
    kind_dates: list[date] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # kinds[i] holds before kind_dates[i]

    def exists_on(self, day: date) -> bool:
        return self.start is not None and self.start <= day and (self.end is None or self.end > day)

    def kind_on(self, day: date) -> str:
        if not self.kind_dates:
            return self.kind
        return self.kinds[bisect_right(self.kind_dates, day)]

    def formal_on(self, day: date) -> bool:
        return self.formal_from is not None and self.formal_from <= day


def _facts(row: tuple, changes: list[dict], today: date) -> Facts:
    """One partnership's facts from its row (``selectors.PARTNERSHIP_FIELDS``)."""
    (
        pk,
        kind,
        is_formal,
        status,
        since,
        ended_on,
        signed_on,
        decided_on,
        ended_step,
        first_step,
        last_step,
        last_milestone,
        last_project_start,
        last_project_end,
        last_reported,
    ) = row
    start = since or first_step or signed_on or decided_on
    end = ended_on or ended_step
    if end is None and status == Partnership.Status.ENDED:
        end = today
    formal_from = signed_on or (start if is_formal else None)
    candidates = [
        value
        for value in (
            since,
            last_step,
            last_milestone,
            last_project_start,
            last_project_end,
            last_reported,
        )
        if value is not None and value <= today
    ]
    dated = [c for c in changes if c["date"] <= today]
    candidates += [c["date"] for c in dated]
    facts = Facts(
        id=pk,
        kind=kind,
        status=status,
        start=start,
        end=end,
        formal_from=formal_from,
        last_activity=max(candidates) if candidates else None,
    )
    if dated:
        facts.kind_dates = [c["date"] for c in dated]
        facts.kinds = [dated[0]["from_kind"]] + [c["to_kind"] for c in dated]
        # Dated changes explain the history; today's kind is the register's.
        facts.kinds[-1] = kind
    return facts


@dataclass(slots=True)
class Places:
    """Where a partnership's partners are: NRW Kreise and Regierungsbezirke, NRW
    municipalities (8-digit AGS), Ukrainian oblasts (KATOTTG)."""

    kreise: set[str] = field(default_factory=set)
    bezirke: set[str] = field(default_factory=set)
    municipalities: set[str] = field(default_factory=set)
    oblasts: set[str] = field(default_factory=set)
    nrw: bool = False
    ukraine: bool = False


def _nrw_code(*codes: str | None) -> str:
    for code in codes:
        if code and code.startswith("05"):
            return code
    return ""


def _places(members: list[tuple]) -> dict[int, Places]:
    """Where each partnership's partners are (rows: ``selectors.MEMBER_FIELDS``)."""
    oblast_codes = boundaries.oblasts()
    municipality = Actor.Kind.MUNICIPALITY
    places: dict[int, Places] = defaultdict(Places)
    for partnership_id, kind, country, own, district, region in members:
        p = places[partnership_id]
        own = own or ""
        if country == "DE":
            code = _nrw_code(own, district)
            bezirk = _nrw_code(own, region)
            if code or bezirk:
                p.nrw = True
            if len(code) >= 5:
                p.kreise.add(code[:5])
            if len(bezirk) >= 3:
                p.bezirke.add(bezirk[:3])
            if kind == municipality and len(own) == 8 and code == own:
                p.municipalities.add(own)
        elif country == "UA":
            p.ukraine = True
            if region in oblast_codes:
                p.oblasts.add(region)
            elif own in oblast_codes:
                p.oblasts.add(own)
    return places


def _year_rows(facts: list[Facts], today: date) -> list[dict]:
    """The stock at each 31 December (this year: today), by kind and formality.

    A sweep rather than a loop over years × partnerships: at 31 December of year Y a
    partnership exists iff start.year <= Y < end.year, is formal iff formal_from.year <= Y,
    so each adds +1 over a range of years (a difference array). Partnerships with dated
    changes of kind, and this year's row (reference day today), are counted one by one."""
    starts = [f.start for f in facts if f.start is not None]
    if not starts:
        return []
    first = max(min(starts).year, FIRST_YEAR)
    n = today.year - first  # past years; this year's row is counted at today
    columns = (*COUNTED_KINDS, "formal", "informal")
    diff = {c: [0] * (n + 1) for c in columns}

    def add(column: str, y0: int, y1: int | None) -> None:
        a = max(y0, first) - first
        b = n if y1 is None else min(y1 - first, n)
        if a < b:
            diff[column][a] += 1
            diff[column][b] -= 1

    slow = []
    for f in facts:
        if f.start is None:
            continue
        if f.kind_dates:
            slow.append(f)
            continue
        if f.kind not in diff:
            continue
        end = f.end.year if f.end else None
        add(f.kind, f.start.year, end)
        formal = f.formal_from.year if f.formal_from else None
        if formal is None:
            add("informal", f.start.year, end)
        else:
            add("informal", f.start.year, min(formal, end) if end is not None else formal)
            add("formal", max(formal, f.start.year), end)
    rows = []
    running = dict.fromkeys(columns, 0)
    for i in range(n):
        for column in columns:
            running[column] += diff[column][i]
        rows.append({"year": first + i, **running})
    for f in slow:
        last = min(f.end.year if f.end else today.year, today.year)
        for year in range(max(f.start.year, first), last):
            day = date(year, 12, 31)
            if (kind := f.kind_on(day)) in diff:
                row = rows[year - first]
                row[kind] += 1
                row["formal" if f.formal_on(day) else "informal"] += 1
    current = {"year": today.year, **dict.fromkeys(columns, 0)}
    for f in facts:
        if f.exists_on(today) and (kind := f.kind_on(today)) in diff:
            current[kind] += 1
            current["formal" if f.formal_on(today) else "informal"] += 1
    rows.append(current)
    for row in rows:
        row["total"] = row["formal"] + row["informal"]
    return rows


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _subscriber_rows(rows: list[tuple], today: date) -> list[dict]:
    tz = timezone.get_current_timezone()

    def local(value: datetime | None) -> date | None:
        return value.astimezone(tz).date() if value else None

    spans = [
        (sid, local(confirmed), min(filter(None, (local(unsub), local(bounced))), default=None))
        for sid, confirmed, unsub, bounced in rows
    ]
    result = []
    for back in range(SUBSCRIBER_MONTHS - 1, -1, -1):
        first = months_before(today.replace(day=1), back)
        day = min(month_end(first.year, first.month), today)
        active = {sid for sid, start, end in spans if start <= day and (end is None or end > day)}
        result.append({"month": first.strftime("%Y-%m"), "subscribers": len(active)})
    return result


def compute(*, today: date | None = None) -> dict:
    """Every figure of the statistics as of ``today`` (six queries)."""
    today = today or timezone.localdate()
    changes: dict[int, list[dict]] = defaultdict(list)
    for change in selectors.kind_change_rows():
        changes[change["partnership_id"]].append(change)
    places = _places(selectors.member_rows())
    facts = []
    for row in selectors.partnership_rows(today=today):
        where = places.get(row[0])
        if where is None or not (where.nrw and where.ukraine):
            continue
        f = _facts(row, changes.get(row[0], []), today)
        counted_ever = {f.kind, *f.kinds} & set(COUNTED_KINDS)
        if counted_ever:
            facts.append(f)
    # Today's partnerships include those without any date (they exist; only the time
    # series, which needs a start, leaves them out and says so).
    current = [
        f
        for f in facts
        if f.kind in COUNTED_KINDS
        and (f.exists_on(today) or (f.start is None and (f.end is None or f.end > today)))
    ]
    undated = sum(1 for f in facts if f.start is None and f.kind in COUNTED_KINDS)

    # Regions (today's partnerships; a partnership counts once in each of its places).
    per_kreis: dict[str, int] = defaultdict(int)
    per_bezirk: dict[str, int] = defaultdict(int)
    per_oblast: dict[str, int] = defaultdict(int)
    with_partner: set[str] = set()
    for f in current:
        where = places[f.id]
        for code in where.kreise:
            per_kreis[code] += 1
        for code in where.bezirke:
            per_bezirk[code] += 1
        for code in where.oblasts:
            per_oblast[code] += 1
        with_partner |= where.municipalities
    municipalities = selectors.municipalities_per_kreis()
    partnered_per_kreis: dict[str, int] = defaultdict(int)
    for ags in with_partner:
        partnered_per_kreis[ags[:5]] += 1
    bezirk_codes = {name: code for code, name in selectors.regierungsbezirke().items()}
    kreise = []
    for code, props in sorted(boundaries.kreise().items()):
        total = municipalities.get(code, 0)
        kreise.append(
            {
                "code": code,
                "bezirk": bezirk_codes.get(props["regierungsbezirk"], ""),
                "partnerships": per_kreis.get(code, 0),
                "municipalities_with_partner": partnered_per_kreis.get(code, 0),
                "municipalities": total,
                "share": _share(partnered_per_kreis.get(code, 0), total),
            }
        )
    bezirke = []
    for code in sorted(selectors.regierungsbezirke()):
        partnered = sum(k["municipalities_with_partner"] for k in kreise if k["bezirk"] == code)
        total = sum(k["municipalities"] for k in kreise if k["bezirk"] == code)
        bezirke.append(
            {
                "code": code,
                "partnerships": per_bezirk.get(code, 0),
                "municipalities_with_partner": partnered,
                "municipalities": total,
                "share": _share(partnered, total),
            }
        )
    oblasts = [
        {"code": code, "partnerships": per_oblast.get(code, 0)}
        for code in sorted(boundaries.oblasts())
    ]

    # Activity of today's partnerships.
    dormant_before = months_before(today, DORMANT_AFTER_MONTHS)
    activity = dict.fromkeys(ACTIVITY_STATES, 0)
    for f in current:
        if f.last_activity is None:
            activity["no_activity"] += 1
        elif f.last_activity < dormant_before:
            activity["dormant"] += 1
        else:
            activity["active"] += 1

    # Pipeline: search profiles by the stage of their decision, the register by status.
    mm = selectors.matchmaking_counts(today=today)
    open_facts = [f for f in facts if f.kind in COUNTED_KINDS and (f.end is None or f.end > today)]
    register = {
        "interest": sum(1 for f in open_facts if f.status == Partnership.Status.FIRST_CONTACT),
        "mandate": 0,
        "decision": sum(1 for f in open_facts if f.status == Partnership.Status.COUNCIL_DECISION),
        "signed": sum(1 for f in open_facts if f.status in SIGNED_STATES),
    }
    profiles = {
        "interest": mm["interest"],
        "mandate": mm["mandate"],
        "decision": mm["decided"],
        "signed": 0,
    }
    pipeline = [
        {
            "stage": stage,
            "profiles": profiles[stage],
            "register": register[stage],
            "total": profiles[stage] + register[stage],
        }
        for stage in PIPELINE_STAGES
    ]
    matchmaking = [{"step": step, "count": mm[step]} for step in MATCHMAKING_STEPS]

    events = [
        {"year": r["year"], "events": r["events"], "participants": r["participants"]}
        for r in selectors.event_rows(until=today)
    ]
    subscribers = _subscriber_rows(selectors.subscription_rows(), today)
    formal = sum(1 for f in current if f.formal_on(today))
    municipality_total = sum(municipalities.values())
    key = {
        "partnerships": len(current),
        "formal": formal,
        "informal": len(current) - formal,
        "undated": undated,
        "municipalities_with_partner": len(with_partner),
        "municipalities": municipality_total,
        "share": _share(len(with_partner), municipality_total),
        "active": activity["active"],
        "dormant": activity["dormant"],
        "no_activity": activity["no_activity"],
        "subscribers": subscribers[-1]["subscribers"] if subscribers else 0,
        "profiles": mm["profiles"],
    }
    return {
        "as_of": today.isoformat(),
        "key": key,
        "per_year": _year_rows(facts, today),
        "bezirke": bezirke,
        "kreise": kreise,
        "oblasts": oblasts,
        "activity": [{"state": s, "count": activity[s]} for s in ACTIVITY_STATES],
        "pipeline": pipeline,
        "matchmaking": matchmaking,
        "events": events,
        "subscribers": subscribers,
    }
