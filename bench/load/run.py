"""Load held: 100 concurrent visitors for 60 s on the real stack, then the same with Redis gone.

    .venv/bin/python bench/load/run.py                  # 100 visitors, 60 s per phase
    .venv/bin/python bench/load/run.py --quick          # 30 visitors, 10 s per phase
    .venv/bin/python bench/load/run.py --duration 120 --visitors 150 --think 0
    .venv/bin/python bench/load/run.py --burst-only     # only the event-page burst

The stack as docker-compose runs it: gunicorn (2 processes x 8 threads, ``DEBUG=false``,
whitenoise, collected static), PostgreSQL database ``portal_load_bench`` (migrated and filled
with ``seed_demo`` once), a private ``redis-server`` on a free port as cache and broker (so the
bench can kill it), and one Celery worker (``-c 4``).

Phases:
1. ``redis up``: N visitors (asyncio, one keep-alive connection each, a lean HTTP/1.1
   client: the load generator shares the 2 cores) for ``--duration`` seconds. Each visitor
   picks pages from a realistic mix (home, map + GeoJSON, partnership register with filters,
   portraits, calendar, event page, library search, funding guide) in German, Ukrainian
   and English, with an exponential think time (mean ``--think`` s; 0 = as fast as the
   server answers). ``/healthz/`` is part of the mix: the baseline in the same run.
2. ``event burst``: ``--burst`` simultaneous openings of one event page, then the same
   number of ``/healthz/`` (pages/s and p95 of each), 3 times.
3. ``redis down``: the private redis-server is killed; the same mix again.

Prints a JSON summary per phase and a Markdown table for bench/RESULTS.md: per page kind
requests, errors (status >= 500 or no answer), median, p95, and the median's ratio to
``/healthz/``'s; pages/s; the machine's load average before and after.
"""

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import PGHOST, PGUSER, ROOT, gunicorn_command

PY = str(ROOT / ".venv" / "bin" / "python")
PGPORT = os.environ.get("PGPORT", "5432")
DB_NAME = "portal_load_bench"
DATABASE_URL = f"postgres://{PGUSER}@{PGHOST}:{PGPORT}/{DB_NAME}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(redis_port: int) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CACHE_KEY_PREFIX": "bench-load",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": "memorymail://",
        "DEBUG": "false",
        "SECRET_KEY": "bench-load-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": "/tmp/portal-load-bench-static",
        "PORTAL_VAR_DIR": "/tmp/portal-load-bench-var",
        "MEDIA_ROOT": "/tmp/portal-load-bench-var/media",
        "LOG_LEVEL": "ERROR",
        "DB_CONN_MAX_AGE": "60",
    }


def manage(env: dict, *args: str) -> str:
    out = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)}: {out.stderr[-3000:]}")
    return out.stdout


def prepare_database(env: dict) -> None:
    """Create, migrate and seed the bench database once (seed_demo is idempotent)."""
    with psycopg.connect(
        f"postgres://{PGUSER}@{PGHOST}:{PGPORT}/postgres", autocommit=True
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "compilemessages", "--ignore", ".venv/*", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        seeded = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [DB_NAME],
        ).fetchone()[0]
        if seeded != "seeded":
            print("seeding the bench database (once) ...", flush=True)
            manage(env, "load_reference_data")
            manage(env, "seed_demo")
            conn.execute(f"COMMENT ON DATABASE \"{DB_NAME}\" IS 'seeded'")


