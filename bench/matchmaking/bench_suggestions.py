"""Partner search: quality (leave-one-out) and speed of the suggestions.

Run (PostgreSQL + Redis; a database of its own that the script creates and fills):

    .venv/bin/python bench/matchmaking/bench_suggestions.py quality
    .venv/bin/python bench/matchmaking/bench_suggestions.py speed [--repeat 30]
    .venv/bin/python bench/matchmaking/bench_suggestions.py scale [--repeat 15]

``quality``: every real NRW–Ukraine partnership between a municipality and a hromada — the
register's (seed) and the twin-town pairs that the Wikipedia lists name — is hidden in turn
from every source (register and Wikipedia lists, with its brokers and themes); the engine
ranks all hromadas for the NRW side, and the true partner's rank is recorded. Baselines on the
same candidates: random order (expected values and a seeded simulation) and population
similarity alone (|log(population ratio)|, ties by name like the engine).

``speed``: one profile's suggestions over the full register (reference actors + seed), warm,
as a request does it (read the register, rank, explain the top 20): median and p95, queries.

``scale``: the same after adding synthetic data up to 20,000 actors and 5,000 partnerships
(``seed_demo --synthetic 5000`` plus synthetic associations), for a municipality's profile
(1,470 hromadas as candidates) and an association's (about 9,000 associations as candidates).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import django_environment, setup_django

# ``scale`` adds synthetic data: it gets a database of its own.
_SUFFIX = "_scale" if "scale" in sys.argv[1:] else ""
django_environment(f"portal_matchmaking_bench{_SUFFIX}", cache_prefix="bench-matchmaking")

SEED = 20230620


def setup() -> None:
    setup_django()
    from io import StringIO

    from partnerships.demo import load_partnerships
    from partnerships.matchmaking.reference import matchmaking_reference_load
    from partnerships.reference import reference_actors_load

    reference_actors_load()
    load_partnerships(stdout=StringIO())
    matchmaking_reference_load()


# --- quality -------------------------------------------------------------------------------


def real_pairs(index) -> list[tuple[int, int, str]]:
    """(NRW municipality, hromada, source) of every real pair the data know."""
    from partnerships.matchmaking.engine.rows import RegisterRows  # noqa: F401

    pairs = {}
    for a, others in index.ties.items():
        actor = index.actors[a]
        if actor.country != "DE" or actor.kind != "municipality":
            continue
        for b in others:
            if index.actors[b].kind == "hromada" and index.actors[b].country == "UA":
                pairs[(a, b)] = "register"
    return sorted(pairs.items())


def wikipedia_pairs(rows, index) -> dict[tuple[int, int], str]:
    found = {}
    for code, _name, country, partner_code in rows.twinnings:
        if country != "UA" or not partner_code:
            continue
        a, b = index.by_code.get(code), index.by_code.get(partner_code)
        if a is None or b is None:
            continue
        if index.actors[a].country == "DE" and index.actors[b].kind == "hromada":
            found[(a, b)] = "wikipedia"
    return found


def population_rank(index, candidates: list[int], seeker: int, target: int) -> int:
    import math

    own = index.actors[seeker].population

    def distance(pk):
        other = index.actors[pk].population
        if not own or not other:
            return math.inf
        return abs(math.log(own / other))

    order = sorted(candidates, key=lambda pk: (distance(pk), index.actors[pk].name.casefold(), pk))
    return order.index(target) + 1


def summarise(ranks: list[int], n: int) -> dict:
    return {
        "median": statistics.median(ranks),
        "mean": round(statistics.fmean(ranks), 1),
        "top10": sum(r <= 10 for r in ranks),
        "top50": sum(r <= 50 for r in ranks),
        "cases": len(ranks),
        "candidates": n,
    }


def quality(args) -> None:
    from partnerships.matchmaking.engine.index import RegisterIndex
    from partnerships.matchmaking.engine.rows import register_rows_load
    from partnerships.matchmaking.models import SuggestionWeights

    rows = register_rows_load(staff=True)
    # the register alone: search profiles (the speed runs leave some) play no part
    rows.profiles, rows.profile_links = [], {}
    full = RegisterIndex(rows)
    cases = dict(real_pairs(full))
    for pair, source in wikipedia_pairs(rows, full).items():
        cases[pair] = "register+wikipedia" if pair in cases else source
    weights = SuggestionWeights.current().as_dict()
    for item in filter(None, (args.weights or "").split(",")):
        name, value = item.split("=")
        weights[name] = float(value)
    variants = {"engine (default weights)": weights}
    if args.ablation:
        for name in weights:
            if weights[name]:
                variants[f"engine without {name}"] = weights | {name: 0.0}
    print(f"weights: {weights}")
    for direction in ("nrw", "ua"):
        evaluate(rows, cases, variants, direction=direction)


def evaluate(rows, cases, variants, *, direction: str) -> None:
    from partnerships.matchmaking.engine.index import RegisterIndex
    from partnerships.matchmaking.engine.score import rank, seeker_for

    results = {name: [] for name in variants}
    population, random_ranks, lines = [], [], []
    rng = random.Random(SEED)
    n_candidates = 0
    weights = next(iter(variants.values()))
    for (de, ua), source in sorted(cases.items(), key=lambda kv: kv[0]):
        index = RegisterIndex(rows, hidden_pairs=[(de, ua)])
        seeker_id, target = (de, ua) if direction == "nrw" else (ua, de)
        seeker = seeker_for(index, actor_id=seeker_id)
        row = []
        for name, w in variants.items():
            ranked = rank(index, seeker, weights=w)
            position = next(i for i, r in enumerate(ranked, start=1) if r.actor_id == target)
            results[name].append(position)
            row.append(position)
            n_candidates = len(ranked)
        candidates = [r.actor_id for r in rank(index, seeker, weights=weights)]
        population.append(population_rank(index, candidates, seeker_id, target))
        simulated = [rng.randint(1, len(candidates)) for _ in range(1000)]
        random_ranks.append(statistics.median(simulated))
        lines.append(
            f"| {index.actors[de].name} – {index.actors[ua].name} | {source} | {row[0]} | "
            f"{population[-1]} |"
        )
    side = (
        "NRW side asks (rank among hromadas)"
        if direction == "nrw"
        else ("Ukrainian side asks (rank among NRW municipalities)")
    )
    print(f"\n### {side}\n")
    print("| pair | source | engine rank | population-only rank |")
    print("|---|---|---:|---:|")
    print("\n".join(lines))
    print()
    n = n_candidates
    expected_random = {
        "median": (n + 1) / 2,
        "top10": round(10 / n * len(population), 3),
        "top50": round(50 / n * len(population), 3),
    }
    print(f"candidates per case: {n}; cases: {len(population)}")
    print(f"random (expected): {expected_random}")
    print(f"random (simulated, seed {SEED}): median of medians {statistics.median(random_ranks)}")
    print(f"population only: {summarise(population, n)}")
    for name, ranks in results.items():
        print(f"{name}: {summarise(ranks, n)}")


# --- speed ---------------------------------------------------------------------------------


def timed(fn, repeat: int) -> tuple[list[float], list[float], int]:
    """Wall and CPU milliseconds of ``fn`` (this process's CPU: the database server's work
    is in the wall time only), warm, and its query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()  # warm: connection, code paths, PostgreSQL caches
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return wall, cpu, len(ctx.captured_queries)


