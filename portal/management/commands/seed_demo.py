"""Load the demo data of every app (idempotent: running it twice changes nothing)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.plugins import optional_hook

# Each app that has demo data provides ``<app>.demo.load_demo(*, stdout, **options)``.
DEMO_LOADERS = [
    "portal.demo.load_demo",
    "partnerships.demo.load_demo",
    "partnerships.matchmaking.demo.load_demo",
    "events.demo.load_demo",
    "newsletter.demo.load_demo",
    "knowledge.demo.load_demo",
]


class Command(BaseCommand):
    help = "Loads the demo data from the seed (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            help="Also generate N synthetic partnerships (clearly marked) for load tests.",
        )

    def handle(self, *args, **options):
        for path in DEMO_LOADERS:
            loader = optional_hook(path)
            if loader is None:
                continue  # that app has no demo data yet
            with transaction.atomic():
                loader(stdout=self.stdout, synthetic=options["synthetic"])
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
