from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from partnerships import services
from partnerships.demo import load_demo
from partnerships.models import Actor, Partnership
from partnerships.reference import reference_actors_load, transliterate_de

pytestmark = pytest.mark.django_db


def test_transliteration_german():
    assert transliterate_de("Кривий Ріг") == "Krywyj Rih"
    assert transliterate_de("Перемишляни") == "Peremyschljany"
    assert transliterate_de("Житомир") == "Schytomyr"


def test_load_creates_every_unit_with_parent_chain():
    result = reference_actors_load()
    assert result.created == Actor.objects.count() > 2000
    assert Actor.objects.filter(kind="municipality", country="DE").count() == 396
    assert Actor.objects.filter(kind="district").count() == 31
    assert Actor.objects.filter(kind="gov_region").count() == 5
    assert Actor.objects.filter(kind="oblast").count() == 25
    assert Actor.objects.filter(kind="hromada", parent__kind="raion").count() == 1469
    billerbeck = Actor.objects.get(official_code="05558008")
    assert billerbeck.parent.name == "Kreis Coesfeld"
    assert billerbeck.parent.parent.name == "Regierungsbezirk Münster"
    assert billerbeck.parent.parent.parent.name == "Land Nordrhein-Westfalen"
    assert billerbeck.population and billerbeck.latitude and not billerbeck.is_claimed
    kryvyi_rih = Actor.objects.get(official_code="UA12060170000091033")
    assert kryvyi_rih.region.name == "Oblast Dnipropetrowsk"
    assert kryvyi_rih.parent.kind == "raion" and kryvyi_rih.parent.parent == kryvyi_rih.region
    assert not Actor.objects.filter(latitude=0, longitude=0).exists()
    assert not Actor.objects.filter(latitude__isnull=True).exists()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Krywyj Rih", "UA12060170000091033"),
        ("Кривий Ріг", "UA12060170000091033"),
        ("Kirowohrad", "UA35040210000014072"),
        ("Oblast Dnipropetrowsk", "UA12000000000090473"),
        ("Dnipropetrovsk Oblast", "UA12000000000090473"),
    ],
)
def test_aliases_are_searchable(query, code):
    reference_actors_load()
    assert code in set(Actor.objects.search(query).values_list("official_code", flat=True))


def test_rerun_changes_only_what_changed_and_keeps_editor_fields():
    reference_actors_load()
    history_before = Actor.history.count()
    assert reference_actors_load().created == 0
    assert Actor.history.count() == history_before  # nothing changed, nothing written

    duisburg = Actor.objects.get(official_code="05112000")
    duisburg.name = "Stadt Duisburg"
    duisburg.description = "Von der Redaktion geschrieben"
    duisburg.website = "https://www.duisburg.de/"
    duisburg.aliases += "\nDuisburg am Rhein"
    duisburg.latitude, duisburg.longitude = 51.43, 6.76
    duisburg.coordinate_source = Actor.CoordinateSource.MANUAL
    duisburg.claimed_at = timezone.now()
    duisburg.population = 1
    duisburg.is_sensitive = True
    duisburg.save()
    malyn = Actor.objects.get(official_code="UA18060130000061781")
    malyn.name = "Malyn (falsch)"
    malyn.save()

    result = reference_actors_load()
    assert result.updated == 2
    duisburg.refresh_from_db()
    assert duisburg.name == "Stadt Duisburg"  # claimed: name is the editors'
    assert duisburg.description == "Von der Redaktion geschrieben"
    assert duisburg.website == "https://www.duisburg.de/"
    assert "Duisburg am Rhein" in duisburg.alias_list
    assert (duisburg.latitude, duisburg.longitude) == (51.43, 6.76)
    assert duisburg.is_sensitive
    assert duisburg.population == 498686  # reference field restored
    malyn.refresh_from_db()
    assert malyn.name == "Malyn"  # unclaimed: reference name restored


def test_command_output():
    out = StringIO()
    call_command("load_reference_actors", stdout=out)
    assert "created" in out.getvalue()


def test_geocoder_finds_foreign_towns_and_never_zero():
    skawina = Actor.objects.create(
        name="Skawina", slug="skawina", kind="municipality", country="PL"
    )
    assert services.actor_geocode(actor=skawina)
    skawina.refresh_from_db()
    assert round(skawina.latitude) == 50 and skawina.coordinate_source == "gazetteer"
    nowhere = Actor.objects.create(
        name="Gibtesnichtdorf", slug="gibtesnicht", kind="municipality", country="PL"
    )
    assert not services.actor_geocode(actor=nowhere)
    nowhere.refresh_from_db()
    assert nowhere.latitude is None and nowhere.longitude is None


def test_demo_is_idempotent_and_has_the_seed_facts():
    load_demo(stdout=StringIO())
    counts = (Actor.objects.count(), Partnership.objects.count(), Partnership.history.count())
    load_demo(stdout=StringIO())
    assert (
        Actor.objects.count(),
        Partnership.objects.count(),
        Partnership.history.count(),
    ) == counts
    duisburg = Partnership.objects.get(slug="duisburg-kryvyi-rih")
    steps = {s.status: s.date.isoformat() for s in duisburg.status_steps.all()}
    assert steps == {"council_decision": "2023-02-09", "signed": "2023-02-21"}
    assert duisburg.kind == "solidarity" and duisburg.is_formal
    huerth = Partnership.objects.get(slug="huerth-peremyshliany")
    assert huerth.members.get(role="broker").actor.name == "Skawina"
    billerbeck = Partnership.objects.get(slug="billerbeck-malyn")
    assert billerbeck.members.get(role="broker").actor.country == "LV"
    assert "19 Kinder" in billerbeck.summary_de
    triangle = Partnership.objects.get(slug="castrop-rauxel-trikala-zonguldak")
    assert triangle.members.filter(role="partner").count() == 3
    assert Partnership.objects.get(slug="koeln-dnipro").kind_changes.get().from_kind == "project"


def test_synthetic_partnerships_are_marked():
    load_demo(stdout=StringIO(), synthetic=15)
    synthetic = Partnership.objects.filter(is_synthetic=True)
    assert synthetic.count() == 15
    assert all(p.title.startswith("[Synthetisch]") for p in synthetic)
    load_demo(stdout=StringIO(), synthetic=15)
    assert synthetic.count() == 15
