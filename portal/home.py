"""The home page's sections that the domain apps fill.

Each section names a selector ``(*, limit: int) -> list`` and a partial template that
renders its items; a section without items shows its empty state.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from events import selectors as event_selectors
from knowledge import selectors as knowledge_selectors
from partnerships import selectors as partnership_selectors


@dataclass(frozen=True)
class HomeSection:
    key: str
    title: Promise
    empty_text: Promise
    selector: Callable[..., list]
    template: str
    more_url_name: str
    items: list = field(default_factory=list)


HOME_SECTIONS = [
    HomeSection(
        key="events",
        title=_("Nächste Veranstaltungen"),
        empty_text=_(
            "Zurzeit sind keine Veranstaltungen angekündigt. Abonnieren Sie den Newsletter, "
            "um vom nächsten Forum Städtepartnerschaften NRW zu erfahren."
        ),
        selector=event_selectors.home_upcoming_events,
        template="events/_home_items.html",
        more_url_name="events:list",
    ),
    HomeSection(
        key="portraits",
        title=_("Neue Partnerschaftsporträts"),
        empty_text=_(
            "Die ersten Porträts von NRW-ukrainischen Partnerschaften werden gerade "
            "aufbereitet. Ihre Kommune möchte ihre Partnerschaft vorstellen? Sprechen Sie uns an."
        ),
        selector=partnership_selectors.home_latest_portraits,
        template="partnerships/_home_items.html",
        more_url_name="partnerships:list",
    ),
    HomeSection(
        key="library",
        title=_("Aus der Wissensbibliothek"),
        empty_text=_(
            "Leitfäden, Best Practices und Lessons Learned aus den Kommunen erscheinen hier, "
            "sobald sie veröffentlicht sind."
        ),
        selector=knowledge_selectors.home_latest_resources,
        template="knowledge/_home_items.html",
        more_url_name="knowledge:list",
    ),
]


def home_sections(*, limit: int = 3) -> list[HomeSection]:
    sections = []
    for section in HOME_SECTIONS:
        items = list(section.selector(limit=limit))
        sections.append(HomeSection(**{**section.__dict__, "items": items}))
    return sections
