from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships import services
from partnerships.models import Actor, DatePrecision, Partnership, format_precise_date
from tests.partnerships.factories import (
    ActorFactory,
    EditorFactory,
    PartnershipFactory,
    UkrainianActorFactory,
)

pytestmark = pytest.mark.django_db


def test_precise_date_display():
    d = date(2023, 2, 21)
    assert format_precise_date(d, DatePrecision.YEAR) == "2023"
    assert format_precise_date(d, DatePrecision.MONTH) == "02/2023"
    assert format_precise_date(d, DatePrecision.DAY) == "21.02.2023"
    assert format_precise_date(None, DatePrecision.DAY) == ""


def test_create_partnership_with_broker():
    a, b, c = ActorFactory(), UkrainianActorFactory(), ActorFactory(country="PL")
    p = services.partnership_create(kind="friendship", partners=[a, b], brokers=[c])
    assert p.title == f"{a.name} – {b.name}"
    assert p.members.count() == 3
    assert p.members.get(actor=c).role == "broker"
    assert p.publication_state == "draft"


@pytest.mark.parametrize("partners", ["one", "same-twice"])
def test_partnership_needs_two_different_partners(partners):
    a = ActorFactory()
    actors = [a] if partners == "one" else [a, a]
    with pytest.raises(ValidationError):
        services.partnership_create(kind="twinning", partners=actors)
    assert Partnership.objects.count() == 0


def test_member_unique_in_database():
    p = PartnershipFactory()
    actor = p.members.first().actor
    with pytest.raises(IntegrityError), transaction.atomic():
        p.members.create(actor=actor)


def test_future_dates_rejected():
    a, b = ActorFactory(), UkrainianActorFactory()
    with pytest.raises(ValidationError):
        services.partnership_create(
            kind="twinning", partners=[a, b], since=date.today() + timedelta(days=3)
        )


def test_coordinates_out_of_range_rejected():
    actor = Actor(name="X", slug="x", kind="municipality", country="DE", latitude=91, longitude=0)
    with pytest.raises(ValidationError) as exc:
        actor.full_clean()
    assert "latitude" in exc.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        actor.save()


def test_zero_zero_rejected():
    actor = Actor(name="X", slug="x", kind="municipality", country="DE", latitude=0, longitude=0)
    with pytest.raises(ValidationError):
        actor.full_clean()


def test_unknown_country_rejected():
    actor = Actor(name="X", slug="x", kind="municipality", country="XX")
    with pytest.raises(ValidationError) as exc:
        actor.full_clean()
    assert "country" in exc.value.message_dict


def test_kind_change_is_kept():
    p = PartnershipFactory(kind="project")
    services.partnership_change_kind(partnership=p, kind="twinning", note="Ratsbeschluss")
    p.refresh_from_db()
    assert p.kind == "twinning"
    change = p.kind_changes.get()
    assert (change.from_kind, change.to_kind) == ("project", "twinning")


def test_history_keeps_translations_and_user(staff_user):
    p = PartnershipFactory(summary_de="Deutsch", summary_uk="Українською")
    services.partnership_send_back(partnership=p, comment="Bitte Bilder ergänzen", by=staff_user)
    latest = p.history.latest()
    assert latest.summary_uk == "Українською"
    assert latest.history_user == staff_user
    assert latest.publication_state == "draft"


def test_queryset_methods(django_assert_num_queries):
    published = PartnershipFactory()
    PartnershipFactory(publication_state="draft")
    assert list(Partnership.objects.published()) == [published]
    editor = EditorFactory(actor=published.members.first().actor)
    assert list(Partnership.objects.for_editor(editor.user)) == [published]
    with django_assert_num_queries(2):
        for p in Partnership.objects.with_members():
            [m.actor.name for m in p.members.all()]


def test_publish_and_send_back(staff_user):
    p = PartnershipFactory(publication_state="review")
    services.partnership_publish(partnership=p, by=staff_user)
    assert p.publication_state == "published" and p.published_at
    with pytest.raises(ValidationError):
        services.partnership_send_back(partnership=p, comment="  ")
