"""Registration throughput through the real view: gunicorn + PostgreSQL + Redis + a real
Celery worker, N concurrent clients for a limited number of places.

    .venv/bin/python bench/events/registration.py --clients 200 --places 50 --runs 5

Servers as docker-compose runs them: gunicorn 2 processes x 8 threads, a Celery worker with
4 processes. First one uncounted burst warms every process and connection. Each run: the
baselines (the same number of clients GETting an event page, then /healthz/, at the same
moment), then a fresh event with ``--places`` places; every client first GETs the event
page (CSRF cookie + token), then all POST the registration form at the same moment, over a
lean raw-socket client (the load generator shares the 2 cores). Checks afterwards:
exactly ``--places`` confirmed, the rest waitlisted with positions 1..n, no server errors,
and every confirmation/waitlist email sent by the Celery worker. CPU per registration by
process group comes from /proc (``bench/cpu.py``).
Uses its own database (``portal_events_bench``) and Redis db 12.
"""

import argparse
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
from common import PGHOST, PGUSER, ROOT, ensure_database, gunicorn_command
from cpu import cpu_seconds

PY = str(ROOT / ".venv" / "bin" / "python")
DB_NAME = os.environ.get("BENCH_DB", "portal_events_bench")
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://{PGUSER}@{PGHOST}:5432/{DB_NAME}",
    "REDIS_URL": "redis://127.0.0.1:6379/12",
    "CACHE_KEY_PREFIX": "bench-events",
    "CELERY_TASK_ALWAYS_EAGER": "false",
    "EMAIL_URL": "memorymail://",
    "DEBUG": "false",
    "SECRET_KEY": "bench-" + "x" * 60,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "STATIC_ROOT": "/tmp/portal-events-bench-static",
    "PORTAL_VAR_DIR": "/tmp/portal-events-bench-var",
    "EVENTS_REGISTRATION_RATE_LIMIT": "1000000",
    "LOG_LEVEL": "WARNING",
    "DB_CONN_MAX_AGE": "60",
}

SETUP_EVENT = """
from datetime import timedelta
from django.utils import timezone
from events.models import Event, Registration
Event.objects.filter(title="Benchmark").delete()
start = timezone.now() + timedelta(days=7)
event = Event.objects.create(title="Benchmark", title_de="Benchmark", start=start,
    end=start + timedelta(hours=2), capacity={places}, status="published",
    join_url="https://meet.example.org/bench")
print("EVENT", event.pk)
"""

CHECK_EVENT = """
SELECT count(*),
       count(*) FILTER (WHERE r.status = 'confirmed'),
       coalesce(array_agg(r.waitlist_position ORDER BY r.waitlist_position)
                FILTER (WHERE r.status = 'waitlisted'), '{}'),
       (SELECT count(*) FROM portal_outboundemail o JOIN events_registration r2
          ON r2.id = (o.context ->> 'registration_id')::bigint
         WHERE o.template LIKE 'events/emails/%%' AND r2.event_id = %(pk)s
           AND o.sent_at IS NOT NULL)
  FROM events_registration r WHERE r.event_id = %(pk)s
"""


def latest_event_id() -> int:
    with psycopg.connect(ENV["DATABASE_URL"], autocommit=True) as conn:
        return conn.execute("SELECT max(id) FROM events_event").fetchone()[0]


def check(pk: int) -> dict:
    """The event's registrations and sent emails, read directly (no Django process)."""
    with psycopg.connect(ENV["DATABASE_URL"], autocommit=True) as conn:
        total, confirmed, positions, sent = conn.execute(CHECK_EVENT, {"pk": pk}).fetchone()
    return {
        "registrations": total,
        "confirmed": confirmed,
        "waitlisted": len(positions),
        "positions_contiguous": positions == list(range(1, len(positions) + 1)),
        "emails_sent": sent,
    }


def manage(*args, code=None):
    cmd = [PY, "manage.py", *args] + (["-c", code] if code else [])
    out = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True, check=True)
    return out.stdout


