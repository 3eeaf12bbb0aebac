from datetime import date

import pytest

from partnerships.filters import PartnershipFilter
from partnerships.models import Partnership
from portal.models import Horizon, Theme
from tests.partnerships.factories import ActorFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def _slugs(params):
    f = PartnershipFilter(params, queryset=Partnership.objects.published())
    assert f.is_valid(), f.errors
    return set(f.qs.values_list("slug", flat=True))


@pytest.fixture
def register(areas):
    a = PartnershipFactory(
        slug="billerbeck-kr",
        kind="twinning",
        is_formal=True,
        status="signed",
        since=date(2023, 3, 1),
        partners=[areas["billerbeck"], areas["kryvyi_rih"]],
    )
    a.themes.add(Theme.objects.get(slug="jugend"))
    a.horizons.add(Horizon.objects.get(slug="humanitarian"))
    b = PartnershipFactory(
        slug="kreis-poland",
        kind="district",
        is_formal=False,
        status="active",
        since=date(1995, 6, 1),
        partners=[areas["kreis"], ActorFactory(country="PL")],
    )
    c = PartnershipFactory(slug="other", kind="solidarity", since=date(2022, 5, 1))
    PartnershipFactory(
        slug="draft", publication_state="draft", partners=[areas["billerbeck"], ActorFactory()]
    )
    return a, b, c


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"billerbeck-kr", "kreis-poland", "other"}),
        ({"kind": ["twinning", "district"]}, {"billerbeck-kr", "kreis-poland"}),
        ({"formal": "true"}, {"billerbeck-kr"}),
        ({"formal": "false"}, {"kreis-poland", "other"}),
        ({"status": ["active"]}, {"kreis-poland", "other"}),
        ({"theme": "jugend"}, {"billerbeck-kr"}),
        ({"horizon": "humanitarian"}, {"billerbeck-kr"}),
        ({"regierungsbezirk": "rb-muenster"}, {"billerbeck-kr", "kreis-poland"}),
        ({"kreis": "kreis-coesfeld"}, {"billerbeck-kr", "kreis-poland"}),
        ({"oblast": "oblast-dnipropetrowsk"}, {"billerbeck-kr"}),
        ({"country": "PL"}, {"kreis-poland"}),
        ({"year_from": "2000"}, {"billerbeck-kr", "other"}),
        ({"year_from": "2022", "year_to": "2022"}, {"other"}),
        ({"q": "Krywyj"}, {"billerbeck-kr"}),
        ({"q": "Кривий Ріг"}, {"billerbeck-kr"}),
        ({"q": "billerbeck", "oblast": "oblast-dnipropetrowsk"}, {"billerbeck-kr"}),
    ],
)
def test_facets(register, params, expected):
    assert _slugs(params) == expected


@pytest.mark.parametrize(
    "params",
    [{"kind": ["nonsense"]}, {"oblast": "unknown"}, {"year_from": "abc"}, {"q": "a\nb"}],
)
def test_bad_filter_values_are_reported(register, params):
    f = PartnershipFilter(params, queryset=Partnership.objects.published())
    assert not f.is_valid()
