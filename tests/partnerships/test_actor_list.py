import pytest
from django.urls import reverse

from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db


def _names(client, params):
    response = client.get(reverse("partnerships:actor_list"), params)
    assert response.status_code == 200
    return {a.name for a in response.context["page"].object_list}


def test_kreise_without_ukrainian_partnership(client, areas):
    other_kreis = ActorFactory(name="Kreis Borken", kind="district", region=areas["rb"])
    PartnershipFactory(partners=[areas["billerbeck"], areas["kryvyi_rih"]])  # inside Coesfeld
    assert _names(client, {"kind": "district", "without_partner_country": "UA"}) == {
        other_kreis.name
    }
    assert _names(client, {"kind": "district", "partner_country": "UA"}) == {"Kreis Coesfeld"}


def test_hromadas_of_an_oblast_with_german_partner(client, areas):
    lonely = UkrainianActorFactory(name="Einsam", region=areas["oblast"])
    PartnershipFactory(partners=[areas["billerbeck"], areas["kryvyi_rih"]])
    PartnershipFactory(partners=[lonely, UkrainianActorFactory()])  # UA–UA does not count
    params = {"kind": "hromada", "oblast": "oblast-dnipropetrowsk", "partner_country": "DE"}
    assert _names(client, params) == {"Kryvyi Rih"}


def test_drafts_do_not_count_and_query_budget(client, areas, django_assert_max_num_queries):
    PartnershipFactory(
        partners=[areas["billerbeck"], areas["kryvyi_rih"]], publication_state="draft"
    )
    assert _names(client, {"kind": "district", "partner_country": "UA"}) == set()
    for _ in range(30):
        ActorFactory()
    with django_assert_max_num_queries(8):
        client.get(reverse("partnerships:actor_list"), {"q": "Muster"})
