"""CPU per opening of the public event page against /healthz/, in one process (Django's WSGI
handler called directly, as gunicorn calls it; no network, no queue): a ratio that a busy
machine disturbs less than a burst's.

    .venv/bin/python bench/load/page_cost.py [--requests 300] [--rounds 5]
    .venv/bin/python bench/load/page_cost.py --mix [--requests 60] [--rounds 3]

``--mix``: the same for every page kind of the load bench's mix (``run.page_mix()``: each
kind's paths in turn, warm), with the mix's weighted mean: the CPU a visitor's average
request costs this process, i.e. what two cores can serve at most per second.

Uses bench/load/run.py's database (run that once first) and a private redis-server. Each
round: the event page (cached after its first opening) and /healthz/ interleaved in blocks
of 20; CPU time of this process per request; medians of the rounds.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, environment, free_port, page_mix


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--mix", action="store_true", help="every page kind of the load mix")
    args = parser.parse_args()
    port = free_port()
    folder = tempfile.mkdtemp(prefix="bench-page-cost-")
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--dir", folder],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        time.sleep(0.5)
        os.environ.update(environment(port))
        os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        import io

        from django.core.handlers.wsgi import WSGIHandler

        from events.models import Event

        app = WSGIHandler()

        def get(url):
            path, _, query = url.partition("?")
            environ = {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": path,
                "QUERY_STRING": query,
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "80",
                "HTTP_HOST": "127.0.0.1",
                "wsgi.input": io.BytesIO(),
                "wsgi.url_scheme": "http",
                "wsgi.errors": sys.stderr,
            }
            status = []
            body = b"".join(app(environ, lambda s, h, *a: status.append(s)))
            return int(status[0].split()[0]), body

        if args.mix:
            return mix_cost(get, args)
        event = Event.objects.exclude(status="draft").order_by("-start").first()
        paths = {"event page": f"/de/veranstaltungen/{event.pk}/", "/healthz/": "/healthz/"}
        for path in paths.values():
            assert get(path)[0] == 200
        rounds = []
        for _ in range(args.rounds):
            cpu = dict.fromkeys(paths, 0.0)
            for _ in range(args.requests // 20):
                for name, path in paths.items():
                    started = time.process_time()
                    for _ in range(20):
                        get(path)
                    cpu[name] += time.process_time() - started
            rounds.append({name: cpu[name] * 1000 / args.requests for name in paths})
        for name in paths:
            print(f"{name}: {statistics.median(r[name] for r in rounds):.2f} ms CPU per request")
        ratio = statistics.median(r["event page"] / r["/healthz/"] for r in rounds)
        print(f"ratio event page / healthz: {ratio:.2f} (rounds: {len(rounds)})")
    finally:
        os.killpg(redis.pid, signal.SIGTERM)
        redis.wait()


def mix_cost(get, args):
    """CPU per request of each page kind of the load mix (warm), and the mix's weighted mean."""
    mix = page_mix()
    for _, _, paths in mix:
        for path in paths:  # warm: every path once (caches filled as in a running portal)
            assert get(path)[0] == 200, path
    rounds = []
    for _ in range(args.rounds):
        cost = {}
        for kind, _, paths in mix:
            started = time.process_time()
            for i in range(args.requests):
                get(paths[i % len(paths)])
            cost[kind] = (time.process_time() - started) * 1000 / args.requests
        rounds.append(cost)
    weights = {kind: weight for kind, weight, _ in mix}
    print("| page | ms CPU per request (median) | ÷ `/healthz/` |")
    print("|---|---:|---:|")
    medians = {kind: statistics.median(r[kind] for r in rounds) for kind in weights}
    for kind, ms in medians.items():
        print(f"| {kind} | {ms:.1f} | {ms / medians['healthz']:.1f} |")
    mean = sum(medians[k] * w for k, w in weights.items()) / sum(weights.values())
    print(
        f"weighted mean of the mix: {mean:.1f} ms CPU per request -> at most "
        f"{2000 / mean:.0f} requests/s on 2 cores for the application alone"
    )


if __name__ == "__main__":
    sys.exit(main())
