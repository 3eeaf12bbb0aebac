"""Benchmark of the register's map data and pages with 5,000 published partnerships.

Run (PostgreSQL + Redis, a database of its own that the script creates and fills):

    .venv/bin/python bench/partnerships/bench_register.py [--partnerships 5000] [--repeat 30]

It migrates the database ``portal_partnerships_bench`` (env ``BENCH_DATABASE_URL`` to change),
loads the reference actors (2,055) and N synthetic partnerships (2 synthetic actors each), then
measures with Django's test client in-process (no network): the GeoJSON cold (cache emptied),
warm (from cache) and conditional (304); the list page and a portrait page — each with its
query count. Baseline: ``/healthz/`` (one ``SELECT 1``) measured in the same run.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import counting_get, django_environment, forget_published, setup_django

django_environment("portal_partnerships_bench", cache_prefix="bench-partnerships")


def timed(fn, repeat: int) -> tuple[float, list[float]]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_django()
    from django.test import Client

    from partnerships.demo import synthetic_partnerships_create
    from partnerships.models import Actor, Partnership
    from partnerships.reference import reference_actors_load

    started = time.perf_counter()
    reference_actors_load()
    reference_seconds = time.perf_counter() - started
    started = time.perf_counter()
    made = synthetic_partnerships_create(count=args.partnerships)
    synthetic_seconds = time.perf_counter() - started
    n_partnerships = Partnership.objects.published().count()
    n_actors = Actor.objects.count()
    client = Client()
    url = "/api/partnerships.geojson"

    queries = counting_get(client)

    def cold():
        forget_published()
        client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    baseline_ms, _ = timed(lambda: client.get("/healthz/"), args.repeat)
    cold_ms, _ = timed(cold, max(5, args.repeat // 6))
    forget_published()
    cold_queries, first = queries(url, HTTP_ACCEPT_ENCODING="gzip")
    warm_queries, _ = queries(url, HTTP_ACCEPT_ENCODING="gzip")
    warm_ms, warm_samples = timed(lambda: client.get(url, HTTP_ACCEPT_ENCODING="gzip"), args.repeat)
    etag = first["ETag"]
    cond_queries, cond = queries(url, HTTP_IF_NONE_MATCH=etag)
    cond_ms, _ = timed(lambda: client.get(url, HTTP_IF_NONE_MATCH=etag), args.repeat)
    filtered = url + "?country=UA&kind=twinning&kind=solidarity&year_from=2000"
    forget_published()
    filtered_queries, _ = queries(filtered)
    list_queries, _ = queries("/de/partnerschaften/")
    list_ms, _ = timed(lambda: client.get("/de/partnerschaften/"), args.repeat)
    list_filtered = "/de/partnerschaften/?oblast=oblast-dnipropetrowsk&q=a&seite=3"
    list_filtered_queries, _ = queries(list_filtered)
    list_filtered_ms, _ = timed(lambda: client.get(list_filtered), args.repeat)
    slug = (
        Partnership.objects.published()
        .order_by("pk")
        .values_list("slug", flat=True)[n_partnerships // 2]
    )
    detail_queries, _ = queries(f"/de/partnerschaften/{slug}/")
    detail_ms, _ = timed(lambda: client.get(f"/de/partnerschaften/{slug}/"), args.repeat)

    size = len(first.content)
    p90 = sorted(warm_samples)[int(len(warm_samples) * 0.9) - 1]
    rows = [
        ("baseline `/healthz/`", 1, f"{baseline_ms:.1f}"),
        (
            f"GeoJSON cold (cache emptied; {size / 1024:.0f} KiB gzipped)",
            cold_queries,
            f"{cold_ms:.0f}",
        ),
        ("GeoJSON warm (from Redis)", warm_queries, f"{warm_ms:.1f} (p90 {p90:.1f})"),
        (f"GeoJSON conditional → {cond.status_code}", cond_queries, f"{cond_ms:.1f}"),
        ("GeoJSON cold with 4 filters", filtered_queries, "–"),
        ("list page `/de/partnerschaften/`", list_queries, f"{list_ms:.1f}"),
        (
            "list page, oblast + text filter, page 3",
            list_filtered_queries,
            f"{list_filtered_ms:.1f}",
        ),
        ("portrait page", detail_queries, f"{detail_ms:.1f}"),
    ]
    print(
        f"- data: {n_partnerships} published partnerships, {n_actors} actors "
        f"(reference load {reference_seconds:.1f} s; {made} synthetic partnerships created "
        f"in {synthetic_seconds:.1f} s)"
    )
    print("| request | queries | median ms |")
    print("| --- | ---: | ---: |")
    for label, n, ms in rows:
        print(f"| {label} | {n} | {ms} |")


if __name__ == "__main__":
    main()