def migrated_database():
    ensure_database(DB_NAME)
    manage("migrate", "--no-input", "-v0")
    manage("collectstatic", "--no-input", "-v0")


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def raw_request(port: int, data: bytes) -> int:
    """Send a prepared HTTP/1.1 request ("Connection: close"), read to the end: the status.

    The load generator shares the 2 cores with the server, so the timed bursts use this
    lean client (bytes built beforehand) rather than http.client.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return int(b"".join(chunks).split(b" ", 2)[1])


def http_bytes(method: str, path: str, body: bytes = b"", headers: dict | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def prepare_client(port, path):
    response, data = request(port, "GET", path)
    if response.status != 200:
        raise RuntimeError(f"GET {path}: {response.status} {data[:300]!r}")
    cookie = response.getheader("Set-Cookie", "")
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data).group(1).decode()
    return csrf_cookie, token


# How the Celery worker is started. "idle" is Linux's SCHED_IDLE: the worker (and the mail
# it renders) only gets CPU that the web server leaves unused.
WORKER_PRIORITY = {"normal": [], "nice": ["nice", "-n", "19"], "idle": ["chrt", "--idle", "0"]}

CPU_GROUPS = {"gunicorn": "gunicorn", "celery": "celery", "postgres": "postgres: "}


def cpu_snapshot() -> dict:
    snap = {name: cpu_seconds(match) for name, match in CPU_GROUPS.items()}
    snap["client"] = time.process_time()
    return snap


def burst(n, action):
    """Run ``action(i)`` in n threads released together: (wall seconds, latencies, results)."""
    barrier = threading.Barrier(n + 1)
    latencies = [0.0] * n
    results = [None] * n
    starts, ends = [0.0] * n, [0.0] * n

    def worker(i):
        barrier.wait()
        starts[i] = time.perf_counter()
        try:
            results[i] = action(i)
        except Exception as exc:  # noqa: BLE001 - counted as an error in the results
            results[i] = repr(exc)
        ends[i] = time.perf_counter()
        latencies[i] = ends[i] - starts[i]

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    barrier.wait()
    for t in threads:
        t.join()
    return max(ends) - min(starts), latencies, results


def p95(values):
    return statistics.quantiles(values, n=20)[18]


def registration_burst(port: int, run: str, clients: int, places: int) -> dict:
    """A fresh event; every client prepared with its CSRF cookie; all POST at once."""
    pk = int(
        re.search(r"EVENT (\d+)", manage("shell", code=SETUP_EVENT.format(places=places))).group(1)
    )
    path = f"/de/veranstaltungen/{pk}/"
    requests = []
    for i in range(clients):
        cookie, token = prepare_client(port, path)
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": f"Bench {i}",
                "email": f"bench-{run}-{i}@example.org",
                "organisation": "Stadt Beispiel",
                "organisation_kind": "municipality",
                "accessibility_needs": "",
                "question": "",
                "language": "de",
                "consent": "on",
                "website": "",
            }
        ).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        }
        requests.append(http_bytes("POST", path, body, headers))
    cpu_before = cpu_snapshot()
    wall, lat, res = burst(clients, lambda i: raw_request(port, requests[i]))
    cpu_after = cpu_snapshot()
    return {
        "event": pk,
        "path": path,
        "wall": wall,
        "latencies": lat,
        "statuses": res,
        "cpu_ms": {
            k: round((cpu_after[k] - cpu_before[k]) * 1000 / clients, 2) for k in cpu_before
        },
    }


def one_run(port, run, clients, places):
    # Baselines first, in the same conditions: an event page and a trivial view.
    page = http_bytes("GET", f"/de/veranstaltungen/{latest_event_id()}/")
    base_wall, base_lat, base_res = burst(clients, lambda i: raw_request(port, page))
    health = http_bytes("GET", "/healthz/")
    health_wall, health_lat, _ = burst(clients, lambda i: raw_request(port, health))
    registration = registration_burst(port, run, clients, places)
    pk, lat, res = registration["event"], registration["latencies"], registration["statuses"]
    drain_start = time.perf_counter()
    while True:
        checked = check(pk)
        if checked["emails_sent"] >= clients or time.perf_counter() - drain_start > 120:
            break
        time.sleep(0.2)
    return {
        "event": pk,
        "throughput_per_s": clients / registration["wall"],
        "p50_ms": statistics.median(lat) * 1000,
        "p95_ms": p95(lat) * 1000,
        "statuses": {s: res.count(s) for s in set(res)},
        **checked,
        "email_drain_s": time.perf_counter() - drain_start,
        "cpu_ms_per_registration": registration["cpu_ms"],
        "baseline_get_throughput_per_s": clients / base_wall,
        "baseline_get_p95_ms": p95(base_lat) * 1000,
        "baseline_statuses": {s: base_res.count(s) for s in set(base_res)},
        "baseline_healthz_throughput_per_s": clients / health_wall,
        "baseline_healthz_p95_ms": p95(health_lat) * 1000,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--places", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8, help="1: sync workers")
    parser.add_argument(
        "--worker-priority",
        choices=sorted(WORKER_PRIORITY),
        default="normal",
        help="CPU priority of the Celery worker (see WORKER_PRIORITY)",
    )
    parser.add_argument("--warmup", type=int, default=1, help="uncounted bursts first")
    parser.add_argument("--concurrency", type=int, default=4, help="Celery worker processes")
    args = parser.parse_args()

    with socket.socket() as probe:  # never measure somebody else's server
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            raise SystemExit(f"port {args.port} is in use; pass --port")
    migrated_database()
    server = subprocess.Popen(
        gunicorn_command(
            args.port,
            workers=args.workers,
            threads=args.threads,
            worker_class="gthread" if args.threads > 1 else "sync",
        ),
        cwd=ROOT,
        env=ENV,
        start_new_session=True,
    )
    worker = subprocess.Popen(
        [
            *WORKER_PRIORITY[args.worker_priority],
            str(ROOT / ".venv/bin/celery"),
            "-A",
            "portal",
            "worker",
            "-c",
            str(args.concurrency),
            "--loglevel",
            "WARNING",
            "-n",
            "bench-events@%h",
        ],
        cwd=ROOT,
        env=ENV,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                request(args.port, "GET", "/healthz/")
                break
            except OSError:
                time.sleep(0.2)
        for run in range(args.warmup):  # every server process and connection warmed up
            registration_burst(args.port, f"warmup-{int(time.time())}-{run}", args.clients, 10)
        results = []
        for run in range(args.runs):
            result = one_run(args.port, f"{int(time.time())}-{run}", args.clients, args.places)
            print(json.dumps(result), flush=True)
            results.append(result)
        keys = [
            "throughput_per_s",
            "p50_ms",
            "p95_ms",
            "email_drain_s",
            "baseline_get_throughput_per_s",
            "baseline_get_p95_ms",
            "baseline_healthz_throughput_per_s",
            "baseline_healthz_p95_ms",
        ]
        summary = {k: round(statistics.median(r[k] for r in results), 1) for k in keys}
        summary["all_runs_exact"] = all(
            r["confirmed"] == args.places
            and r["registrations"] == args.clients
            and r["positions_contiguous"]
            and r["statuses"] == {302: args.clients}
            and r["emails_sent"] == args.clients
            for r in results
        )
        print("SUMMARY", json.dumps(summary))
    finally:
        for proc in (server, worker):
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in (server, worker):
            proc.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