def page_mix() -> list[tuple[str, int, list[str]]]:
    """(kind, weight, paths) read from the bench database: what visitors open."""
    with psycopg.connect(DATABASE_URL) as conn:
        slugs = [
            r[0]
            for r in conn.execute(
                "SELECT slug FROM partnerships_partnership "
                "WHERE publication_state = 'published' ORDER BY id LIMIT 40"
            )
        ]
        events = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM events_event WHERE status <> 'draft' ORDER BY start DESC LIMIT 10"
            )
        ]
        themes = [r[0] for r in conn.execute("SELECT slug FROM portal_theme LIMIT 5")]
        guides = [r[0] for r in conn.execute("SELECT slug FROM knowledge_guide LIMIT 3")]
    langs = ["de"] * 7 + ["uk"] * 2 + ["en"]
    months = [date.today().replace(day=1)]
    for _ in range(2):
        months.append(date(months[-1].year + months[-1].month // 12, months[-1].month % 12 + 1, 1))
    registers = [
        {"q": "Dortmund"},
        {"q": "Kyjiw"},
        {"year_from": "1990", "year_to": "2020"},
        {"formal": "true"},
        *({"theme": t} for t in themes),
    ]

    def each(fmt, values):
        return [fmt.format(lang=lang, v=v) for lang in dict.fromkeys(langs) for v in values]

    return [
        ("home", 14, each("/{lang}/{v}", [""])),
        ("map", 7, each("/{lang}/karte/{v}", [""])),
        ("geojson", 7, ["/api/partnerships.geojson"]),
        ("register", 12, each("/{lang}/partnerschaften/?{v}", [urlencode(r) for r in registers])),
        ("portrait", 14, each("/{lang}/partnerschaften/{v}/", slugs)),
        ("calendar", 8, each("/{lang}/veranstaltungen/?monat={v}", [f"{m:%Y-%m}" for m in months])),
        ("event", 10, each("/{lang}/veranstaltungen/{v}/", events)),
        ("library", 8, each("/{lang}/wissen/?{v}", ["q=Partnerschaft", "q=Jugend", ""])),
        (
            "funding",
            6,
            each("/{lang}/foerderung/{v}", [""]) + each("/{lang}/wissen/leitfaden/{v}/", guides),
        ),
        ("healthz", 10, ["/healthz/"]),
    ]


# --- the client ---------------------------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection: GET, read the whole answer, keep the socket."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def get(self, path: str) -> int:
        for attempt in (0, 1):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            try:
                self.writer.write(
                    f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    "Accept-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n".encode()
                )
                return await self._read()
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt:  # a kept-alive socket the server had closed: retried once
                    raise
        raise AssertionError("unreachable")

    async def _read(self) -> int:
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionResetError("closed")
        status = int(status_line.split(b" ", 2)[1])
        length, chunked, close = None, False, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                close = True
        if chunked:
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        elif length is not None:
            await self.reader.readexactly(length)
        else:
            await self.reader.read()
            close = True
        if close:
            self.close()
        return status

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def visitor(port, mix, until, think, results, rng):
    kinds = [kind for kind, _, _ in mix]
    weights = [weight for _, weight, _ in mix]
    paths = {kind: paths for kind, _, paths in mix}
    conn = Connection(port)
    await asyncio.sleep(rng.random() * max(think, 0.2))  # visitors arrive spread out
    while time.perf_counter() < until:
        kind = rng.choices(kinds, weights)[0]
        started = time.perf_counter()
        try:
            status = await asyncio.wait_for(conn.get(rng.choice(paths[kind])), 30)
        except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError):
            status = 0
            conn.close()
        results.append((kind, status, time.perf_counter() - started, started))
        if think:
            await asyncio.sleep(rng.expovariate(1 / think))
    conn.close()


async def load_phase(port, mix, visitors, duration, think, seed) -> list:
    results = []
    until = time.perf_counter() + duration
    rng = random.Random(seed)
    await asyncio.gather(
        *(
            visitor(port, mix, until, think, results, random.Random(rng.random()))
            for _ in range(visitors)
        )
    )
    return results


def p95(values):
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def summarise(results, duration) -> dict:
    by_kind = {}
    for kind, status, latency, _ in results:
        by_kind.setdefault(kind, []).append((status, latency))
    health = sorted(lat for status, lat in by_kind.get("healthz", []) if status == 200)
    health_median = statistics.median(health) if health else float("nan")
    rows = {}
    for kind, items in sorted(by_kind.items()):
        latencies = [lat for _, lat in items]
        median = statistics.median(latencies)
        rows[kind] = {
            "requests": len(items),
            "errors": sum(1 for status, _ in items if status == 0 or status >= 500),
            "statuses": {str(s): n for s, n in sorted(_count(s for s, _ in items).items())},
            "median_ms": round(median * 1000, 1),
            "p95_ms": round(p95(latencies) * 1000, 1),
            "ratio_to_healthz": round(median / health_median, 1) if health else None,
        }
    pages = [(s, lat) for kind, items in by_kind.items() if kind != "healthz" for s, lat in items]
    page_latencies = [lat for _, lat in pages]
    return {
        "requests": len(results),
        "pages": len(pages),
        "pages_per_s": round(len(pages) / duration, 1),
        "errors": sum(r["errors"] for r in rows.values()),
        "pages_median_ms": round(statistics.median(page_latencies) * 1000, 1),
        "pages_p95_ms": round(p95(page_latencies) * 1000, 1),
        "healthz_median_ms": round(health_median * 1000, 1),
        "by_kind": rows,
    }


def _count(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


async def burst(port, path, n) -> tuple[float, list, list]:
    """n fresh connections open ``path`` at the same moment: (wall s, latencies, statuses)."""
    gate = asyncio.Event()

    async def one():
        await gate.wait()
        conn = Connection(port)
        started = time.perf_counter()
        try:
            status = await asyncio.wait_for(conn.get(path), 60)
        except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError):
            status = 0
        conn.close()
        return started, time.perf_counter(), status

    tasks = [asyncio.create_task(one()) for _ in range(n)]
    await asyncio.sleep(0.05)
    gate.set()
    done = await asyncio.gather(*tasks)
    wall = max(e for _, e, _ in done) - min(s for s, _, _ in done)
    return wall, [e - s for s, e, _ in done], [st for _, _, st in done]


async def event_burst(port, event_path, n, rounds) -> dict:
    runs = []
    for _ in range(rounds):
        page = await burst(port, event_path, n)
        health = await burst(port, "/healthz/", n)
        runs.append(
            {
                "page_per_s": round(n / page[0], 1),
                "page_p95_ms": round(p95(page[1]) * 1000, 1),
                "page_errors": sum(1 for s in page[2] if s != 200),
                "healthz_per_s": round(n / health[0], 1),
                "healthz_p95_ms": round(p95(health[1]) * 1000, 1),
            }
        )
    summary = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    summary["ratio_page_to_healthz_rate"] = round(
        summary["page_per_s"] / summary["healthz_per_s"], 3
    )
    return {"path": event_path, "clients": n, "runs": runs, "median": summary}


# --- the stack ----------------------------------------------------------------------------


def start(cmd, env, **kwargs):
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True, **kwargs)


