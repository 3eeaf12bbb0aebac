"""Demo data of the register: the reference actors and every partnership the seed talk names
(the facts are in ``data/demo/partnerships.yaml``), and synthetic partnerships for load tests.

Rows are written through ``portal.seeding``: a second run changes nothing, and what staff or
editors changed in a seeded portrait stays.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone, translation

from partnerships import models as register
from partnerships import services
from partnerships.models import Actor, Partnership
from partnerships.reference import reference_actors_load
from partnerships.services import content
from portal.models import Horizon, Theme
from portal.seeding import CHANGE_REASON, read_data, seed_additions, seed_row, translated

DATA = Path(__file__).parent / "data" / "demo" / "partnerships.yaml"


@cache
def demo_data() -> dict:
    """The seed's partnerships and the actors they need (``data/demo/partnerships.yaml``)."""
    return read_data(DATA)


def _add_aliases(actor: Actor, aliases: list[str]) -> None:
    """Add the data file's other names once (a name staff removed is not added again)."""
    new = seed_additions(f"partnerships.actor-aliases:{actor.slug}", aliases)
    known = {a.casefold() for a in actor.alias_list} | {actor.name.casefold()}
    new = [a for a in new if a.casefold() not in known]
    if new:
        actor.aliases = "\n".join([*actor.alias_list, *new])
        actor._change_reason = CHANGE_REASON
        actor.save(update_fields=["aliases", "updated_at"])


def _actors_by_key() -> dict[str, Actor]:
    data = demo_data()
    actors = {
        key: Actor.objects.get(official_code=code) for key, code in data["reference_actors"].items()
    }
    for spec in data["foreign_actors"]:
        actor, _changed = seed_row(
            Actor,
            {"slug": spec["slug"]},
            {key: spec[key] for key in ("name", "country", "kind", "admin_area")},
        )
        if actor is None:
            continue  # deleted by staff
        _add_aliases(actor, spec["aliases"])
        if actor.latitude is None and not services.actor_geocode(actor=actor):
            raise RuntimeError(f"Demo actor {actor.name} ({actor.country}) not in the gazetteer")
        actors[spec["slug"]] = actor
    for key, aliases in data["extra_aliases"].items():
        _add_aliases(actors[key], aliases)
    return actors


CONTENT_AS_OF = datetime(2023, 6, 20, 12, 0, tzinfo=UTC)


def _load_partnership(spec: dict, actors: dict[str, Actor], published_at) -> Partnership | None:
    values = {
        "kind": spec["kind"],
        "is_formal": spec["is_formal"],
        "status": spec["status"],
        "since": spec["since"]["date"] if spec["since"] else None,
        "since_precision": spec["since"]["precision"] if spec["since"] else "year",
        "publication_state": Partnership.Publication.PUBLISHED,
        **translated("title", spec["title"]),
        "title": spec["title"]["de"],
    }
    for field in Partnership.PORTRAIT_FIELDS:
        values.update(translated(field, spec["text"].get(field, {})))
    partnership, changed = seed_row(
        Partnership,
        {"slug": spec["slug"]},
        values,
        relations={
            "themes": Theme.objects.filter(slug__in=spec["themes"]),
            "horizons": Horizon.objects.filter(slug__in=spec["horizons"]),
        },
    )
    if partnership is None:
        return None
    if partnership.published_at is None:
        partnership.published_at = published_at
        partnership.save(update_fields=["published_at"])
    for role, keys in (("partner", spec["partners"]), ("broker", spec["brokers"])):
        for i, key in enumerate(keys):
            seed_row(
                register.PartnershipMember,
                {"partnership": partnership, "actor": actors[key]},
                {"role": role, "position": i if role == "partner" else 100 + i},
            )
    for step in spec["steps"]:
        seed_row(
            register.StatusStep,
            {"partnership": partnership, "status": step["status"]},
            {"date": step["date"], "precision": step["precision"], "note": step["note"]},
        )
    for change in spec.get("kind_changes", []):
        seed_row(
            register.KindChange,
            {"partnership": partnership, "from_kind": change["from"], "to_kind": change["to"]},
            {},
        )
    for milestone in spec["milestones"]:
        titles = milestone["title"]
        seed_row(
            register.Milestone,
            {"partnership": partnership, "title_de": titles["de"]},
            {
                "date": milestone["date"],
                "precision": milestone["precision"],
                **translated("title", titles),
                "title": titles["de"],
            },
        )
    for project in spec["projects"]:
        titles = project["title"]
        horizon = Horizon.objects.filter(slug=project["horizon"]).first()
        seed_row(
            register.Project,
            {"partnership": partnership, "title_de": titles["de"]},
            {
                **translated("title", titles),
                "title": titles["de"],
                "horizon": horizon,
                "funding_source": project["funding_source"],
            },
        )
    if changed:
        services.published_data_changed()
    return partnership


