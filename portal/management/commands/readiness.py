"""Print the readiness report (portal/readiness.py) as JSON; exit 1 when it fails.

``--only beat`` (repeatable) judges only those components: docker-compose's health check of
the beat container asks whether beat's sign of life is recent."""

import json

from django.core.management.base import BaseCommand, CommandError

from portal.readiness import FAIL, report


class Command(BaseCommand):
    help = "Readiness of database, cache, broker, worker, beat and outbox (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", default=[], help="component name")

    def handle(self, *args, only, **options):
        result = report()
        if only:
            result["components"] = [c for c in result["components"] if c["name"] in only]
            failed = any(c["status"] == FAIL for c in result["components"])
            result["status"] = FAIL if failed else "ok"
        self.stdout.write(json.dumps(result, indent=2))
        if result["status"] == FAIL:
            raise CommandError("not ready")
