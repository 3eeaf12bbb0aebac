"""Benchmark: send one issue to 20,000 confirmed subscribers through real Celery workers.

Sets up its own PostgreSQL database (``portal_newsletter_bench``), uses Redis db 9 as broker,
starts an aiosmtpd sink on 127.0.0.1 (own process) and two Celery worker processes, then
times ``issue_start_sending`` until the issue is marked sent. The baseline sends the same
20,000 messages, rendered beforehand, with plain smtplib over one connection to the same sink.

    .venv/bin/python bench/newsletter/run_bench.py [--subscribers 20000] [--runs 3]
"""

import argparse
import json
import os
import signal
import smtplib
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cpu import cpu_seconds, tree_cpu_seconds  # noqa: E402
from sink import SinkProcess  # noqa: E402

DB_NAME = os.environ.get("BENCH_DB_NAME", "portal_newsletter_bench")
REDIS_DB = os.environ.get("BENCH_REDIS_DB", "9")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(smtp_port: int) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DATABASE_URL": f"postgres://portal@127.0.0.1:5432/{DB_NAME}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "CACHE_KEY_PREFIX": "bench-newsletter",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "NEWSLETTER_BATCH_SIZE": os.environ.get("NEWSLETTER_BATCH_SIZE", "100"),
            "NEWSLETTER_RATE_LIMIT": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def ensure_database() -> None:
    """Create the benchmark database unless it exists (an "already exists" error is fine)."""
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "portal", DB_NAME], check=False, capture_output=True
    )


def seed(n: int):
    from django.core.management import call_command
    from django.db import connection
    from django.utils import translation

    from newsletter.models import ConsentText, Delivery, Issue, Newsletter, Subscriber, Subscription

    call_command("migrate", verbosity=0)
    with translation.override("de"):
        newsletter, _ = Newsletter.objects.get_or_create(
            slug="bench", defaults={"name": "Bench-Newsletter", "name_de": "Bench-Newsletter"}
        )
        if Subscription.objects.filter(newsletter=newsletter, status="confirmed").count() != n:
            Delivery.objects.all().delete()
            Subscriber.objects.filter(email__startswith="bench").delete()
            consent = ConsentText.objects.current()
            languages = ["de", "uk", "en"]
            subscribers = Subscriber.objects.bulk_create(
                [
                    Subscriber(email=f"bench{i}@example.org", language=languages[i % 3])
                    for i in range(n)
                ],
                batch_size=5000,
            )
            Subscription.objects.bulk_create(
                [
                    Subscription(
                        subscriber=s,
                        newsletter=newsletter,
                        status="confirmed",
                        consent_text=consent,
                        request_source="bench",
                    )
                    for s in subscribers
                ],
                batch_size=5000,
            )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics after the bulk insert
        issue, _ = Issue.objects.get_or_create(
            newsletter=newsletter,
            subject_de="Im Blickpunkt: Ukraine – Benchmark",
            defaults={
                "subject": "Im Blickpunkt: Ukraine – Benchmark",
                "preheader_de": "Das Reallabor Kommunale Aufbaupartnerschaften NRW–Ukraine",
                "body_de": yaml.safe_load(
                    (ROOT / "newsletter" / "data" / "demo" / "newsletter.yaml").read_text("utf-8")
                )["issues"][0]["body"]["de"],
            },
        )
        if not issue.german_for_missing:
            # German text only: staff choose to send it to the uk/en subscribers too, so all
            # 20,000 get the issue (as before this choice existed, when German was the fallback).
            issue.german_for_missing = True
            issue.save(update_fields=["german_for_missing"])
    return issue


def reset_issue(issue) -> None:
    from newsletter.models import Delivery, Issue

    Delivery.objects.filter(issue=issue).delete()
    Issue.objects.filter(pk=issue.pk).update(
        status="draft", sent_at=None, sending_started_at=None, sent_count=0, failed_count=0
    )


