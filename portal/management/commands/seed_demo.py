"""Load the demo data of every app (idempotent: running it twice changes nothing)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from events import demo as events_demo
from knowledge import demo as knowledge_demo
from newsletter import demo as newsletter_demo
from partnerships import demo as partnerships_demo
from partnerships.exchange import demo as exchange_demo
from partnerships.matchmaking import demo as matchmaking_demo
from partnerships.statistics import demo as statistics_demo
from partnerships.surveys import demo as surveys_demo
from portal import demo as portal_demo

# Each app's ``load_demo(*, stdout, **options)``, in dependency order.
DEMO_LOADERS = [
    portal_demo.load_demo,
    partnerships_demo.load_demo,
    matchmaking_demo.load_demo,
    exchange_demo.load_demo,
    surveys_demo.load_demo,
    events_demo.load_demo,
    newsletter_demo.load_demo,
    knowledge_demo.load_demo,
    statistics_demo.load_demo,  # last: reads what the others loaded
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
        for loader in DEMO_LOADERS:
            with transaction.atomic():
                loader(stdout=self.stdout, synthetic=options["synthetic"])
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
