"""Bedarfsbörse: the public list and the matches with 10,000 needs and offers.

Run (PostgreSQL + Redis; a database of its own that the script creates and fills once):

    .venv/bin/python bench/exchange/bench_exchange.py [--items 10000] [--repeat 30]

Fills ``portal_exchange_bench`` with the reference actors (NRW municipalities, hromadas), the
seed's partnerships and ``--items`` synthetic published items (60 % needs of hromadas, 40 %
offers of NRW municipalities, every category, 2 % of the needs handed over for the
aggregates), then measures in-process with Django's test client (warm: one request first):
the list page unfiltered and filtered (category + oblast), the map data filtered, and the
matches for one need and for one offer (as the item page computes them), each with its query
count. Baseline: ``/healthz/`` in the same run. Medians of ``--repeat`` requests.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import django_environment, setup_django

django_environment("portal_exchange_bench", cache_prefix="bench-exchange")

SEED = 20230620


def setup(items: int) -> None:
    setup_django()
    from io import StringIO

    from partnerships.demo import load_partnerships
    from partnerships.reference import reference_actors_load

    reference_actors_load()
    load_partnerships(stdout=StringIO())
    fill(items)
    from django.db import connection

    with connection.cursor() as cursor:  # fresh statistics, as autovacuum keeps them
        cursor.execute("ANALYZE")


def fill(count: int) -> None:
    from django.utils import timezone

    from partnerships.exchange.models import Category, Item, State
    from partnerships.models import Actor
    from portal.models import Horizon

    existing = Item.objects.filter(is_synthetic=True).count()
    if existing >= count:
        print(f"- data: {existing} synthetic items (already there)")
        return
    rng = random.Random(SEED)
    hromadas = list(Actor.objects.filter(country="UA", kind="hromada").values_list("pk", flat=True))
    towns = list(
        Actor.objects.filter(country="DE", kind="municipality").values_list("pk", flat=True)
    )
    horizons = list(Horizon.objects.values_list("pk", flat=True))
    categories = Category.values
    now = timezone.now()
    today = timezone.localdate()
    rows = []
    for n in range(existing, count):
        need = rng.random() < 0.6
        met = need and rng.random() < 0.02
        rows.append(
            Item(
                kind="need" if need else "offer",
                actor_id=rng.choice(hromadas if need else towns),
                category=rng.choice(categories),
                horizon_id=rng.choice(horizons),
                title_de=f"Synthetischer Eintrag {n}",
                title_uk=f"Синтетичний запис {n}",
                description_de="Lasttest.",
                quantity=rng.randint(1, 50),
                urgency=rng.choice([1, 1, 2, 3]),
                needed_by=today + timedelta(days=rng.randint(10, 200)),
                valid_until=today + timedelta(days=rng.randint(30, 365)),
                state=State.HANDED_OVER if met else State.PUBLISHED,
                published_at=now - timedelta(minutes=n),
                met_at=now - timedelta(days=rng.randint(0, 700)) if met else None,
                is_synthetic=True,
            )
        )
    started = time.perf_counter()
    Item.objects.bulk_create(rows, batch_size=2000)
    print(f"- data: {count} synthetic items created in {time.perf_counter() - started:.1f} s")


def timed(fn, repeat: int) -> tuple[float, float, float, int]:
    from django.db import connection, reset_queries

    fn()  # warm
    samples, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    from django.conf import settings

    settings.DEBUG = True
    reset_queries()
    fn()
    queries = len(connection.queries)
    settings.DEBUG = False
    samples.sort()
    p90 = samples[int(len(samples) * 0.9) - 1]
    return statistics.median(samples), p90, statistics.median(cpu), queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup(args.items)
    from django.test import Client

    from partnerships.exchange import matching
    from partnerships.exchange.models import Item

    client = Client()
    need = Item.objects.public().filter(kind="need", category="generator").order_by("pk").first()
    offer = Item.objects.public().filter(kind="offer", category="generator").order_by("pk").first()
    oblast = need.actor.region.slug
    total = Item.objects.count()
    public = Item.objects.public().count()
    rows = [
        ("baseline `/healthz/`", lambda: client.get("/healthz/")),
        ("list `/de/bedarfsboerse/`", lambda: client.get("/de/bedarfsboerse/")),
        (
            "list, category + oblast filter",
            lambda: client.get("/de/bedarfsboerse/", {"category": "generator", "region": oblast}),
        ),
        (
            "list, kind + category filter, page 3",
            lambda: client.get(
                "/de/bedarfsboerse/", {"kind": "need", "category": "kh_water", "seite": 3}
            ),
        ),
        (
            "map data, category filter",
            lambda: client.get("/de/bedarfsboerse/karte.json", {"category": "generator"}),
        ),
        ("matches for one need", lambda: matching.need_matches(need=need)),
        ("matches for one offer", lambda: matching.offer_matches(offer=offer)),
    ]
    print(f"- data: {total} items ({public} published and unexpired), repeat {args.repeat}")
    print(f"- load average before: {os.getloadavg()[0]:.1f} (2 cores)")
    print("| request | queries | wall median ms | wall p90 ms | CPU median ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, fn in rows:
        median, p90, cpu, queries = timed(fn, args.repeat)
        print(f"| {label} | {queries} | {median:.1f} | {p90:.1f} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