def report(label: str, wall: list[float], cpu: list[float], queries: int) -> None:
    wall = sorted(wall)
    p95 = wall[min(len(wall) - 1, int(len(wall) * 0.95))]
    load = os.getloadavg()[0]
    print(
        f"{label}: wall median {statistics.median(wall):.1f} ms (p95 {p95:.1f}, min "
        f"{wall[0]:.1f}), CPU median {statistics.median(cpu):.1f} ms, {queries} queries, "
        f"n={len(wall)}, load average {load:.1f} on {os.cpu_count()} cores"
    )


def profile_for(actor, **fields):
    from partnerships.matchmaking.models import SearchProfile
    from portal.models import Theme

    profile, _created = SearchProfile.objects.get_or_create(
        actor=actor,
        contact_email="bench@example.org",
        defaults={"contact_name": "Bench", **fields},
    )
    profile.themes.set(Theme.objects.filter(slug__in=["jugend", "bildung", "humanitaere-hilfe"]))
    return profile


def speed(args) -> None:
    from django.db import connection

    from partnerships.matchmaking.selectors import profile_suggestions
    from partnerships.models import Actor, Partnership

    billerbeck = Actor.objects.get(official_code="05558008")
    profile = profile_for(billerbeck)
    print(f"register: {Actor.objects.count()} actors, {Partnership.objects.count()} partnerships")
    report(
        "profile suggestions (Billerbeck, 1,470 hromadas)",
        *timed(lambda: profile_suggestions(profile=profile, staff=True, limit=20), args.repeat),
    )
    connection.close()


def scale(args) -> None:
    from partnerships.demo import synthetic_partnerships_create
    from partnerships.matchmaking.selectors import profile_suggestions
    from partnerships.models import Actor, Partnership, PartnershipMember

    synthetic_partnerships_create(count=args.partnerships)
    missing = args.actors - Actor.objects.count()
    if missing > 0:
        rng = random.Random(SEED)
        start = Actor.objects.filter(slug__startswith="synthetisch-extra-").count()
        Actor.objects.bulk_create(
            [
                Actor(
                    kind="association",
                    name=f"[Synthetisch] Verein {start + i}",
                    slug=f"synthetisch-extra-{start + i}",
                    country=rng.choice(["DE", "UA"]),
                    population=rng.randint(50, 500),
                    is_synthetic=True,
                )
                for i in range(missing)
            ],
            batch_size=2000,
        )
    from django.db import connection

    with connection.cursor() as cursor:  # fresh planner statistics after the bulk inserts
        for table in (Actor, Partnership, PartnershipMember):
            cursor.execute(f"ANALYZE {table._meta.db_table}")
    print(f"register: {Actor.objects.count()} actors, {Partnership.objects.count()} partnerships")
    billerbeck = Actor.objects.get(official_code="05558008")
    profile = profile_for(billerbeck)
    report(
        "profile suggestions (Billerbeck, 1,470 hromadas)",
        *timed(lambda: profile_suggestions(profile=profile, staff=True, limit=20), args.repeat),
    )
    association = Actor.objects.filter(kind="association", country="DE", is_synthetic=True)
    club = association.order_by("pk").first()
    profile = profile_for(club)
    n = Actor.objects.filter(kind="association", country="UA").count()
    report(
        f"profile suggestions (an association, {n:,} associations)",
        *timed(lambda: profile_suggestions(profile=profile, staff=True, limit=20), args.repeat),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["quality", "speed", "scale"])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--ablation", action="store_true", help="also each factor left out")
    parser.add_argument("--weights", help="try other weights: size=3,need=0.5")
    parser.add_argument("--actors", type=int, default=20000)
    parser.add_argument("--partnerships", type=int, default=5000)
    args = parser.parse_args()
    setup()
    {"quality": quality, "speed": speed, "scale": scale}[args.what](args)


if __name__ == "__main__":
    main()