def load_partnerships(*, stdout=None) -> list[Partnership]:
    actors = _actors_by_key()
    published_at = timezone.now()
    # The portraits are as of their source (the talk of 20 June 2023), not as of this load;
    # a load that changes nothing leaves their date alone (partnerships/services/content.py).
    with translation.override("de"), content.content_as_of(CONTENT_AS_OF):
        loaded = [_load_partnership(s, actors, published_at) for s in demo_data()["partnerships"]]
    return [p for p in loaded if p is not None]


SYNTHETIC_PREFIX = "synthetisch"


@transaction.atomic
def synthetic_partnerships_create(*, count: int, seed: int = 20230620) -> int:
    """Create up to ``count`` clearly marked synthetic partnerships (load tests), each between
    two new synthetic actors placed near a random NRW municipality and a random hromada.
    Idempotent: numbering continues where an earlier run stopped."""
    existing = Partnership.objects.filter(is_synthetic=True).count()
    todo = count - existing
    if todo <= 0:
        return 0
    rng = random.Random(seed + existing)
    de_places = list(
        Actor.objects.filter(kind="municipality", country="DE").values_list(
            "pk", "latitude", "longitude", "region_id", "district_id"
        )
    )
    ua_places = list(
        Actor.objects.filter(kind="hromada", country="UA", region__isnull=False).values_list(
            "pk", "latitude", "longitude", "region_id", "district_id"
        )
    )
    kinds = [k for k, _label in Partnership.Kind.choices]
    statuses = [s for s, _label in Partnership.Status.choices]
    actors, partnerships = [], []
    for n in range(existing, count):
        pair = []
        for side, places, country, kind in (
            ("de", de_places, "DE", "association"),
            ("ua", ua_places, "UA", "association"),
        ):
            _pk, lat, lon, region_id, district_id = rng.choice(places)
            pair.append(
                Actor(
                    kind=kind,
                    name=f"[Synthetisch] Akteur {n}-{side}",
                    slug=f"{SYNTHETIC_PREFIX}-akteur-{n}-{side}",
                    country=country,
                    latitude=round(lat + rng.uniform(-0.05, 0.05), 5),
                    longitude=round(lon + rng.uniform(-0.05, 0.05), 5),
                    coordinate_source=Actor.CoordinateSource.MANUAL,
                    region_id=region_id,
                    district_id=district_id,
                    is_synthetic=True,
                )
            )
        actors.append(pair)
        year = rng.randint(1990, 2024)
        partnerships.append(
            Partnership(
                title=f"[Synthetisch] Partnerschaft {n}",
                title_de=f"[Synthetisch] Partnerschaft {n}",
                slug=f"{SYNTHETIC_PREFIX}-{n}",
                kind=rng.choice(kinds),
                is_formal=rng.random() < 0.5,
                status=rng.choice(statuses),
                since=date(year, rng.randint(1, 12), 1),
                since_precision="month",
                summary=f"Synthetischer Datensatz für Lasttests ({n}).",
                summary_de=f"Synthetischer Datensatz für Lasttests ({n}).",
                publication_state=Partnership.Publication.PUBLISHED,
                published_at=timezone.now(),
                is_synthetic=True,
            )
        )
    flat = Actor.objects.bulk_create([a for pair in actors for a in pair], batch_size=1000)
    created = Partnership.objects.bulk_create(partnerships, batch_size=1000)
    if any(a.pk is None for a in flat) or any(p.pk is None for p in created):
        flat = list(Actor.objects.filter(slug__in=[a.slug for a in flat]).order_by("pk"))
        created = list(
            Partnership.objects.filter(slug__in=[p.slug for p in created]).order_by("pk")
        )
    members = []
    for i, partnership in enumerate(created):
        members += [
            register.PartnershipMember(partnership=partnership, actor=flat[2 * i], position=0),
            register.PartnershipMember(partnership=partnership, actor=flat[2 * i + 1], position=1),
        ]
    register.PartnershipMember.objects.bulk_create(members, batch_size=2000)
    services.published_data_changed()
    return todo


def load_demo(*, stdout, synthetic: int = 0, **options) -> None:
    result = reference_actors_load()
    stdout.write(
        f"Reference actors: {result.created} created, {result.updated} updated, "
        f"{result.unchanged} unchanged."
    )
    partnerships = load_partnerships(stdout=stdout)
    stdout.write(f"Demo partnerships: {len(partnerships)} (from the seed).")
    if synthetic:
        made = synthetic_partnerships_create(count=synthetic)
        stdout.write(f"Synthetic partnerships: {made} created ({synthetic} wanted in total).")
