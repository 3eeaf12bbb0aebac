"""Bestandsaufnahme: a Ukrainian contact opens the personal link, answers in Ukrainian, saves in
between, comes back, submits; staff apply the answer to the register."""

import pytest
from django.utils import translation

from partnerships.surveys import services
from partnerships.surveys.models import Invitation, Question, Survey
from tests.factories import UserFactory
from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_contact_answers_survey_in_ukrainian_and_staff_apply(page, journey):
    survey = Survey.objects.create(
        key="bestand", title_de="Bestandsaufnahme 2026", title_uk="Інвентаризація 2026",
        state="open",
    )  # fmt: skip
    group = Question.objects.create(
        survey=survey, position=1, kind="group", text_de="Partnerschaft", text_uk="Партнерство"
    )
    Question.objects.create(
        survey=survey, group=group, position=1, kind="choice", required=True, maps_to="status",
        text_de="Stand", text_uk="Стан",
        choices_de="active|aktiv\ndormant|ruhend", choices_uk="active|активне\ndormant|неактивне",
    )  # fmt: skip
    Question.objects.create(
        survey=survey, position=2, kind="number", text_de="Projekte", text_uk="Проєкти"
    )
    hromada = UkrainianActorFactory(name="Малин", contact_email="rada@malyn.example")
    partnership = PartnershipFactory(status="active", partners=[ActorFactory(), hromada])
    services.survey_send(survey=survey, actors=type(hromada).objects.filter(pk=hromada.pk))
    invitation = Invitation.objects.get(actor=hromada)
    assert invitation.language == "uk"
    with translation.override("uk"):
        from django.urls import reverse

        path = reverse(
            "surveys:answer", kwargs={"token": services.invitation_token(invitation=invitation)}
        )

    page.goto(page.base_url + path)
    assert page.locator("h1").inner_text() == "Інвентаризація 2026"
    journey.check("survey-uk")
    page.get_by_label("неактивне").check()
    page.get_by_role("button", name="Зберегти проміжно").click()
    assert "Проміжно збережено" in page.locator("[role=status]").inner_text()
    page.goto(page.base_url + path)  # later, the same link
    assert page.get_by_label("неактивне").is_checked()
    page.get_by_label("Проєкти").fill("2")
    page.get_by_role("button", name="Надіслати відповіді").click()
    assert "Дякуємо" in page.locator("main").inner_text()
    journey.check("survey-uk-done")

    invitation.refresh_from_db()
    services.answers_apply(invitation=invitation, by=UserFactory())
    partnership.refresh_from_db()
    assert partnership.status == "dormant"
    assert partnership.history.first().history_change_reason == "Bestandsaufnahme 2026"
