from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from partnerships.matchmaking.models import OriginStatistic, SearchProfile, SuggestionWeights
from tests.matchmaking.factories import OriginStatisticFactory, SearchProfileFactory
from tests.partnerships.factories import ActorFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db


def test_profile_is_valid_twelve_months_and_public_by_default():
    profile = SearchProfileFactory()
    assert profile.valid_until == timezone.localdate() + timedelta(days=365)
    assert profile.visibility == SearchProfile.Visibility.PUBLIC
    assert not profile.is_expired


def test_expired_and_staff_only_profiles_leave_the_public_list_but_stay():
    public = SearchProfileFactory()
    staff_only = SearchProfileFactory(visibility="staff")
    expired = SearchProfileFactory(valid_until=timezone.localdate() - timedelta(days=1))
    assert list(SearchProfile.objects.published()) == [public]
    assert set(SearchProfile.objects.active()) == {public, staff_only}
    assert expired.is_expired and SearchProfile.objects.filter(pk=expired.pk).exists()


def test_profile_texts_are_translatable():
    profile = SearchProfileFactory(needs_uk="Обмін досвідом", needs_de="Erfahrungsaustausch")
    assert profile.needs_uk == "Обмін досвідом"
    assert {f.name for f in SearchProfile._meta.get_fields()} >= {"offers_de", "offers_uk"}


def test_population_range_must_be_ordered():
    profile = SearchProfileFactory.build(
        actor=UkrainianActorFactory(), min_population=50000, max_population=10000
    )
    with pytest.raises(ValidationError):
        profile.full_clean()
    with pytest.raises(IntegrityError):
        profile.save()


def test_weights_live_in_one_row():
    weights = SuggestionWeights.current()
    assert SuggestionWeights.current().pk == weights.pk == 1
    assert set(weights.as_dict()) == set(SuggestionWeights.FACTORS)
    assert weights.safety == 0  # the 2022 lists flag, they do not rank down by default
    with pytest.raises(IntegrityError):
        SuggestionWeights.objects.create(pk=2)


def test_origin_statistic_needs_a_figure_and_an_oblast_only_for_ukraine():
    versmold = ActorFactory(name="Versmold")
    oblast = UkrainianActorFactory(kind="oblast", name="Oblast Schytomyr")
    stat = OriginStatistic(
        actor=versmold, origin_country="es", as_of=timezone.localdate(), source="Meldeamt"
    )
    with pytest.raises(ValidationError):
        stat.full_clean()
    stat.residents, stat.origin_region = 120, oblast
    with pytest.raises(ValidationError) as exc:
        stat.full_clean()
    assert "origin_region" in exc.value.message_dict
    stat.origin_country, stat.origin_region = "es", None
    stat.full_clean()
    assert stat.origin_country == "ES"
    assert OriginStatisticFactory(actor=versmold).actor == versmold
