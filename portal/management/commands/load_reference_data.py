"""Load or update the official reference data (municipalities, hromadas, ...) of every app.

Idempotent; run by the production set-up (docker-compose's ``migrate`` service) and by
``seed_demo``. Each app that ships reference data provides a loader hook below.
"""

from django.core.management.base import BaseCommand

from portal.plugins import optional_hook

REFERENCE_LOADERS = ["partnerships.reference.load_reference_data"]


class Command(BaseCommand):
    help = "Loads the official reference data shipped in the apps' data folders."

    def handle(self, *args, **options):
        for path in REFERENCE_LOADERS:
            loader = optional_hook(path)
            if loader is not None:
                loader(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Reference data up to date."))
