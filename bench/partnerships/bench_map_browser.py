"""Benchmark of the public map (`/de/karte/`) in a real browser with 5,000 partnerships.

Run (PostgreSQL + Redis; Debian's Chromium at /usr/bin/chromium):

    .venv/bin/python bench/partnerships/bench_map_browser.py [--partnerships 5000] [--runs 7]

It prepares two PostgreSQL databases of its own (created if missing, reused when already
filled; ``BENCH_MAP_DATABASE_URL`` / ``BENCH_MAP_BASELINE_DATABASE_URL`` to change them):

- ``portal_map_bench``: reference actors, the seed's demo partnerships and N published
  synthetic partnerships (two synthetic actors each, one in NRW, one in Ukraine);
- ``portal_map_bench_small`` (the baseline): reference actors and the demo partnerships only.

It starts one gunicorn per database on a free port of 127.0.0.1 and drives headless Chromium
through Playwright (the launch arguments of ``tests/e2e/conftest.py``; requests to other hosts
are aborted, map tiles answered with an empty PNG). Runs alternate between the large register
and the baseline, each in a fresh browser context (no HTTP cache; the server's GeoJSON cache is
warmed by one unmeasured run). Per run it measures:

- ``ready``: time from navigation start to the map being drawn — every actor of the GeoJSON
  clustered (markercluster's top cluster counts them all), cluster or marker icons in the DOM,
  the status line filled, then one animation frame;
- long tasks (PerformanceObserver ``longtask``) until ``ready``: total and longest;
- at the initial view: marker and cluster icons in the DOM, line layers on the map (canvas or
  SVG) and SVG paths in the DOM;
- a zoom-in step towards the Ruhr, a pan of 300 px, then a jump to the Ruhr at zoom 9 (where
  NRW's clusters break up): time until the map's ``moveend``, the cluster group's
  ``animationend`` (not for the pan) and one animation frame, plus the line layers and icons
  afterwards.

Leaflet's map object is reached through an init script that hooks ``L.Map`` as soon as
Leaflet defines ``window.L`` (map.js keeps it private); nothing in the portal is changed for
the benchmark.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

# The browser set-up of the browser journeys (Debian's Chromium, its flags, the empty tile).
from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS, local_only_route  # noqa: E402
from tests.e2e.map_probe import CAPTURE_MAPS, DRAWN, MAP  # noqa: E402

BIG_DB = os.environ.get(
    "BENCH_MAP_DATABASE_URL", "postgres://portal@127.0.0.1:5432/portal_map_bench"
)
SMALL_DB = os.environ.get(
    "BENCH_MAP_BASELINE_DATABASE_URL", "postgres://portal@127.0.0.1:5432/portal_map_bench_small"
)
REDIS_URL = os.environ.get("BENCH_MAP_REDIS_URL", "redis://127.0.0.1:6379/14")

# The page's long tasks (the maps are captured by map_probe.CAPTURE_MAPS).
LONGTASKS = """
(() => {
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__longtasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (e) { window.__noLongtask = String(e); }
})();
"""

# Resolves with performance.now() once every actor is clustered and the icons are drawn.
READY_CONDITION = f"""
(expected) => {{
  const map = {MAP};
  if (!map) return false;
  const status = document.getElementById("partnership-map-status");
  if (!status || !status.textContent.trim()) return false;
  let group = null;
  map.eachLayer((l) => {{ if (l instanceof L.MarkerClusterGroup) group = l; }});
  if (!group || group._topClusterLevel.getChildCount() < expected) return false;
  if (!document.querySelector("#partnership-map .leaflet-marker-icon")) return false;
  const el = document.getElementById("partnership-map");
  return {{ t: performance.now(), failed: status.textContent.trim() === el.dataset.labelError }};
}}
"""

# One interaction; resolves with the milliseconds until it settled (events + one frame).
INTERACT = f"""
(action) => new Promise((resolve) => {{
  const map = {MAP};
  let group = null;
  map.eachLayer((l) => {{ if (l instanceof L.MarkerClusterGroup) group = l; }});
  const started = performance.now();
  let pending = action === "pan" ? 1 : 2;
  const done = () => {{
    pending -= 1;
    if (pending === 0) {{
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
    }}
  }};
  map.once("moveend", done);
  if (action === "zoom") {{
    group.once("animationend", done);
    map.setZoomAround(L.latLng(51.45, 7.2), map.getZoom() + 1);
  }} else if (action === "ruhr") {{
    group.once("animationend", done);
    map.setView(L.latLng(51.45, 7.2), 9, {{ animate: false }});
  }} else {{
    map.panBy([300, 0]);
  }}
}})
"""


def _env(database_url: str, prefix: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "EMAIL_URL": "memorymail://",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "PYTHONPATH": str(ROOT),
    }


def _psql(dbname: str, sql: str) -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "portal", "-d", dbname, "-tAc", sql],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def ensure_database(database_url: str) -> None:
    name = database_url.rsplit("/", 1)[-1]
    exists = _psql("postgres", f"SELECT 1 FROM pg_database WHERE datname='{name}'")  # noqa: S608
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "portal", name], check=True)


def prepare(*, synthetic: int) -> None:
    """Runs in a child process with DATABASE_URL set: migrate and fill (idempotent)."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from partnerships.demo import load_demo
    from partnerships.models import Actor, Partnership

    call_command("migrate", verbosity=0)
    wanted_demo = Partnership.objects.filter(is_synthetic=False).exists()
    wanted_synthetic = Partnership.objects.filter(is_synthetic=True).count() >= synthetic
    if not (wanted_demo and wanted_synthetic):
        load_demo(stdout=sys.stderr, synthetic=synthetic)
    print(
        json.dumps(
            {
                "published": Partnership.objects.published().count(),
                "synthetic": Partnership.objects.filter(is_synthetic=True).count(),
                "actors": Actor.objects.count(),
            }
        )
    )


