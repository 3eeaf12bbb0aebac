"""Create or update every NRW and Ukrainian administrative unit as an Actor (idempotent)."""

import time

from django.core.management.base import BaseCommand

from partnerships.reference import reference_actors_load


class Command(BaseCommand):
    help = (
        "Loads the reference data in partnerships/data/ (NRW municipalities, Kreise, "
        "Regierungsbezirke; Ukrainian oblasts, raions, hromadas) as actors. Safe to re-run: "
        "changes only what changed and never overwrites what editors wrote."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        result = reference_actors_load()
        self.stdout.write(
            f"Reference actors: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged ({time.monotonic() - started:.1f} s)."
        )