def start_workers(env: dict, n: int = 2, concurrency: int = 1) -> list[subprocess.Popen]:
    workers = []
    for i in range(n):
        workers.append(
            subprocess.Popen(
                [
                    str(ROOT / ".venv/bin/celery"),
                    "-A",
                    "portal",
                    "worker",
                    "-n",
                    f"nlbench{i}@%h",
                    f"--concurrency={concurrency}",
                    "--pool=prefork",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-l",
                    "WARNING",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        )
    from portal.celery import app

    deadline = time.time() + 60
    while time.time() < deadline:
        replies = app.control.ping(timeout=1.0) or []
        if sum(1 for r in replies for k in r if k.startswith("nlbench")) >= n:
            return workers
    raise RuntimeError("workers did not start")


def stop_workers(workers) -> None:
    for w in workers:
        os.killpg(w.pid, signal.SIGTERM)
    for w in workers:
        try:
            w.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(w.pid, signal.SIGKILL)


def cpu_snapshot(workers, sink) -> dict:
    return {
        "workers": sum(tree_cpu_seconds(w.pid) for w in workers),
        "sink": tree_cpu_seconds(sink.pid),
        "postgres": cpu_seconds("postgres: "),
        "redis": cpu_seconds("redis-server"),
        "bench": time.process_time(),
    }


def cpu_per_message(before: dict, after: dict, n: int) -> dict:
    return {k: round((after[k] - before[k]) * 1000 / n, 3) for k in before}


def run_celery(issue, sink, n: int) -> float:
    from django.db import transaction

    from newsletter.models import Issue
    from newsletter.sending import issue_start_sending

    reset_issue(issue)
    sink.reset()
    t0 = time.perf_counter()
    with transaction.atomic():
        issue_start_sending(issue_id=issue.pk)  # dispatch is queued on commit
    while True:
        time.sleep(0.1)
        if Issue.objects.filter(pk=issue.pk, status="sent").exists():
            break
        if time.perf_counter() - t0 > 900:
            raise RuntimeError("sending did not finish in 15 minutes")
    elapsed = time.perf_counter() - t0
    issue.refresh_from_db()
    assert issue.sent_count == n, issue.sent_count
    assert sink.count == n, sink.count
    return elapsed


def render_all(issue):
    from newsletter.models import Subscriber
    from newsletter.rendering import IssueRenderer

    renderer = IssueRenderer(issue)
    rendered = []
    for subscriber in Subscriber.objects.filter(email__startswith="bench").order_by("pk"):
        message = renderer.message_for(subscriber)
        rendered.append(
            (message.from_email, [subscriber.email], message.message().as_bytes(linesep="\r\n"))
        )
    return rendered


def run_smtplib(rendered, port: int, sink) -> float:
    sink.reset()
    t0 = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for from_email, to, data in rendered:
            smtp.sendmail(from_email, to, data)
    elapsed = time.perf_counter() - t0
    assert sink.count == len(rendered), sink.count
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--concurrency", type=int, default=4, help="processes per worker (as docker-compose)"
    )
    args = parser.parse_args()

    port = free_port()
    env = bench_env(port)
    os.environ.update(env)
    ensure_database()
    import django

    django.setup()
    issue = seed(args.subscribers)
    sink = SinkProcess(port).start()
    n = args.subscribers
    rendered = render_all(issue)  # the baseline's messages, rendered before anything is timed
    subprocess.run(
        ["redis-cli", "-n", REDIS_DB, "DEL", "celery"], check=False, stdout=subprocess.DEVNULL
    )
    workers = start_workers(env, args.workers, args.concurrency)
    celery_times, smtp_times = [], []
    cpu_celery, cpu_smtp = [], []
    try:
        # Interleaved, so both see the same load on this shared machine.
        for run in range(args.runs):
            before = cpu_snapshot(workers, sink)
            elapsed = run_celery(issue, sink, n)
            cpu_celery.append(cpu_per_message(before, cpu_snapshot(workers, sink), n))
            celery_times.append(elapsed)
            print(f"celery run {run + 1}: {elapsed:.2f} s, {n / elapsed:.0f} msg/s", flush=True)
            before = cpu_snapshot(workers, sink)
            elapsed = run_smtplib(rendered, port, sink)
            cpu_smtp.append(cpu_per_message(before, cpu_snapshot(workers, sink), n))
            smtp_times.append(elapsed)
            print(f"smtplib run {run + 1}: {elapsed:.2f} s, {n / elapsed:.0f} msg/s", flush=True)
    finally:
        stop_workers(workers)
        sink.stop()
    celery_rate = n / statistics.median(celery_times)
    smtp_rate = n / statistics.median(smtp_times)
    pair_ratios = [s / c for c, s in zip(celery_times, smtp_times, strict=True)]
    result = {
        "subscribers": n,
        "runs": args.runs,
        "workers": args.workers,
        "concurrency_per_worker": args.concurrency,
        "batch_size": int(env["NEWSLETTER_BATCH_SIZE"]),
        "celery_seconds": [round(t, 2) for t in celery_times],
        "smtplib_seconds": [round(t, 2) for t in smtp_times],
        "celery_msgs_per_s_median": round(celery_rate, 1),
        "smtplib_msgs_per_s_median": round(smtp_rate, 1),
        "ratio_of_medians": round(celery_rate / smtp_rate, 3),
        "ratio_per_run": [round(r, 3) for r in pair_ratios],
        "ratio_median_of_pairs": round(statistics.median(pair_ratios), 3),
        "cpu_ms_per_message_celery": cpu_celery,
        "cpu_ms_per_message_smtplib": cpu_smtp,
        "load_average_after": os.getloadavg(),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
