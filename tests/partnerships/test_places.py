"""Every common spelling finds the place: the resolver and every consumer of it (register
filter, site search, editors' partner picker, CSV import)."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from partnerships.forms import ProposalForm
from partnerships.importexport import import_csv
from partnerships.models import Actor, Partnership, PartnershipMember
from partnerships.places import place_resolve, places_matching
from tests.partnerships.factories import EditorFactory

# (spelling, KATOTTG / AGS of the right actor)
KYIV = "UA80000000000093317"
KHARKIV = "UA63120270000028556"
LVIV = "UA46060250000025047"
ODESA = "UA51100270000073549"
ZAPORIZHZHIA = "UA23060070000082704"
CHERNIVTSI = "UA73060610000066784"
DNIPRO = "UA12020010000033698"
KROPYVNYTSKYI = "UA35040210000014072"
KRYVYI_RIH = "UA12060170000091033"
MALYN = "UA18060130000061781"
VOZNESENSK = "UA48040070000056126"
VOLODYMYR = "UA07020010000096841"
HORISHNI_PLAVNI = "UA53020030000081709"
NIKOPOL = "UA12080050000062712"
ZAPORIZHZHIA_OBLAST = "UA23000000000064947"
ODESA_OBLAST = "UA51000000000030770"
POLTAVA_OBLAST = "UA53000000000028050"
DNIPRO_OBLAST = "UA12000000000090473"

VARIANTS = [
    # names in the three languages, exonyms, Russian-derived forms
    ("Kiew", KYIV),
    ("Kyjiw", KYIV),
    ("Kyiv", KYIV),
    ("Kiev", KYIV),
    ("Київ", KYIV),
    ("Charkiw", KHARKIV),
    ("Kharkiv", KHARKIV),
    ("Charkow", KHARKIV),
    ("Харків", KHARKIV),
    ("Lwiw", LVIV),
    ("Lemberg", LVIV),
    ("Lviv", LVIV),
    ("Львів", LVIV),
    ("Odessa", ODESA),
    ("Odesa", ODESA),
    ("Одеса", ODESA),
    ("Saporischschja", ZAPORIZHZHIA),
    ("Zaporizhzhia", ZAPORIZHZHIA),
    ("Saporoshje", ZAPORIZHZHIA),
    ("Запоріжжя", ZAPORIZHZHIA),
    ("Czernowitz", CHERNIVTSI),
    ("Chernivtsi", CHERNIVTSI),
    ("Tscherniwzi", CHERNIVTSI),
    ("Černivci", CHERNIVTSI),
    ("Чернівці", CHERNIVTSI),
    ("Dnipro", DNIPRO),
    ("Dnepr", DNIPRO),
    ("Dnjepr", DNIPRO),
    ("Дніпро", DNIPRO),
    ("Kropywnyzkyj", KROPYVNYTSKYI),
    ("Kropyvnytskyi", KROPYVNYTSKYI),
    ("Krywyj Rih", KRYVYI_RIH),
    ("Kryvyi Rih", KRYVYI_RIH),
    ("Kriwoi Rog", KRYVYI_RIH),
    ("Кривий Ріг", KRYVYI_RIH),
    ("Malyn", MALYN),
    ("Малин", MALYN),
    ("Wosnessensk", VOZNESENSK),
    ("Voznesensk", VOZNESENSK),
    ("Wolodymyr", VOLODYMYR),
    ("Horischni Plawni", HORISHNI_PLAVNI),
    ("Horishni Plavni", HORISHNI_PLAVNI),
    ("Nikopol", NIKOPOL),
    # historical names
    ("Dnipropetrowsk", DNIPRO),
    ("Dnipropetrovsk", DNIPRO),
    ("Kirowohrad", KROPYVNYTSKYI),
    ("Kirovograd", KROPYVNYTSKYI),
    ("Wolodymyr-Wolynskyj", VOLODYMYR),
    ("Volodymyr-Volynskyi", VOLODYMYR),
    ("Komsomolsk", HORISHNI_PLAVNI),
    # Stadt / hromada / Rajon / Oblast forms
    ("Stadt Odessa", ODESA),
    ("Odesa hromada", ODESA),
    ("Малинська міська територіальна громада", MALYN),
    ("Malynska hromada", MALYN),
    ("Rajon Nikopol", "UA12080000000023578"),
    ("Oblast Saporischschja", ZAPORIZHZHIA_OBLAST),
    ("Zaporizhzhia Oblast", ZAPORIZHZHIA_OBLAST),
    ("Oblast Odessa", ODESA_OBLAST),
    ("Полтавська область", POLTAVA_OBLAST),
    ("Oblast Dnipropetrowsk", DNIPRO_OBLAST),
    # one letter wrong, missing, extra or swapped
    ("Czernowiz", CHERNIVTSI),
    ("Saporischschia", ZAPORIZHZHIA),
    ("Charkiv", KHARKIV),
    ("Odesaa", ODESA),
    ("Kropywnyzkij", KROPYVNYTSKYI),
    ("Wosnesensk", VOZNESENSK),
    ("Lwiv", LVIV),
    ("Malny", MALYN),
    # German places
    ("Münster", "05515000"),
    ("Muenster", "05515000"),
    ("Düsseldorf", "05111000"),
    ("Dusseldorf", "05111000"),
    ("Kreis Coesfeld", "05558"),
    ("Billerbeck", "05558008"),
    ("Dortmnud", "05913000"),
]


AACHEN = "05334002"  # the German partner of every target in the fixture
BONN = "05314000"  # the editor's own actor in the picker test
CYRILLIC_NAME = re.compile(r"^[^A-Za-z]+$")


@pytest.fixture(scope="module")
def reference(django_db_setup, django_db_blocker):
    """The reference actors and one published partnership Aachen – target per target,
    built once for the module (and removed afterwards)."""
    from partnerships.reference import reference_actors_load

    with django_db_blocker.unblock():
        reference_actors_load()
        actors = {a.official_code: a for a in Actor.objects.exclude(official_code="")}
        aachen = actors[AACHEN]
        partnerships = {}
        for code in sorted({code for _spelling, code in VARIANTS}):
            target = actors[code]
            partnership = Partnership.objects.create(
                slug=f"ort-{code.lower()}",
                title_de=f"Partnerschaft Nummer {len(partnerships) + 1}",
                kind=Partnership.Kind.SOLIDARITY,
                publication_state=Partnership.Publication.PUBLISHED,
                published_at=timezone.now(),
            )
            PartnershipMember.objects.create(partnership=partnership, actor=aachen, position=0)
            PartnershipMember.objects.create(partnership=partnership, actor=target, position=1)
            partnerships[code] = partnership
        cache.clear()
    yield {"actors": actors, "partnerships": partnerships}
    with django_db_blocker.unblock():
        PartnershipMember.objects.all().delete()
        Partnership.history.all().delete()
        Partnership.objects.all().delete()
        Actor.history.all().delete()
        Actor.objects.all().delete()
        cache.clear()


def test_at_least_sixty_variants():
    assert len(VARIANTS) >= 60
    assert len({code for _s, code in VARIANTS}) >= 20


def _candidates(spelling):
    return [(m.actor.name, m.actor.official_code, m.score) for m in places_matching(spelling)]


# Each path walks all variants in one test (one fixture set-up instead of one per variant:
# 375 tests took minutes) and names every spelling that failed.


def _misses(check) -> list:
    misses = []
    for spelling, code in VARIANTS:
        try:
            check(spelling, code)
        except AssertionError as error:
            misses.append(f"{spelling} -> {code}: {error}")
    return misses


def test_resolver(reference, db):
    def check(spelling, code):
        actor = place_resolve(spelling)
        assert actor is not None and actor.official_code == code, _candidates(spelling)

    assert not _misses(check)


def test_register_filter_and_actor_list(reference, client, db):
    def check(spelling, code):
        partnership = reference["partnerships"][code]
        body = client.get("/de/partnerschaften/", {"q": spelling}).content.decode()
        assert partnership.get_absolute_url() in body, _candidates(spelling)
        actor = reference["actors"][code]
        body = client.get("/de/akteure/", {"q": spelling}).content.decode()
        assert actor.get_absolute_url() in body, _candidates(spelling)

    assert not _misses(check)


def test_site_search(reference, client, db):
    def check(spelling, code):
        body = client.get("/de/suche/", {"q": spelling}).content.decode()
        assert reference["partnerships"][code].get_absolute_url() in body, _candidates(spelling)

    assert not _misses(check)


@pytest.fixture
def editor_client(reference, client, db):
    editor = EditorFactory(actor=reference["actors"][BONN]).user
    client.force_login(editor)
    return client


def test_partner_picker(reference, editor_client):
    def check(spelling, code):
        target = reference["actors"][code]
        answer = editor_client.get(
            reverse("partnerships:place_candidates"), {"q": spelling, "country": target.country}
        ).json()
        assert answer["results"][0]["id"] == target.pk, answer
        form = ProposalForm(
            {
                "own_actor": reference["actors"][BONN].pk,
                "partner": spelling,
                "partner_country": target.country,
                "kind": "twinning",
                "summary": "Seit 2023",
            },
            actors=Actor.objects.filter(pk=reference["actors"][BONN].pk),
        )
        assert form.is_valid(), form.errors
        assert form.cleaned_data["partner_actor"] == target

    assert not _misses(check)


def test_csv_import(reference, db):
    header = "slug,title,kind,is_formal,status,since,since_precision,members"

    def check(spelling, code):
        with transaction.atomic():  # each spelling imports into the register as it was
            row = io.StringIO()
            csv.writer(row).writerow(
                ["import-test", "Import", "twinning", "yes", "active", "", "", f"{BONN}|{spelling}"]
            )
            report = import_csv(data=f"{header}\n{row.getvalue()}".encode(), dry_run=False)
            assert report.ok, [r.message for r in report.rows] + report.errors
            members = Partnership.objects.get(slug="import-test").members.values_list(
                "actor__official_code", flat=True
            )
            assert set(members) == {BONN, code}
            transaction.set_rollback(True)

    assert not _misses(check)


def test_namesakes_are_offered_not_guessed(reference, editor_client):
    """Without JavaScript an ambiguous name shows the candidates with raion and oblast."""
    response = editor_client.post(
        reverse("partnerships:propose"),
        {
            "own_actor": reference["actors"][BONN].pk,
            "partner": "Mykolaivka",
            "partner_country": "UA",
            "kind": "twinning",
            "summary": "Seit 2023",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'type="radio"' in body and "Mehrere Treffer" in body
    assert "Oblast" in body  # the label tells the namesakes apart


# --- Ukrainian pages show Ukrainian names in Cyrillic ------------------------------------

ACTOR_LINK = re.compile(r'<a href="/uk/akteure/([^/"]+)/">([^<]+)</a>')


def _ukrainian_links(body: str, reference) -> list[tuple[str, str]]:
    slugs = {a.slug for a in reference["actors"].values() if a.country == "UA"}
    return [(slug, name.strip()) for slug, name in ACTOR_LINK.findall(body) if slug in slugs]


def test_ukrainian_pages_show_cyrillic_names(reference, client, db):
    pages = [
        "/uk/partnerschaften/",
        "/uk/akteure/?country=UA",
        "/uk/akteure/?country=UA&kind=oblast",
        *(p.get_absolute_url().replace("/de/", "/uk/") for p in reference["partnerships"].values()),
    ]
    seen = 0
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        links = _ukrainian_links(response.content.decode(), reference)
        latin = [(slug, name) for slug, name in links if not CYRILLIC_NAME.match(name)]
        assert not latin, (url, latin)
        seen += len(links)
    assert seen > 50
    malyn = reference["partnerships"][MALYN].get_absolute_url().replace("/de/", "/uk/")
    body = client.get(malyn).content.decode()
    assert "Малин" in body and "Коростенський район, Житомирська область" in body
    assert "Rajon Korostenskyj" not in body and "Oblast Schytomyr" not in body


def test_ukrainian_map_data_in_cyrillic(reference, client, db):
    data = client.get("/api/partnerships.geojson", {"lang": "uk"}).json()
    names = [
        f["properties"]["name"]
        for f in data["features"]
        if f["properties"].get("feature") == "actor" and f["properties"]["country"] == "UA"
    ]
    assert len(names) >= 15
    assert all(CYRILLIC_NAME.match(n) for n in names), names
    german = client.get("/api/partnerships.geojson", {"lang": "de"}).json()
    german_names = {f["properties"].get("name") for f in german["features"]}
    assert {"Czernowitz", "Saporischschja", "Odessa", "Kiew", "Charkiw", "Lwiw"} <= german_names
    english = client.get("/api/partnerships.geojson", {"lang": "en"}).json()
    english_names = {f["properties"].get("name") for f in english["features"]}
    assert {"Chernivtsi", "Zaporizhzhia", "Odesa", "Kyiv", "Kharkiv", "Lviv"} <= english_names
    assert "Aachen" in english_names  # German actors keep their name
