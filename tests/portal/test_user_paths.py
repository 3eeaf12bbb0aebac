"""What users met on the way (issue 15, §3): empty results, card commas, links."""

import re

import pytest

from partnerships.models import PartnershipMember
from tests.factories import UserFactory
from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["de", "uk"])
def test_empty_result_says_so(client, language):
    PartnershipFactory()
    html = client.get(f"/{language}/partnerschaften/?q=Dortmund").content.decode()
    assert 'class="empty-state"' in html
    assert {"de": "0 Partnerschaften", "uk": "0 партнерств"}[language] in html


def test_empty_actor_list_says_so(client):
    html = client.get("/de/akteure/?q=Nirgendwo-xyz").content.decode()
    assert 'class="empty-state"' in html


def test_register_card_never_starts_with_a_comma(client):
    broker = ActorFactory(name="Iecava")
    p = PartnershipFactory(
        partners=[broker, ActorFactory(name="Billerbeck"), UkrainianActorFactory(name="Malyn")]
    )
    PartnershipMember.objects.filter(partnership=p, actor=broker).update(
        role=PartnershipMember.Role.THIRD_PARTY
    )
    html = client.get("/de/partnerschaften/").content.decode()
    partners = re.search(r'<p class="partners">(.*?)</p>', html).group(1)
    assert partners == "Billerbeck (DE), Malyn (UA)"


def test_every_offer_on_the_home_page_links_somewhere(client):
    html = client.get("/de/").content.decode()
    offers = html.split('id="offers-title"', 1)[1].split("</section>", 1)[0]
    cards = re.findall(r'<li class="card">(.*?)</li>', offers, re.S)
    assert len(cards) == 4
    for card in cards:
        hrefs = re.findall(r'href="([^"]+)"', card)
        assert hrefs, card
        for href in hrefs:
            assert client.get(href).status_code == 200, href


def test_empty_my_area_links_the_lists_it_mentions(client):
    client.force_login(UserFactory())
    html = client.get("/de/mein-bereich/").content.decode()
    assert 'href="/de/akteure/"' in html
    assert 'href="/de/beratung/"' in html
