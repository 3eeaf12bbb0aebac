"""A small register in the shape of the seed: Billerbeck, Hürth and Duisburg on the NRW side;
Malyn, Peremyshliany and Kryvyi Rih (with their raions and oblasts) on the Ukrainian side;
Skawina and Iecava as third partner towns; reference facts for each."""

import pytest

from partnerships.matchmaking.models import PlaceFacts, Twinning
from tests.partnerships.factories import ActorFactory, UkrainianActorFactory


def _facts(code, country, settlement_type, **extra):
    return PlaceFacts.objects.create(
        official_code=code, country=country, settlement_type=settlement_type, **extra
    )


@pytest.fixture
def world(db):
    land = ActorFactory(name="Land Nordrhein-Westfalen", kind="state", official_code="05")
    rb = ActorFactory(
        name="Regierungsbezirk Münster", kind="gov_region", official_code="055", parent=land
    )
    rb_koeln = ActorFactory(
        name="Regierungsbezirk Köln", kind="gov_region", official_code="053", parent=land
    )
    kreis = ActorFactory(
        name="Kreis Coesfeld", kind="district", official_code="05558", parent=rb, region=rb
    )
    billerbeck = ActorFactory(
        name="Billerbeck",
        official_code="05558008",
        population=11597,
        parent=kreis,
        region=rb,
        district=kreis,
    )
    huerth = ActorFactory(
        name="Hürth", official_code="05362028", population=59731, parent=rb_koeln, region=rb_koeln
    )
    duisburg = ActorFactory(
        name="Duisburg", official_code="05112000", population=498686, parent=rb, region=rb
    )
    ua = {}
    for key, oblast_name, raion_name, name, code, population in (
        ("malyn", "Oblast Schytomyr", "Rajon Korosten", "Malyn", "UA18060130000061781", 36723),
        (
            "peremyshliany",
            "Oblast Lwiw",
            "Rajon Solotschiw",
            "Peremyshliany",
            "UA46060330000065074",
            23591,
        ),
        (
            "kryvyi_rih",
            "Oblast Dnipropetrowsk",
            "Rajon Krywyj Rih",
            "Kryvyi Rih",
            "UA12060170000091033",
            606584,
        ),
    ):
        oblast = UkrainianActorFactory(name=oblast_name, kind="oblast", official_code=code[:4])
        raion = UkrainianActorFactory(
            name=raion_name, kind="raion", official_code=code[:6], parent=oblast, region=oblast
        )
        ua[key] = UkrainianActorFactory(
            name=name,
            official_code=code,
            population=population,
            parent=raion,
            region=oblast,
            district=raion,
        )
        ua[f"{key}_raion"], ua[f"{key}_oblast"] = raion, oblast
    skawina = ActorFactory(name="Skawina", country="PL")
    iecava = ActorFactory(name="Iecava", country="LV")
    for actor, settlement_type in (
        (billerbeck, "stadt"),
        (huerth, "stadt"),
        (duisburg, "kreisfrei"),
    ):
        _facts(actor.official_code, "DE", settlement_type, foreign_share_pct="12.0")
    _facts(ua["malyn"].official_code, "UA", "urban")
    _facts(ua["peremyshliany"].official_code, "UA", "urban")
    _facts(ua["kryvyi_rih"].official_code, "UA", "urban", war_lists="2022-08-23,2022-10-10")
    for code, country, partner, partner_country in (
        (huerth.official_code, "DE", "Skawina", "PL"),
        (ua["peremyshliany"].official_code, "UA", "Skawina", "PL"),
        (huerth.official_code, "DE", "Rostov-on-Don", "RU"),
        (ua["malyn"].official_code, "UA", "Rostov-on-Don", "RU"),
        (billerbeck.official_code, "DE", "Iecava", "LV"),
    ):
        Twinning.objects.create(
            official_code=code,
            country=country,
            partner_name=partner,
            partner_country=partner_country,
        )
    return {
        "land": land,
        "rb": rb,
        "kreis": kreis,
        "billerbeck": billerbeck,
        "huerth": huerth,
        "duisburg": duisburg,
        "skawina": skawina,
        "iecava": iecava,
        **ua,
    }
