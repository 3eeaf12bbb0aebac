"""A small register in the shape of the seed: Billerbeck and Hürth (NRW), Malyn and
Peremyshliany with their oblasts (Ukraine), Billerbeck–Malyn a partnership; an editor on each
side and a needs/offers factory."""

from datetime import timedelta

import pytest
from django.utils import timezone

from partnerships.exchange import services
from partnerships.exchange.models import Item
from portal.models import Horizon
from tests.factories import StaffFactory, UserFactory
from tests.partnerships.factories import (
    ActorFactory,
    EditorFactory,
    PartnershipFactory,
    UkrainianActorFactory,
)


@pytest.fixture
def world(db):
    rb = ActorFactory(name="Regierungsbezirk Münster", kind="gov_region")
    billerbeck = ActorFactory(name="Billerbeck", slug="billerbeck", region=rb)
    huerth = ActorFactory(name="Hürth", slug="huerth")
    duisburg = ActorFactory(name="Duisburg", slug="duisburg")
    zhytomyr = UkrainianActorFactory(
        name="Oblast Schytomyr", kind="oblast", latitude=50.25, longitude=28.66
    )
    lviv = UkrainianActorFactory(name="Oblast Lwiw", kind="oblast", latitude=49.84, longitude=24.03)
    malyn = UkrainianActorFactory(
        name="Malyn", slug="malyn", region=zhytomyr, latitude=50.77, longitude=29.23
    )
    peremyshliany = UkrainianActorFactory(
        name="Peremyshliany",
        slug="peremyshliany",
        region=lviv,
        is_sensitive=True,
        latitude=49.66,
        longitude=24.55,
    )
    PartnershipFactory(partners=[billerbeck, malyn])
    PartnershipFactory(partners=[huerth, peremyshliany])
    ua_editor = UserFactory(email="redaktion@malyn.example.org", language="uk")
    de_editor = UserFactory(email="redaktion@billerbeck.example.org")
    EditorFactory(user=ua_editor, actor=malyn)
    EditorFactory(user=de_editor, actor=billerbeck)
    return {
        "billerbeck": billerbeck,
        "huerth": huerth,
        "duisburg": duisburg,
        "malyn": malyn,
        "peremyshliany": peremyshliany,
        "zhytomyr": zhytomyr,
        "lviv": lviv,
        "ua_editor": ua_editor,
        "de_editor": de_editor,
        "staff": StaffFactory(),
        "humanitarian": Horizon.objects.get(slug=Horizon.HUMANITARIAN),
    }


@pytest.fixture
def make_item(world):
    def make(
        kind="need",
        actor=None,
        category="generator",
        quantity=2,
        publish=True,
        by=None,
        title=None,
        **extra,
    ) -> Item:
        actor = actor or (world["malyn"] if kind == "need" else world["billerbeck"])
        return services.item_save(
            item=None,
            by=by,
            kind=kind,
            actor=actor,
            category=category,
            horizon=extra.pop("horizon", world["humanitarian"]),
            title=title or ({"uk": "Генератори"} if kind == "need" else {"de": "Stromerzeuger"}),
            description=extra.pop("description", {}),
            quantity=quantity,
            valid_until=extra.pop("valid_until", timezone.localdate() + timedelta(days=90)),
            publish=publish,
            **extra,
        )

    return make
