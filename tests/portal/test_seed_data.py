"""The demo's facts live in data files (``<app>/data/``) and are loaded through
``portal.seeding``: the demo holds every organisation, partnership, event and publication
it held when the facts were Python; a second run changes nothing; what staff edit or delete
stays edited or deleted."""

import io

import pytest
from django.core.management import call_command

from events.models import Event, EventSeries, Registration
from knowledge import demo as knowledge_demo
from knowledge.models import (
    FundingDeadline,
    FundingProgram,
    FundingSource,
    Guide,
    GuideSection,
    Resource,
)
from newsletter.models import Delivery, Issue, Newsletter, Subscriber, Subscription
from partnerships import services as partnership_services
from partnerships.models import (
    Actor,
    KindChange,
    Milestone,
    Partnership,
    PartnershipMember,
    Project,
    StatusStep,
)
from portal.models import SeedRecord, Theme
from portal.seeding import seed_additions, seed_row
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

# What the demo held before its facts moved out of the Python modules (2026-12-01).
COUNTS = {
    Partnership: 7,
    PartnershipMember: 17,
    StatusStep: 5,
    KindChange: 1,
    Milestone: 7,
    Project: 4,
    EventSeries: 4,
    Event: 5,
    Registration: 33,
    Newsletter: 2,
    Subscriber: 6,
    Subscription: 7,
    Issue: 2,
    Delivery: 3,
    Resource: 9,
    FundingProgram: 13,
    FundingDeadline: 20,
    FundingSource: 48,
    Guide: 1,
    GuideSection: 8,
}
NAMES = {
    (Partnership, "slug"): [
        "billerbeck-malyn",
        "castrop-rauxel-trikala-zonguldak",
        "duisburg-kryvyi-rih",
        "huerth-peremyshliany",
        "koeln-dnipro",
        "nrw-oblast-dnipropetrowsk",
        "versmold-tui",
    ],
    (Event, "title_de"): [
        "Forum Städtepartnerschaften NRW: Jugendbegegnungen mit der Ukraine",
        "Forum Städtepartnerschaften NRW: Partnerschaften mit der Ukraine im Alltag",
        "Online-Austausch – Hilfe zum Wiederaufbau in der Ukraine",
        "Tag der Städtepartnerschaften NRW",
        "Webinar: Wie finde ich eine ukrainische Partnerkommune?",
    ],
    (EventSeries, "slug"): [
        "forum-staedtepartnerschaften-nrw",
        "tag-der-staedtepartnerschaften",
        "webinare",
        "willkommen-online-austausch",
    ],
    (Resource, "slug"): [
        "castrop-rauxel-dreieckspartnerschaft-trikala-zonguldak",
        "landkarte-deutsch-ukrainischer-kommunalbeziehungen",
        "lesetipps-der-netzwerkstelle",
        "lessons-learned-billerbeck-malyn",
        "lessons-learned-duisburg-kryvyi-rih",
        "lessons-learned-huerth-peremyshlyany",
        "migration-und-integration-in-staedtepartnerschaften",
        "reallabor-kommunaler-aufbaupartnerschaften-nrw-ukraine",
        "versmold-tui-partnerschaft-aus-der-herkunftsstatistik",
    ],
    (FundingProgram, "slug"): [
        "cerv-networks-of-towns",
        "cerv-town-twinning",
        "dpjw-ukraine",
        "giz-komm-direkt",
        "meet-up-jugendbegegnungen",
        "nrw-europa-bei-uns-zuhause",
        "nrw-europawoche",
        "nrw-wiederaufbauprojekte-dnipropetrowsk",
        "skew-kleinprojektefonds",
        "skew-nakopa",
        "skew-solidaritaetspartnerschaften-ukraine",
        "stiftungen-ukraine",
        "unterstuetzungsstrukturen",
    ],
    (Newsletter, "slug"): ["blickpunkt-ukraine", "staedtepartnerschaften-nrw"],
    (Issue, "subject_de"): [
        "Im Blickpunkt: Ukraine 1/2023",
        "Newsletter Städtepartnerschaften NRW – Forum Städtepartnerschaften",
    ],
    (Subscriber, "email"): [
        "anna.demo@example.org",
        "kreis.demo@example.org",
        "mykola.demo@example.org",
        "neu.demo@example.org",
        "olena.demo@example.org",
        "tom.demo@example.org",
    ],
    (Guide, "slug"): ["partnerschaften-mit-der-ukraine"],
}
# The partner towns outside the reference data, and the reference actors the demo uses.
ACTORS = [
    "billerbeck",
    "castrop-rauxel",
    "dnipro",
    "duisburg",
    "huerth",
    "iecava",
    "koeln",
    "kryvyi-rih",
    "land-nrw",
    "malyn",
    "oblast-dnipropetrowsk",
    "peremyshliany",
    "skawina",
    "trikala",
    "tui",
    "versmold",
    "zonguldak",
]


