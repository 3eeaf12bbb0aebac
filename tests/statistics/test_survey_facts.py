"""Statistics read the facts a survey applies to the register (issue 16: "active versus
dormant" takes the last activity reported in a Bestandsaufnahme into account)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.imports.models import PartnershipFact
from partnerships.statistics import figures
from partnerships.surveys import services
from partnerships.surveys.models import Invitation, Question, Survey
from tests.factories import UserFactory
from tests.statistics.conftest import TODAY

pytestmark = pytest.mark.django_db


def _activity(today=TODAY) -> dict:
    return {r["state"]: r["count"] for r in figures.compute(today=today)["activity"]}


def _answer_last_activity(register, day: date) -> Invitation:
    """Köln (P2 Köln–Kyiv, dormant by its old data) answers a survey: last activity ``day``;
    the answer is submitted and applied by staff."""
    survey = Survey.objects.create(key="bestand", title="Bestandsaufnahme 2026", state="open")
    group = Question.objects.create(survey=survey, position=1, kind="group", text="Partnerschaft")
    question = Question.objects.create(
        survey=survey, group=group, position=1, kind="date", text="Letzte Aktivität",
        maps_to="last_activity",
    )  # fmt: skip
    koeln = register["koeln"]
    koeln.contact_email = "rathaus@koeln.example"
    koeln.save()
    services.survey_send(survey=survey, actors=type(koeln).objects.filter(pk=koeln.pk))
    invitation = Invitation.objects.get(survey=survey, actor=koeln)
    raw = {
        services.answer_key(question, p): day.isoformat() for p in services.partnerships_of(koeln)
    }
    assert services.answers_save(invitation=invitation, raw=raw, submit=True) == {}
    invitation.refresh_from_db()
    services.answers_apply(invitation=invitation, by=UserFactory(is_staff=True))
    return invitation


def test_reported_last_activity_makes_a_dormant_partnership_active(register):
    assert _activity() == {"active": 1, "dormant": 2, "no_activity": 0}
    _answer_last_activity(register, date(2026, 5, 20))
    fact = PartnershipFact.objects.get(partnership=register["p2"], field="last_activity")
    assert fact.source == "Bestandsaufnahme 2026"
    # P2 Köln–Kyiv is active now; nothing else moved.
    assert _activity() == {"active": 2, "dormant": 1, "no_activity": 0}
    # A reported date after the day counted does not count (figures of the past stay).
    assert _activity(date(2026, 5, 19)) == {"active": 1, "dormant": 2, "no_activity": 0}


def test_a_reported_activity_kept_only_as_a_conflicting_fact_does_not_count(register):
    PartnershipFact.objects.create(
        partnership=register["p2"], field="last_activity", date=date(2026, 5, 20),
        source="Liste 2026", is_current=False,
    )  # fmt: skip
    assert _activity() == {"active": 1, "dormant": 2, "no_activity": 0}


def test_page_shows_the_change_at_once_after_applying(
    client, register, django_capture_on_commit_callbacks
):
    with translation.override("de"):
        url = reverse("statistics:page")
    today = timezone.localdate()
    before = client.get(url).content.decode()  # computed and cached
    assert "<dd>1 / 2</dd>" in before  # active / dormant
    with django_capture_on_commit_callbacks(execute=True):
        _answer_last_activity(register, today)
    after = client.get(url).content.decode()
    assert "<dd>2 / 1</dd>" in after
    assert f'<time datetime="{today.isoformat()}">' in after
