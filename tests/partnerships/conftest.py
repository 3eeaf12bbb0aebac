import pytest

from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory


@pytest.fixture
def areas(db):
    """A small reference chain: Land NRW > RB Münster > Kreis Coesfeld > Billerbeck; Oblast
    Dnipropetrowsk > Rajon > Kryvyi Rih (sensitive-capable)."""
    land = ActorFactory(name="Land NRW", slug="land-nrw", kind="state")
    rb = ActorFactory(
        name="Regierungsbezirk Münster", slug="rb-muenster", kind="gov_region", parent=land
    )
    kreis = ActorFactory(
        name="Kreis Coesfeld", slug="kreis-coesfeld", kind="district", parent=rb, region=rb
    )
    billerbeck = ActorFactory(
        name="Billerbeck",
        slug="billerbeck",
        parent=kreis,
        region=rb,
        district=kreis,
        latitude=51.97,
        longitude=7.29,
    )
    oblast = UkrainianActorFactory(
        name="Oblast Dnipropetrowsk",
        slug="oblast-dnipropetrowsk",
        kind="oblast",
        latitude=48.46664,
        longitude=35.04066,
    )
    raion = UkrainianActorFactory(
        name="Rajon Kryworiskyj", slug="rajon-kr", kind="raion", parent=oblast, region=oblast
    )
    kryvyi_rih = UkrainianActorFactory(
        name="Kryvyi Rih",
        slug="kryvyi-rih",
        parent=raion,
        region=oblast,
        district=raion,
        aliases="Krywyj Rih\nКривий Ріг",
        latitude=47.9,
        longitude=33.39,
        contact_email="kontakt@kr.example.org",
    )
    return {
        "land": land,
        "rb": rb,
        "kreis": kreis,
        "billerbeck": billerbeck,
        "oblast": oblast,
        "raion": raion,
        "kryvyi_rih": kryvyi_rih,
    }


@pytest.fixture
def many_partnerships(db):
    return [PartnershipFactory() for _ in range(30)]
