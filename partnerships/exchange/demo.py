"""Demo needs and offers of the Bedarfsbörse (facts in ``data/demo/items.yaml``), in
several states of the lifecycle, taken through the services so every step is recorded.

Idempotent: items are seeded with ``portal.seeding.seed_row`` (keyed by actor and the
German title) and walked through the lifecycle only when they were just created.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from partnerships.exchange import services
from partnerships.exchange.models import Item, Match, State
from partnerships.models import Actor
from portal import languages
from portal.models import Horizon
from portal.seeding import read_data, seed_row, translated

DATA = Path(__file__).parent / "data" / "demo"
ACTOR_CODES = {
    "huerth": "05362028",
    "billerbeck": "05558008",
    "malyn": "UA18060130000061781",
    "peremyshliany": "UA46060330000065074",
}


def _blank_pdf() -> bytes:
    """A one-page placeholder for the demo's handover protocol (no invented content)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _actors() -> dict[str, Actor]:
    found = {
        a.official_code: a for a in Actor.objects.filter(official_code__in=ACTOR_CODES.values())
    }
    return {key: found[code] for key, code in ACTOR_CODES.items() if code in found}


def _item(spec: dict, actors: dict[str, Actor]) -> tuple[Item | None, bool]:
    actor = actors.get(spec["actor"])
    if actor is None:
        return None, False
    source = spec["title"].get(languages.SOURCE) or next(iter(spec["title"].values()))
    unit = spec.get("unit", {})
    values = {
        "kind": spec["kind"],
        "category": spec["category"],
        "horizon": Horizon.objects.get(slug=spec["horizon"]),
        "quantity": spec["quantity"],
        "unit": unit.get(languages.SOURCE, "") if isinstance(unit, dict) else unit,
        "valid_until": timezone.localdate() + timedelta(days=180),
        "source_language": "uk" if "uk" in spec["title"] and spec["kind"] == "need" else "de",
        **translated("title", spec["title"]),
        **translated("description", spec.get("description", {})),
    }
    values["title_de"] = values["title_de"] or source
    return seed_row(Item, {"actor": actor, "title_de": values["title_de"]}, values)


def load_demo(*, stdout, **options) -> None:
    actors = _actors()
    specs = read_data(DATA / "items.yaml")["items"]
    items, created = {}, set()
    for spec in specs:
        item, _changed = _item(spec, actors)
        if item is None:
            continue
        items[spec["key"]] = item
        if item.state == State.DRAFT and not item.steps.exists():
            created.add(spec["key"])
    for spec in specs:
        key = spec["key"]
        if key not in created:
            continue
        item = items[key]
        Item.objects.filter(pk=item.pk).update(published_at=timezone.now())
        services.item_step(item=item, action="publish", by=None)
    for spec in specs:
        key = spec["key"]
        if key not in created or "partner" not in spec or spec["partner"] not in actors:
            continue
        item = Item.objects.get(pk=items[key].pk)
        counterpart = items.get(spec.get("offer", ""))
        if counterpart is not None:
            counterpart.refresh_from_db()
            if counterpart.state != State.PUBLISHED:
                counterpart = None
        match = services.item_reserve(
            item=item, partner=actors[spec["partner"]], counterpart=counterpart, by=None
        )
        if spec["state"] == State.IN_TALKS:
            continue
        services.item_step(item=item, action="agree", by=None)
        handover = spec.get("handover")
        if handover:
            on = handover["date"]
            on = on if isinstance(on, date) else date.fromisoformat(on)
            # a handover of the past: the match is dated back to that day
            Match.objects.filter(pk=match.pk).update(
                created_at=timezone.make_aware(datetime.combine(on, time(9)))
            )
            match.refresh_from_db()
            if item.is_shipped:
                services.item_step(item=item, action="ship", by=None)
            services.handover_record(
                match=match,
                by=None,
                handed_over_on=on,
                people=handover["people"],
                note=handover.get("note", ""),
                protocol=ContentFile(_blank_pdf(), name="protokoll.pdf"),
            )
        report = spec.get("use_report")
        if report:
            services.use_report_submit(match=match, by=None, report=report["de"])
            services.item_step(item=item, action="close", by=None)
    stdout.write(f"Bedarfsbörse demo items: {len(items)} ({len(created)} new).")
