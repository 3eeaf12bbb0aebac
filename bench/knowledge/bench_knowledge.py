"""Benchmark of the knowledge library (PostgreSQL).

1. 10,000 published resources with German/Ukrainian text: ranked full-text search with
   snippets (first page of 20), median warm latency per query; baseline: a plain
   ``icontains`` search over the same columns (what the SQLite fallback does).
2. The list page's query count with 20 and with 10,000 resources.
3. Rendering a guide of ~30 pages through ``portal.pdf.render_pdf`` (as the Celery task
   does: in-process, local-only URL fetcher); baseline: plain WeasyPrint, same HTML.

Run (creates and reuses the database ``portal_knowledge_bench``):

    PGHOST=127.0.0.1 PGUSER=portal .venv/bin/python bench/knowledge/bench_knowledge.py
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import PGHOST, PGUSER, ensure_database

DB = os.environ.get("BENCH_DB_NAME", "portal_knowledge_bench")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DATABASE_URL", f"postgres://{PGUSER}@{PGHOST}:5432/{DB}")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("PORTAL_VAR_DIR", "/tmp/knowledge-bench-var")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

N_RESOURCES = int(os.environ.get("BENCH_RESOURCES", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))

WORDS = [
    "Partnerschaft",
    "Städtepartnerschaft",
    "Solidaritätspartnerschaft",
    "Schulpartnerschaft",
    "Wiederaufbau",
    "Wiederaufbaus",
    "Verwaltung",
    "Feuerwehr",
    "Feuerwehren",
    "Hilfslieferung",
    "Hilfslieferungen",
    "Generatoren",
    "Kommune",
    "Kommunen",
    "Partnerkommune",
    "Jugend",
    "Begegnung",
    "Austausch",
    "Integration",
    "Migration",
    "Bürgermeister",
    "Ratsbeschluss",
    "Förderung",
    "Projekt",
    "Projekte",
    "Energie",
    "Wasserversorgung",
    "Krankenhaus",
    "Schule",
    "Kinder",
    "Ferienfreizeit",
    "Kultur",
    "Delegation",
    "Besuch",
    "Vertrag",
    "Unterzeichnung",
    "Netzwerk",
    "Verein",
    "Ehrenamt",
    "Logistik",
    "Europa",
    "Digitalisierung",
    "Nachhaltigkeit",
    "Infrastruktur",
    "Brücke",
    "Heizung",
    "Solaranlage",
]
PLACES = ["Kyjiw", "Kiew", "Lwiw", "Malyn", "Dnipro", "Charkiw", "Odesa", "Peremyshlyany"]
UK_WORDS = [
    "партнерство",
    "громада",
    "відбудова",
    "допомога",
    "школа",
    "молодь",
    "обмін",
    "Київ",
    "Львів",
]
QUERIES = ["Partnerschaft", "Wiederaufbau", "Kiew", "Feuerwehr Malyn", "відбудова"]


SYLLABLES = [
    "ka",
    "ro",
    "ten",
    "ber",
    "lin",
    "ge",
    "mein",
    "de",
    "stadt",
    "rat",
    "haus",
    "wal",
    "feld",
    "burg",
    "dorf",
    "see",
    "hof",
    "mar",
    "kt",
]
CORPUS = os.environ.get("BENCH_CORPUS", "realistic")


def filler_vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


FILLER = filler_vocabulary(random.Random(7))


def text(rng: random.Random, n: int) -> str:
    """``saturated``: every word from the topic list (every query hits most documents).
    ``realistic``: a few topics per document among Zipf-distributed other words."""
    if CORPUS == "saturated":
        words = [rng.choice(WORDS) for _ in range(n)]
    else:
        topics = rng.sample(WORDS, 3)
        words = [
            rng.choice(topics)
            if rng.random() < 0.05
            else FILLER[int(rng.paretovariate(1.1)) % 5000]
            for _ in range(n)
        ]
    if rng.random() < 0.2 or CORPUS == "saturated":
        words.insert(rng.randrange(len(words)), rng.choice(PLACES))
    return " ".join(words) + "."


def setup_data() -> None:
    from django.core.management import call_command

    from knowledge import services
    from knowledge.models import Resource

    call_command("migrate", verbosity=0)
    have = Resource.objects.count()
    if have >= N_RESOURCES:
        return
    rng = random.Random(42)
    batch = []
    for n in range(have, N_RESOURCES):
        ukrainian = n % 10 == 0
        batch.append(
            Resource(
                kind=rng.choice(Resource.Kind.values),
                slug=f"bench-{n}",
                title_de=text(rng, 6),
                summary_de=text(rng, 30),
                body_de=text(rng, 250),
                title_uk=" ".join(rng.choice(UK_WORDS) for _ in range(5)) if ukrainian else None,
                summary_uk=" ".join(rng.choice(UK_WORDS) for _ in range(30)) if ukrainian else None,
                state=Resource.State.PUBLISHED,
            )
        )
    Resource.objects.bulk_create(batch, batch_size=1000)
    started = time.perf_counter()
    for resource in Resource.objects.filter(slug__startswith="bench-").iterator(chunk_size=500):
        services.resource_index(resource=resource)
    print(f"indexed {N_RESOURCES - have} resources in {time.perf_counter() - started:.1f} s")
    with __import__("django.db", fromlist=["connection"]).connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE knowledge_resource")
        cursor.execute("VACUUM ANALYZE knowledge_searchword")


def timed(fn, runs: int) -> tuple[float, float]:
    fn()  # warm up
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.9) - 1]


def bench_search() -> list[str]:
    from django.db.models import Q

    from knowledge.models import Resource
    from knowledge.search import parse_query, render_snippet
    from knowledge.selectors import resource_list

    lines = [
        "| query | ranked FTS + snippets, page of 20: median / p90 (ms) | hits | "
        "baseline icontains, page of 20: median (ms) |",
        "|---|---|---|---|",
    ]
    for query in QUERIES:
        parsed = parse_query(query)

        def fts(parsed=parsed):
            page = list(resource_list(parsed=parsed)[:20])
            for r in page:
                render_snippet(r.snippet_raw)
            return page

        def baseline(parsed=parsed):
            qs = Resource.objects.published()
            for term in parsed.terms:
                condition = Q()
                for column in ("title_de", "summary_de", "body_de", "title_uk", "summary_uk"):
                    condition |= Q(**{f"{column}__icontains": term})
                qs = qs.filter(condition)
            return list(qs.order_by("-published_at")[:20])

        median, p90 = timed(fts, RUNS)
        hits = resource_list(parsed=parsed, snippets=False).count()
        base_median, _ = timed(baseline, RUNS)
        lines.append(f"| `{query}` | {median:.1f} / {p90:.1f} | {hits} | {base_median:.1f} |")
    return lines


def bench_list_queries() -> list[str]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    lines = []
    for url in ["/de/wissen/", "/de/wissen/?q=Partnerschaft&page=3", "/de/foerderung/"]:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        lines.append(f"| `{url}` | {len(ctx.captured_queries)} |")
    return lines


def bench_guide() -> list[str]:
    from weasyprint import HTML

    from knowledge import guides
    from knowledge.models import Guide, GuideSection, Resource
    from portal.pdf import render_pdf

    chapters = int(os.environ.get("BENCH_GUIDE_CHAPTERS", "13"))
    guide, _ = Guide.objects.get_or_create(
        slug=f"bench-guide-{chapters}",
        defaults={"title": "Benchmark-Leitfaden", "introduction": "Intro."},
    )
    if not guide.sections.exists():
        for position, resource in enumerate(Resource.objects.order_by("pk")[:chapters], start=1):
            GuideSection.objects.create(guide=guide, position=position, resource=resource)
    html = guides.guide_build_html(guide=guide)
    pdf = render_pdf(html=html)
    pages = guides._count_pages(pdf)
    runs = max(5, RUNS // 5)
    median, p90 = timed(lambda: render_pdf(html=html), runs)
    base, _ = timed(
        lambda: HTML(string=html, base_url="https://portal.internal/").write_pdf(), runs
    )
    return [
        f"| guide with {guide.sections.count()} chapters, {pages} pages | "
        f"{median:.0f} / {p90:.0f} | {base:.0f} |"
    ]


def main() -> None:
    ensure_database(DB)
    import django

    django.setup()
    setup_data()
    if os.environ.get("BENCH_ONLY") == "guide":
        print("| guide | render_pdf: median / p90 (ms) | baseline: median (ms) |\n|---|---|---|")
        print("\n".join(bench_guide()))
        return
    only = os.environ.get("BENCH_ONLY", "")
    print("## Search (10,000 resources)")
    print("\n".join(bench_search()))
    print("\n## List query counts")
    print("| page | queries |\n|---|---|")
    print("\n".join(bench_list_queries()))
    if only == "search":
        return
    print("\n## Guide PDF")
    print(
        "| guide | render_pdf: median / p90 (ms) | "
        "baseline plain WeasyPrint: median (ms) |\n|---|---|---|"
    )
    print("\n".join(bench_guide()))


if __name__ == "__main__":
    main()