def stop(proc, sig=signal.SIGTERM):
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def wait_http(port: int, path="/healthz/", timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            status = asyncio.run(Connection(port).get(path))
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server on {port} did not answer {path}")


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def markdown(phases: dict, args) -> str:
    lines = []
    for name, phase in phases.items():
        if name == "event burst":
            continue
        lines.append(
            f"\n**{name}** — {phase['pages_per_s']} pages/s, {phase['errors']} errors, pages "
            f"median {phase['pages_median_ms']} ms / p95 {phase['pages_p95_ms']} ms, "
            f"`/healthz/` median {phase['healthz_median_ms']} ms (load average before/after: "
            f"{phase['load_before']} / {phase['load_after']})\n"
        )
        lines.append("| page | requests | errors | median ms | p95 ms | median ÷ `/healthz/` |")
        lines.append("|---|---:|---:|---:|---:|---:|")
        for kind, row in phase["by_kind"].items():
            lines.append(
                f"| {kind} | {row['requests']} | {row['errors']} | {row['median_ms']} | "
                f"{row['p95_ms']} | {row['ratio_to_healthz']} |"
            )
    if "event burst" in phases:
        b = phases["event burst"]
        lines.append(
            f"\n**event page burst** ({b['clients']} simultaneous openings of `{b['path']}`, "
            f"{len(b['runs'])} rounds, medians): {b['median']['page_per_s']} pages/s, p95 "
            f"{b['median']['page_p95_ms']} ms, {b['median']['page_errors']} errors; "
            f"`/healthz/` {b['median']['healthz_per_s']}/s, p95 {b['median']['healthz_p95_ms']}"
            f" ms (rate ratio {b['median']['ratio_page_to_healthz_rate']})"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visitors", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60, help="seconds per load phase")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time (s); 0: none")
    parser.add_argument("--burst", type=int, default=200, help="simultaneous event openings")
    parser.add_argument("--burst-rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="30 visitors, 10 s, 1 burst round")
    parser.add_argument("--burst-only", action="store_true", help="only the event-page burst")
    parser.add_argument("--no-redis-down", action="store_true", help="skip the outage phase")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if args.quick:
        args.visitors, args.duration, args.burst_rounds = 30, 10, 1

    redis_port, web_port = free_port(), free_port()
    env = environment(redis_port)
    redis_dir = tempfile.mkdtemp(prefix="bench-load-redis-")
    redis = start(
        [
            "redis-server",
            "--port",
            str(redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            redis_dir,
        ],
        env,
        stdout=subprocess.DEVNULL,
    )
    try:
        prepare_database(env)  # seed_demo and load_reference_data use the cache
    except BaseException:
        stop(redis)
        raise
    web = start(
        gunicorn_command(web_port, workers=args.workers, threads=args.threads),
        env,
        stderr=open(Path(redis_dir) / "gunicorn.log", "w"),  # noqa: SIM115 - tracebacks
    )
    worker = start(
        [
            str(ROOT / ".venv/bin/celery"),
            "-A",
            "portal",
            "worker",
            "-c",
            "4",
            "--loglevel",
            "ERROR",
            "-n",
            f"bench-load-{web_port}@%h",
        ],
        env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    phases = {}
    try:
        wait_http(web_port)
        mix = page_mix()
        for _kind, _, paths in mix:  # warm every process, cache and connection once
            for path in paths:
                asyncio.run(Connection(web_port).get(path))
        event_path = next(paths for kind, _, paths in mix if kind == "event")[0]
        if not args.burst_only:
            before = loadavg()
            results = asyncio.run(
                load_phase(web_port, mix, args.visitors, args.duration, args.think, 1)
            )
            phases["redis up"] = {
                **summarise(results, args.duration),
                "load_before": before,
                "load_after": loadavg(),
            }
            print(json.dumps({"redis up": phases["redis up"]}), flush=True)
        before = loadavg()
        phases["event burst"] = asyncio.run(
            event_burst(web_port, event_path, args.burst, args.burst_rounds)
        )
        phases["event burst"]["load"] = f"{before} / {loadavg()}"
        print(json.dumps({"event burst": phases["event burst"]}), flush=True)
        if not args.burst_only and not args.no_redis_down:
            stop(redis, signal.SIGKILL)
            before = loadavg()
            results = asyncio.run(
                load_phase(web_port, mix, args.visitors, args.duration, args.think, 2)
            )
            phases["redis down"] = {
                **summarise(results, args.duration),
                "load_before": before,
                "load_after": loadavg(),
            }
            print(json.dumps({"redis down": phases["redis down"]}), flush=True)
    finally:
        for proc in (web, worker, redis):
            stop(proc)
        log = (Path(redis_dir) / "gunicorn.log").read_text()
        errors = [line for line in log.splitlines() if "Error" in line and "redis" in line]
        print(f"gunicorn log: {len(log.splitlines())} lines, {len(errors)} naming Redis errors")
        shutil.rmtree(redis_dir, ignore_errors=True)
    settings = (
        f"{args.visitors} visitors, {args.duration:g} s per phase, think time {args.think:g} s, "
        f"gunicorn {args.workers}x{args.threads}"
    )
    if args.json:
        Path(args.json).write_text(json.dumps({"settings": settings, **phases}, indent=2))
    print("\n" + settings + markdown(phases, args))


if __name__ == "__main__":
    sys.exit(main())
