"""Proposing a partnership that exists already points to it instead of making a second."""

import pytest
from django.urls import reverse

from partnerships.models import Partnership
from tests.partnerships.factories import (
    ActorFactory,
    EditorFactory,
    PartnershipFactory,
    UkrainianActorFactory,
)

pytestmark = pytest.mark.django_db


def propose_malyn(client, own):
    """As an editor of ``own``, propose a twinning with Malyn."""
    client.force_login(EditorFactory(actor=own).user)
    return client.post(
        reverse("partnerships:propose"),
        {"own_actor": own.pk, "partner_country": "UA", "partner": "Malyn",
         "kind": "twinning", "summary": "Seit 2023"},
    )  # fmt: skip


def test_proposing_an_existing_partnership_points_to_it(client):
    own = ActorFactory(name="Billerbeck")
    malyn = UkrainianActorFactory(name="Malyn", official_code="UA18060130000061781")
    existing = PartnershipFactory(partners=[own, malyn])
    response = propose_malyn(client, own)
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:edit", kwargs={"slug": existing.slug})
    assert Partnership.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "schon eingetragen" in page


def test_other_partners_still_make_a_new_proposal(client):
    own = ActorFactory(name="Billerbeck")
    malyn = UkrainianActorFactory(name="Malyn", official_code="UA18060130000061781")
    PartnershipFactory(partners=[own, malyn, ActorFactory()])  # a triangle is another one
    response = propose_malyn(client, own)
    assert response.status_code == 302
    assert Partnership.objects.count() == 2
