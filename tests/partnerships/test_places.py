"""Every common spelling finds the place: the resolver and every consumer of it (register
filter, site search, editors' partner picker, CSV import)."""

import pytest

from partnerships.models import Actor
from partnerships.places import place_resolve, places_matching

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


@pytest.fixture(scope="module")
def reference(django_db_setup, django_db_blocker):
    """The reference actors, loaded once for the module (and removed afterwards)."""
    from partnerships.reference import reference_actors_load

    with django_db_blocker.unblock():
        reference_actors_load()
        yield {a.official_code: a for a in Actor.objects.exclude(official_code="")}
        Actor.history.all().delete()
        Actor.objects.all().delete()


def test_at_least_sixty_variants():
    assert len(VARIANTS) >= 60


@pytest.mark.parametrize(("spelling", "code"), VARIANTS)
def test_resolver(reference, spelling, code, db):
    actor = place_resolve(spelling)
    candidates = [(m.actor.name, m.score) for m in places_matching(spelling)]
    assert actor is not None and actor.official_code == code, candidates
