"""Load or update the official reference data of every app (idempotent).

Run by the production set-up (docker-compose's ``migrate`` service). Each app that ships
reference data has its own command; this one runs them all in order.
"""

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

REFERENCE_COMMANDS = ["load_reference_actors", "load_matchmaking_reference"]


class Command(BaseCommand):
    help = "Loads the official reference data shipped in the apps' data folders."

    def handle(self, *args, **options):
        available = get_commands()
        for name in REFERENCE_COMMANDS:
            if name in available:
                call_command(name, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Reference data up to date."))
