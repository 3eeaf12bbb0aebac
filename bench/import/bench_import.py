"""Import of a list of partnerships: the dry run of 1,000 rows with its field-by-field diff.

Run (PostgreSQL; a database of its own that the script creates and fills):

    .venv/bin/python bench/import/bench_import.py [--rows 1000] [--repeat 5]

The register holds 5,000 partnerships between 2,000 synthetic German and 1,000 synthetic
Ukrainian actors (plus 100 Polish ones). The file has ``--rows`` rows as a real list has
them: free-text kinds, dates as "21.02.2023", "03/2023" or "2023", places by *name* (not by
code), a country column; half of the rows are partnerships already in the register with a
differing date, status or precision (so the diff has work to do), a tenth name a Polish town
the register lacks (a proposed actor), the rest are new. Measured: the dry run (read the
register, resolve every name, compare, build the diff), median over ``--repeat`` runs, its
query count, and as a baseline in the same run the time to read the file's rows alone.
The gazetteer look-up of proposed actors is stubbed (its first build takes ~10 s once per
machine and is cached; it is not the import's cost).
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import django_environment, setup_django

django_environment("portal_import_bench", cache_prefix="bench-import")

SEED = 20261201
KINDS = ["Städtepartnerschaft", "Solidaritätspartnerschaft", "Projektpartnerschaft", "Freundschaft"]


def fill() -> tuple[list, list, list]:
    from datetime import date

    from partnerships.models import Actor, Partnership, PartnershipMember

    if Actor.objects.filter(slug="bench-de-0").exists():
        return (
            list(Actor.objects.filter(slug__startswith="bench-de-").order_by("pk")),
            list(Actor.objects.filter(slug__startswith="bench-ua-").order_by("pk")),
            list(Partnership.objects.filter(slug__startswith="bench-p-").order_by("pk")),
        )
    de = Actor.objects.bulk_create(
        Actor(kind="municipality", name=f"Benchstadt {i}", slug=f"bench-de-{i}", country="DE")
        for i in range(2000)
    )
    ua = Actor.objects.bulk_create(
        Actor(kind="hromada", name=f"Benchhromada {i}", slug=f"bench-ua-{i}", country="UA")
        for i in range(1000)
    )
    Actor.objects.bulk_create(
        Actor(kind="municipality", name=f"Benchmiasto {i}", slug=f"bench-pl-{i}", country="PL")
        for i in range(100)
    )
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            slug=f"bench-p-{i}",
            title=f"Benchstadt {i % 2000} – Benchhromada {i // 5}",
            title_de=f"Benchstadt {i % 2000} – Benchhromada {i // 5}",
            kind="solidarity",
            status="signed",
            since=date(2015 + i % 9, 1 + i % 12, 1 + i % 28),
            since_precision="day",
            summary_de="Seit Jahren aktiv.",
        )
        for i in range(5000)
    )
    PartnershipMember.objects.bulk_create(
        m
        for i, p in enumerate(partnerships)
        for m in (
            PartnershipMember(partnership=p, actor=de[i % 2000], role="partner", position=0),
            PartnershipMember(partnership=p, actor=ua[i // 5], role="partner", position=1),
        )
    )
    return de, ua, partnerships


def build_file(rows: int) -> str:
    rng = random.Random(SEED)
    lines = ["Kommune NRW;Partnerstadt;Land;Art;seit;Stand;Quelle"]
    for n in range(rows):
        kind = rng.choice(KINDS)
        year = 2014 + rng.randrange(11)
        when = rng.choice([f"{year}", f"{rng.randint(1, 12):02d}/{year}", f"12.03.{year}"])
        status = rng.choice(["aktiv", "unterzeichnet", "ruhend"])
        if n % 2 == 0:  # a partnership already in the register (by the names of its members)
            i = rng.randrange(5000)
            a, b, country = f"Benchstadt {i % 2000}", f"Benchhromada {i // 5}", "Ukraine"
        elif n % 10 == 1:  # a Polish town the register lacks
            a, b, country = f"Benchstadt {rng.randrange(2000)}", f"Nowe Miasto {n}", "Polen"
        else:  # a new pair
            a, b = f"Benchstadt {rng.randrange(2000)}", f"Benchhromada {rng.randrange(1000)}"
            country = "UA"
        lines.append(f"{a};{b};{country};{kind};{when};{status};https://example.org/{n}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerships.imports import services
    from partnerships.imports.mapping import guess, read_header

    services.coordinates_for = lambda name, country: (50.0, 20.0)
    fill()
    text = build_file(args.rows)
    header, _delimiter = read_header(text)
    mapping = guess(header)

    def read_only():
        services.read_rows(text)

    def dry_run():
        return services.import_text(text=text, mapping=mapping, source="bench", dry_run=True)

    base = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        read_only()
        base.append(time.perf_counter() - started)
    samples = []
    for _ in range(args.repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            plan = dry_run()
            samples.append(time.perf_counter() - started)
    changes = sum(len(r.changes) for r in plan.rows)
    print(f"rows: {args.rows}; outcomes: {plan.counts}; diff entries: {changes}; "
          f"proposed actors: {len(plan.proposals)}; errors: {plan.errors[:1]}")  # fmt: skip
    print("| measurement | queries | median s | min s | max s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(
        f"| baseline: read the file's rows | 0 | {statistics.median(base):.3f} "
        f"| {min(base):.3f} | {max(base):.3f} |"
    )
    print(
        f"| dry run with diff ({args.rows} rows) | {len(queries)} "
        f"| {statistics.median(samples):.2f} | {min(samples):.2f} | {max(samples):.2f} |"
    )


if __name__ == "__main__":
    main()
