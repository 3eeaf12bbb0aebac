"""The header navigation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    ("partnerships:map", _("Karte")),
    ("partnerships:list", _("Partnerschaften")),
    ("exchange:list", _("Bedarfsbörse")),
    ("events:list", _("Veranstaltungen")),
    ("knowledge:list", _("Wissen")),
    ("statistics:page", _("Statistik")),
    ("newsletter:index", _("Newsletter")),
    ("portal:consultation", _("Beratung")),
]


def main_navigation(request) -> list[dict]:
    items = []
    path = getattr(request, "path", "")
    for url_name, label in MAIN_NAVIGATION:
        url = reverse(url_name)
        items.append({"url": url, "label": label, "active": path.startswith(url)})
    return items