def seed():
    call_command("seed_demo", stdout=io.StringIO())


def state() -> dict:
    """Every seeded table's rows and history, and the seed records."""
    result = {model.__name__: model.objects.count() for model in COUNTS}
    for model in (Partnership, Event, Resource, FundingProgram, Guide, Actor):
        result[f"{model.__name__} history"] = model.history.count()
    result["records"] = sorted(SeedRecord.objects.values_list("key", "values"))
    return result


def test_demo_keeps_its_facts_loads_twice_without_change_and_keeps_staff_edits():
    seed()
    assert {model: model.objects.count() for model in COUNTS} == COUNTS
    for (model, field), names in NAMES.items():
        assert sorted(model.objects.values_list(field, flat=True)) == names, model
    members = PartnershipMember.objects.values_list("actor__slug", flat=True)
    assert sorted(set(members)) == ACTORS

    first = state()
    seed()
    assert state() == first

    # Staff edit seeded rows in the admin or "Mein Bereich", and delete one.
    staff = StaffFactory()
    program = FundingProgram.objects.get(slug="skew-kleinprojektefonds")
    program.name_de = "SKEW – Kleinprojektefonds (Aufruf 2026 geprüft)"
    program.save()
    portrait = Partnership.objects.get(slug="duisburg-kryvyi-rih")
    partnership_services.partnership_update(
        partnership=portrait, by=staff, summary_uk="Оновлено редакцією.", themes=[]
    )
    event = Event.objects.get(title_de="Tag der Städtepartnerschaften NRW")
    event.capacity = 200
    event.save()
    Milestone.objects.filter(partnership=portrait, title_de="Ratsbeschluss in Duisburg").delete()
    tui = Actor.objects.get(slug="tui")
    tui.aliases = ""  # staff removed the other name "Tuy"
    tui.save()

    seed()
    program.refresh_from_db()
    portrait.refresh_from_db()
    event.refresh_from_db()
    tui.refresh_from_db()
    assert program.name_de == "SKEW – Kleinprojektefonds (Aufruf 2026 geprüft)"
    assert program.name_en == "SKEW – Small Projects Fund for municipal development policy"
    assert portrait.summary_uk == "Оновлено редакцією."
    assert portrait.summary_de.startswith("Solidaritätspartnerschaft seit Februar 2023")
    assert not portrait.themes.exists()
    assert event.capacity == 200
    assert not portrait.milestones.filter(title_de="Ratsbeschluss in Duisburg").exists()
    assert tui.aliases == ""


def test_a_corrected_data_file_reaches_the_fields_nobody_edited(monkeypatch):
    knowledge_demo.load_funding()
    edited = FundingProgram.objects.get(slug="skew-nakopa")
    edited.funder_de = "Von der Redaktion präzisiert"
    edited.save()

    programmes = [dict(p) for p in knowledge_demo.funding_programmes()]
    for programme in programmes:
        programme["funder"] = {**programme["funder"], "de": "Korrigierter Fördergeber"}
        programme["call_year"] = 2026
    monkeypatch.setattr(knowledge_demo, "funding_programmes", lambda: programmes)
    knowledge_demo.load_funding()

    edited.refresh_from_db()
    assert edited.funder_de == "Von der Redaktion präzisiert"  # staff's edit stays
    assert edited.call_year == 2026  # a field nobody edited follows the data file
    other = FundingProgram.objects.get(slug="skew-kleinprojektefonds")
    assert (other.funder_de, other.call_year) == ("Korrigierter Fördergeber", 2026)


def test_seed_row_rules_on_a_plain_table():
    theme, changed = seed_row(Theme, {"slug": "partnerschaftsarbeit"}, {"name_de": "Alt"})
    assert changed and theme.name_de == "Alt"
    assert seed_row(Theme, {"slug": "partnerschaftsarbeit"}, {"name_de": "Alt"})[1] is False
    assert seed_row(Theme, {"slug": "partnerschaftsarbeit"}, {"name_de": "Neu"})[0].name_de == (
        "Neu"
    )
    Theme.objects.filter(pk=theme.pk).update(name_de="Von Hand")
    assert seed_row(Theme, {"slug": "partnerschaftsarbeit"}, {"name_de": "Neuer"})[1] is False
    assert Theme.objects.get(pk=theme.pk).name_de == "Von Hand"
    Theme.objects.filter(pk=theme.pk).delete()
    assert seed_row(Theme, {"slug": "partnerschaftsarbeit"}, {"name_de": "Neuer"}) == (None, False)
    assert not Theme.objects.filter(slug="partnerschaftsarbeit").exists()

    assert seed_additions("test:aliases", ["Tuy", "Tui"]) == ["Tuy", "Tui"]
    assert seed_additions("test:aliases", ["Tuy", "Tui", "Tude"]) == ["Tude"]
