"""Benchmark of the statistics page and its open JSON with 5,000 partnerships, 20,000 actors.

Run (PostgreSQL + Redis, a database of its own that the script creates and fills):

    .venv/bin/python bench/statistics/bench_statistics.py [--partnerships 5000] [--actors 20000]
        [--repeat 30]

It migrates the database ``portal_statistics_bench`` (env ``BENCH_DATABASE_URL`` to change),
loads the reference actors (2,055) and N synthetic partnerships (``partnerships.demo``), gives
them dated facts (a signing step for every second, a change of kind for every tenth, a
milestone for every third, a real NRW municipality as partner for every fourth), tops the
actors up to the wanted number with synthetic ones, analyses the tables (as autovacuum
would after bulk loads) and adds a snapshot per month of two years. Then it measures
in-process with Django's test client (no network):

- the page cold (figures not cached: the published version is bumped), warm (cached),
  in Ukrainian warm; the open JSON warm and conditional (304); each with its query count;
- baseline: ``/healthz/`` (one ``SELECT 1``) in the same run.
"""

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import counting_get, django_environment, forget_published, setup_django

django_environment("portal_statistics_bench", cache_prefix="bench-statistics", redis_db=10)


def timed(fn, repeat: int) -> str:
    """Median wall time and, in brackets, median CPU time of this process (the database's
    work is in the wall time only), in ms."""
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    return f"{wall:.1f} ({cpu:.1f})" if wall < 100 else f"{wall:.0f} ({cpu:.0f})"


def enrich(actors_wanted: int) -> None:
    """Dated facts for the synthetic partnerships and more actors (once)."""
    from partnerships.models import (
        Actor,
        KindChange,
        Milestone,
        Partnership,
        PartnershipMember,
        StatusStep,
    )
    from partnerships.statistics import services

    today = date.today()
    synthetic = list(
        Partnership.objects.filter(is_synthetic=True).order_by("pk").values_list("pk", "since")
    )
    if not StatusStep.objects.filter(partnership__is_synthetic=True).exists():
        municipalities = list(
            Actor.objects.filter(kind="municipality", country="DE").values_list("pk", flat=True)
        )
        steps, changes, milestones, members = [], [], [], []
        for i, (pk, since) in enumerate(synthetic):
            if i % 2 == 0:
                signed = min(since + timedelta(days=365), today)
                steps.append(StatusStep(partnership_id=pk, status="signed", date=signed))
            if i % 10 == 0:
                changes.append(
                    KindChange(
                        partnership_id=pk,
                        from_kind="project",
                        to_kind="twinning",
                        date=min(since + timedelta(days=700), today),
                    )
                )
            if i % 3 == 0:
                milestones.append(
                    Milestone(
                        partnership_id=pk,
                        date=today - timedelta(days=(i * 37) % 1500),
                        title=f"[Synthetisch] Meilenstein {i}",
                    )
                )
            if i % 4 == 0:
                members.append(
                    PartnershipMember(
                        partnership_id=pk,
                        actor_id=municipalities[i % len(municipalities)],
                        position=9,
                    )
                )
        StatusStep.objects.bulk_create(steps, batch_size=2000)
        KindChange.objects.bulk_create(changes, batch_size=2000)
        Milestone.objects.bulk_create(milestones, batch_size=2000)
        PartnershipMember.objects.bulk_create(members, batch_size=2000, ignore_conflicts=True)
    missing = actors_wanted - Actor.objects.count()
    if missing > 0:
        Actor.objects.bulk_create(
            [
                Actor(
                    kind="association",
                    name=f"[Synthetisch] Verein {n}",
                    slug=f"synthetisch-verein-{n}",
                    country="DE",
                    is_synthetic=True,
                )
                for n in range(missing)
            ],
            batch_size=2000,
        )
    # What autovacuum does after bulk loads: fresh planner statistics of the tables read.
    from django.db import connection

    with connection.cursor() as cursor:
        for model in (Actor, Partnership, PartnershipMember, StatusStep, Milestone, KindChange):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    first = today.replace(day=1)
    for back in range(24, 0, -1):
        index = first.year * 12 + first.month - 1 - back
        services.snapshot_take(month=date(index // 12, index % 12 + 1, 1), today=today)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=5000)
    parser.add_argument("--actors", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_django()
    from django.test import Client

    from partnerships.demo import synthetic_partnerships_create
    from partnerships.models import Actor, Partnership
    from partnerships.reference import reference_actors_load
    from partnerships.statistics import figures

    started = time.perf_counter()
    reference_actors_load()
    synthetic_partnerships_create(count=args.partnerships)
    enrich(args.actors)
    setup_seconds = time.perf_counter() - started
    n_partnerships = Partnership.objects.published().count()
    n_actors = Actor.objects.count()
    counted = figures.compute()["key"]["partnerships"]
    client = Client()
    page, page_uk, api = "/de/statistik/", "/uk/statistik/", "/api/statistik.json"

    queries = counting_get(client)

    def cold():
        forget_published()
        client.get(page)

    client.get(page)  # the process's first request: boundaries and templates loaded
    baseline_ms = timed(lambda: client.get("/healthz/"), args.repeat)
    cold_ms = timed(cold, max(5, args.repeat // 3))
    forget_published()
    cold_queries, first = queries(page)
    warm_queries, _ = queries(page)
    warm_ms = timed(lambda: client.get(page), args.repeat)
    uk_queries, _ = queries(page_uk)
    uk_ms = timed(lambda: client.get(page_uk), args.repeat)
    api_queries, api_first = queries(api)
    api_ms = timed(lambda: client.get(api), args.repeat)
    etag = api_first["ETag"]
    cond_queries, cond = queries(api, HTTP_IF_NONE_MATCH=etag)
    cond_ms = timed(lambda: client.get(api, HTTP_IF_NONE_MATCH=etag), args.repeat)
    compute_ms = timed(figures.compute, max(5, args.repeat // 3))

    rows = [
        ("baseline `/healthz/`", 1, baseline_ms),
        (
            f"page cold (figures computed; {len(first.content) / 1024:.0f} KiB HTML)",
            cold_queries,
            cold_ms,
        ),
        ("page warm (figures from Redis)", warm_queries, warm_ms),
        ("page warm, Ukrainian", uk_queries, uk_ms),
        ("open JSON warm", api_queries, api_ms),
        (f"open JSON conditional → {cond.status_code}", cond_queries, cond_ms),
        ("`figures.compute()` alone", 6, compute_ms),
    ]
    print(
        f"- data: {n_partnerships} published partnerships ({counted} counted NRW–Ukraine "
        f"today), {n_actors} actors (set-up {setup_seconds:.1f} s)"
    )
    print("| request | queries | median ms (CPU ms) |")
    print("| --- | ---: | ---: |")
    for label, n, ms in rows:
        print(f"| {label} | {n} | {ms} |")


if __name__ == "__main__":
    main()
