from io import StringIO

import pytest

from partnerships.matchmaking.demo import load_demo
from partnerships.matchmaking.models import MatchCase, PlaceFacts, SearchProfile
from partnerships.matchmaking.selectors import profile_suggestions, public_profiles
from partnerships.reference import reference_actors_load

pytestmark = pytest.mark.django_db


def test_demo_profiles_on_both_sides_and_a_case_idempotent():
    reference_actors_load()
    load_demo(stdout=StringIO())
    counts = (SearchProfile.objects.count(), MatchCase.objects.count())
    load_demo(stdout=StringIO())
    assert (SearchProfile.objects.count(), MatchCase.objects.count()) == counts == (5, 1)
    assert PlaceFacts.objects.count() == 396 + 1469
    sides = {p.actor.country for p in public_profiles()}
    assert sides == {"DE", "UA"}
    assert SearchProfile.objects.filter(visibility="staff").count() == 1
    case = MatchCase.objects.get()
    assert case.state == "shortlist" and case.candidates.count() == 2
    korosten = case.profile
    names = [s.actor.name for s in profile_suggestions(profile=korosten, staff=True, limit=50)]
    assert "Warendorf" in names  # the two profiles seek each other


def test_demo_profiles_that_staff_deleted_or_readdressed_do_not_come_back():
    reference_actors_load()
    load_demo(stdout=StringIO())
    first, second = SearchProfile.objects.order_by("pk")[:2]
    SearchProfile.objects.filter(pk=first.pk).delete()
    second.contact_email = "neu@example.org"
    second.save()
    load_demo(stdout=StringIO())
    assert SearchProfile.objects.count() == 4
    assert SearchProfile.objects.filter(actor=second.actor).count() == 1
    assert not SearchProfile.objects.filter(actor=first.actor).exists()
