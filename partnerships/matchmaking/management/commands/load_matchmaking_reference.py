"""Load the partner search's reference facts (settlement types, Zensus shares, the 2022
hostilities lists, Wikipedia twinnings) — idempotent."""

import time

from django.core.management.base import BaseCommand

from partnerships.matchmaking.reference import matchmaking_reference_load


class Command(BaseCommand):
    help = (
        "Loads partnerships/matchmaking/data/ (and the settlement types of the register's "
        "data) into the partner search's reference tables. Safe to re-run."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        result = matchmaking_reference_load()
        self.stdout.write(
            f"Partner search reference: {result.created} created, {result.updated} updated, "
            f"{result.deleted} deleted, {result.unchanged} unchanged "
            f"({time.monotonic() - started:.1f} s)."
        )
