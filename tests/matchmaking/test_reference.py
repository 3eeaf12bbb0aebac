"""The partner search's reference data: loaded idempotently, complete, and kept out of the
CC BY open-data export (the Wikipedia twinnings are CC BY-SA)."""

import csv
import gzip
import json
from io import StringIO

import pytest
from django.core.management import call_command

from partnerships.matchmaking.models import PlaceFacts, Twinning
from partnerships.matchmaking.reference import DATA_DIR, matchmaking_reference_load
from partnerships.models import Actor
from partnerships.reference import reference_actors_load
from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db


def _rows(name):
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_load_is_complete_and_idempotent():
    result = matchmaking_reference_load()
    assert PlaceFacts.objects.filter(country="DE").count() == 396
    assert PlaceFacts.objects.filter(country="UA").count() == 1469
    assert Twinning.objects.count() == result.created - 396 - 1469 > 1700
    assert set(Twinning.objects.values_list("partner_country", flat=True)) >= {"PL", "LV", "RU"}
    again = matchmaking_reference_load()
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)


def test_reload_repairs_changed_and_removes_unknown_rows():
    matchmaking_reference_load()
    PlaceFacts.objects.filter(official_code="05558008").update(settlement_type="gemeinde")
    Twinning.objects.create(
        official_code="05558008", country="DE", partner_name="Nirgendwo", partner_country="PL"
    )
    result = matchmaking_reference_load()
    assert (result.created, result.updated, result.deleted) == (0, 1, 1)
    assert PlaceFacts.objects.get(official_code="05558008").settlement_type == "stadt"
    assert not Twinning.objects.filter(partner_name="Nirgendwo").exists()


def test_seed_facts():
    matchmaking_reference_load()
    facts = {f.official_code: f for f in PlaceFacts.objects.all()}
    assert facts["05112000"].settlement_type == "kreisfrei"  # Duisburg
    assert facts["05558008"].settlement_type == "stadt"  # Billerbeck
    assert facts["UA18060130000061781"].settlement_type == "urban"  # Malyn
    assert str(facts["05112000"].foreign_share_pct) == "22.5"
    war_rows = _rows("ua_hromada_war_status_2022.csv")
    listed = next(r for r in war_rows if r["listed_2022_10_10"] == "1")
    assert "2022-10-10" in facts[listed["katottg"]].war_list_dates
    assert facts["05558008"].war_list_dates == []
    skawina = Twinning.objects.get(official_code="05362028", partner_name="Skawina")  # Hürth
    assert (skawina.country, skawina.partner_country, skawina.partner_code) == ("DE", "PL", "")
    direct = Twinning.objects.get(official_code="05913000", partner_name="Zhytomyr")  # Dortmund
    assert direct.partner_country == "UA" and direct.partner_code.startswith("UA18")


def test_command_and_reference_data_command():
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert "Partner search reference:" in out.getvalue()
    assert PlaceFacts.objects.count() == 396 + 1469


def test_hromadas_carry_their_2022_population():
    reference_actors_load()
    kryvyi_rih = Actor.objects.get(official_code="UA12060170000091033")
    assert kryvyi_rih.population == 606584
    assert kryvyi_rih.population_date.isoformat() == "2022-01-01"
    hromadas = Actor.objects.filter(kind="hromada", parent__kind="raion")
    assert not hromadas.filter(population__isnull=True).exists()
    raion = kryvyi_rih.parent
    assert raion.population == sum(raion.children.values_list("population", flat=True))
    oblast = kryvyi_rih.region
    assert oblast.population == sum(
        Actor.objects.filter(kind="hromada", region=oblast).values_list("population", flat=True)
    )
    assert sum(hromadas.values_list("population", flat=True)) == 38215034


def test_twinnings_stay_out_of_the_cc_by_open_data(client):
    matchmaking_reference_load()
    duesseldorf = ActorFactory(name="Düsseldorf", official_code="05111000")
    chernivtsi = UkrainianActorFactory(name="Chernivtsi", official_code="UA73060610000065225")
    PartnershipFactory(partners=[duesseldorf, chernivtsi])
    wikipedia_partners = set(
        Twinning.objects.filter(official_code__in=["05111000", "UA73060610000065225"])
        .exclude(partner_country="UA")
        .exclude(partner_code="05111000")
        .values_list("partner_name", flat=True)
    )
    assert "Chongqing" in wikipedia_partners
    texts = {}
    for url in ("/api/partnerships.csv", "/api/partnerships.geojson"):
        response = client.get(url)
        assert response.status_code == 200
        assert "creativecommons.org/licenses/by/4.0" in response["Link"]
        body = response.content
        if response.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        texts[url] = text = body.decode()
        assert "Düsseldorf" in text
        assert "Wikipedia" not in text and "BY-SA" not in text
        assert not [name for name in wikipedia_partners if name in text]
    assert json.loads(texts["/api/partnerships.geojson"])["license"] == "CC BY 4.0"


def test_common_third_partners_equal_the_reference_join_without_russia_and_belarus():
    from partnerships.matchmaking.selectors import suggestion_index

    reference_actors_load()
    matchmaking_reference_load()
    index = suggestion_index(staff=True)
    computed = set()
    for pk, keys in index.third_keys.items():
        actor = index.actors[pk]
        if actor.country != "DE" or not keys:
            continue
        for candidate in index.candidates(country="UA", kinds=["hromada"]):
            common = keys & index.third_keys.get(candidate, set())
            for country, name in common:
                computed.add((actor.code, index.actors[candidate].code, country, name))
    expected = set()
    for row in _rows("twinnings_third_partner_links.csv"):
        country = {"Poland": "PL", "Russia": "RU", "Belarus": "BY"}.get(row["via_partner_country"])
        if country in ("RU", "BY"):
            continue
        expected.add((row["ags"], row["katottg"], row["via_partner_name"].casefold()))
    assert {(a, k, name) for a, k, _country, name in computed} == expected
    assert ("05362028", "UA46060330000065074", "skawina") in expected  # Hürth – Peremyshliany