def prepare_database(database_url: str, *, synthetic: int, prefix: str) -> dict:
    ensure_database(database_url)
    out = subprocess.run(
        [PYTHON, __file__, "--prepare", "--synthetic", str(synthetic)],
        env=_env(database_url, prefix),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(database_url: str, prefix: str):
    port = free_port()
    gunicorn = Path(PYTHON).with_name("gunicorn")
    proc = subprocess.Popen(
        [
            str(gunicorn),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        env=_env(database_url, prefix),
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "/healthz/", timeout=2)  # noqa: S310 - local
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn for {database_url} did not start")
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def geojson_actor_count(base: str) -> tuple[int, int, int]:
    """Actors (points), partnerships and gzipped size of the map data the page loads."""
    request = urllib.request.Request(  # noqa: S310 - local
        base + "/api/partnerships.geojson?lang=de", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - local
        raw = response.read()
    import gzip

    data = json.loads(gzip.decompress(raw))
    actors = sum(1 for f in data["features"] if f["properties"]["feature"] == "actor")
    return actors, len(data["features"]) - actors, len(raw)


def measure_once(browser, base: str, expected_actors: int, map_js: str | None = None) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    local_only = local_only_route(base)

    def handle(route):
        if map_js is not None and route.request.url.startswith(
            base + "/static/partnerships/map.js"
        ):
            route.fulfill(status=200, content_type="text/javascript", body=map_js)
        else:
            local_only(route)

    context.route("**/*", handle)
    context.add_init_script(CAPTURE_MAPS)
    context.add_init_script(LONGTASKS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(base + "/de/karte/", wait_until="commit")
        state = page.wait_for_function(
            READY_CONDITION, arg=expected_actors, polling="raf", timeout=120_000
        ).json_value()
        ready = state["t"]
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => r()))")
        tasks = page.evaluate("() => window.__longtasks")
        before_ready = [t for t in tasks if t["start"] < ready]
        initial = page.evaluate(DRAWN)
        zoom_ms = page.evaluate(INTERACT, "zoom")
        after_zoom = page.evaluate(DRAWN)
        pan_ms = page.evaluate(INTERACT, "pan")
        after_pan = page.evaluate(DRAWN)
        ruhr_ms = page.evaluate(INTERACT, "ruhr")
        after_ruhr = page.evaluate(DRAWN)
    finally:
        context.close()
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    return {
        "ready_ms": ready,
        "failed": state["failed"],
        "longtask_total_ms": sum(t["duration"] for t in before_ready),
        "longtask_max_ms": max((t["duration"] for t in before_ready), default=0.0),
        "initial": initial,
        "zoom_ms": zoom_ms,
        "after_zoom": after_zoom,
        "pan_ms": pan_ms,
        "after_pan": after_pan,
        "ruhr_ms": ruhr_ms,
        "after_ruhr": after_ruhr,
    }


def median(runs: list[dict], key: str, sub: str | None = None) -> float:
    values = [r[key][sub] if sub else r[key] for r in runs]
    return statistics.median(values)


def report(label: str, info: dict, runs: list[dict]) -> list[str]:
    def m(key, sub=None, fmt="{:.0f}"):
        return fmt.format(median(runs, key, sub))

    return [
        f"| {label} | {info['published']} | {info['points']} | {info['kib']:.0f} "
        f"| {m('ready_ms')} | {m('longtask_total_ms')} / {m('longtask_max_ms')} "
        f"| {m('initial', 'icons')} ({m('initial', 'clusters')} clusters) "
        f"| {m('initial', 'lines')} / {m('initial', 'svgPaths')} "
        f"| {m('zoom_ms')} ({m('after_zoom', 'lines')} lines, "
        f"{m('after_zoom', 'icons')} icons) "
        f"| {m('pan_ms')} ({m('after_pan', 'lines')} lines) "
        f"| {m('ruhr_ms')} ({m('after_ruhr', 'lines')} lines, "
        f"{m('after_ruhr', 'icons')} icons) "
        f"| {m('initial', 'domNodes')} "
        f"| {sum(1 for r in runs if r['failed'])} of {len(runs)} |"
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--synthetic", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write every run to this file")
    parser.add_argument(
        "--map-js",
        type=Path,
        help="serve this file instead of static/partnerships/map.js (to compare versions)",
    )
    args = parser.parse_args()
    if args.prepare:
        prepare(synthetic=args.synthetic)
        return

    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    big = prepare_database(BIG_DB, synthetic=args.partnerships, prefix="bench-map-big")
    small = prepare_database(SMALL_DB, synthetic=0, prefix="bench-map-small")
    print(f"data ready in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with (
        server(BIG_DB, "bench-map-big") as big_base,
        server(SMALL_DB, "bench-map-small") as small_base,
        sync_playwright() as playwright,
    ):
        for info, base in ((big, big_base), (small, small_base)):
            info["points"], info["lines"], size = geojson_actor_count(base)
            info["kib"] = size / 1024
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        results: dict[str, list[dict]] = {"big": [], "small": []}
        targets = (("big", big_base, big), ("small", small_base, small))
        map_js = args.map_js.read_text() if args.map_js else None
        for _name, base, info in targets:  # warm-up: server caches, Chromium's code cache
            measure_once(browser, base, info["points"], map_js)
        for n in range(args.runs):
            for name, base, info in targets:
                run = measure_once(browser, base, info["points"], map_js)
                results[name].append(run)
                print(
                    f"run {n + 1} {name}: ready {run['ready_ms']:.0f} ms"
                    f"{' (ERROR MESSAGE SHOWN)' if run['failed'] else ''}, "
                    f"long tasks {run['longtask_total_ms']:.0f} ms, "
                    f"icons {run['initial']['icons']}, lines {run['initial']['lines']}, "
                    f"zoom {run['zoom_ms']:.0f} ms, pan {run['pan_ms']:.0f} ms",
                    file=sys.stderr,
                )
        browser.close()
    version = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(
        f"Run of {datetime.now(UTC):%d %b %Y, %H:%M} UTC, {version}, "
        f"medians of {args.runs} runs each (alternating), 1280×900 viewport"
        + (f", map.js from {args.map_js}" if args.map_js else "")
        + ":"
    )
    print()
    print(
        "| register | published partnerships | actors on the map | GeoJSON KiB (gzip) "
        "| ready ms | long tasks until ready: total / longest ms "
        "| icons in the DOM (initial view) | line layers / SVG paths (initial view) "
        "| zoom-in step ms | pan 300 px ms | jump to the Ruhr at zoom 9 ms "
        "| DOM elements | runs ending in the error message |"
    )
    print("| --- |" + " ---: |" * 12)
    for line in report("baseline: demo partnerships", small, results["small"]):
        print(line)
    for line in report(f"{args.partnerships:,} synthetic + demo", big, results["big"]):
        print(line)
    if args.json:
        args.json.write_text(json.dumps({"big": results["big"], "small": results["small"]}))


if __name__ == "__main__":
    main()
