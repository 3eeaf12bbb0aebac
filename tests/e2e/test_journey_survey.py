"""Bestandsaufnahme (issue 16): staff send a survey from the admin → an editor of a Ukrainian
hromada opens the personal link from the email, answers in Ukrainian, saves in between, comes
back, submits → staff apply the answer in the admin → /statistik/ shows the partnership active
again, with today's "Stand"."""

from datetime import date

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from partnerships.models import Partnership
from partnerships.surveys.models import Invitation, Question, Survey
from tests.e2e.conftest import link_from_mail
from tests.e2e.test_journey_staff import run_admin_action
from tests.factories import PASSWORD, StaffFactory, UserFactory
from tests.partnerships.factories import (
    ActorFactory,
    EditorFactory,
    PartnershipFactory,
    UkrainianActorFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _active_dormant(page) -> str:
    """The key figure "aktiv / ruhend" of the statistics page."""
    page.goto(page.base_url + "/de/statistik/")
    return page.locator(".stat-key div", has_text="ruhend").locator("dd").inner_text()


def test_staff_send_editor_answers_in_ukrainian_staff_apply_statistics_show_it(
    page, journey, mailoutbox, settings
):
    settings.ADMIN_REQUIRE_2FA = False
    survey = Survey.objects.create(
        key="bestand", title_de="Bestandsaufnahme 2026", title_uk="Інвентаризація 2026",
        state="draft",
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
        survey=survey, group=group, position=2, kind="date", maps_to="last_activity",
        text_de="Letzte Aktivität", text_uk="Остання активність",
    )  # fmt: skip
    Question.objects.create(
        survey=survey, position=2, kind="number", text_de="Projekte", text_uk="Проєкти"
    )
    hromada = UkrainianActorFactory(name="Малин")
    EditorFactory(actor=hromada, user=UserFactory(email="redaktion@malyn.example", language="uk"))
    # Dormant by its old data: nothing recorded since it began in 2019.
    partnership = PartnershipFactory(
        status="dormant",
        since=date(2019, 5, 1),
        partners=[ActorFactory(name="Billerbeck", official_code="05558008"), hromada],
    )
    staff = StaffFactory(is_superuser=True, email="team@example.org")
    today = timezone.localdate()

    # Before: the partnership counts as dormant.
    assert _active_dormant(page) == "0 / 1"

    # Staff log in and send the survey from the admin.
    page.goto(page.base_url + "/admin/")
    page.wait_for_url("**/konto/login/**")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    page.goto(page.base_url + "/admin/surveys/survey/")
    run_admin_action(
        page,
        row_text="Bestandsaufnahme 2026",
        action_label="An alle Akteure mit Partnerschaften senden",
    )
    assert "1 Einladung verschickt." in page.locator(".messagelist").inner_text()

    # The editor's invitation is in Ukrainian, with the personal link.
    [mail] = [m for m in mailoutbox if m.to == ["redaktion@malyn.example"]]
    link = link_from_mail(mail, r"https?://\S+/bestandsaufnahme/\S+/")
    assert "/uk/" in link

    page.goto(link)
    assert page.locator("h1").inner_text() == "Інвентаризація 2026"
    journey.check("survey-uk")
    page.get_by_label("активне", exact=True).check()
    page.get_by_role("button", name="Зберегти проміжно").click()
    assert "Проміжно збережено" in page.locator("[role=status]").inner_text()
    page.goto(link)  # later, the same link
    assert page.get_by_label("активне", exact=True).is_checked()
    page.get_by_label("Остання активність").fill(today.isoformat())
    page.get_by_label("Проєкти").fill("2")
    page.get_by_role("button", name="Надіслати відповіді").click()
    assert "Дякуємо" in page.locator("main").inner_text()
    journey.check("survey-uk-done")
    assert Invitation.objects.get(actor=hromada).submitted_at is not None

    # Staff see the response rate and the results as charts beside their tables.
    page.goto(page.base_url + f"/admin/surveys/survey/{survey.pk}/ruecklauf/")
    results = page.locator("#ergebnisse ~ section.stat-section")
    assert results.count() == 2  # Stand (per partnership), Projekte
    assert page.locator("svg.stat-chart[role=img]").count() == 2
    assert "1 Antwort. Am häufigsten: aktiv (1, 100" in results.first.inner_text()
    # (axe on the results only: the admin's own breadcrumbs are not this page's.)
    journey.check("survey-results", axe=False)
    violations = journey.axe.run(page).response["violations"]
    in_results = [
        (v["id"], n["target"][0])
        for v in violations
        if v["impact"] in ("serious", "critical")
        for n in v["nodes"]
        if "breadcrumbs" not in n["target"][0]
    ]
    assert in_results == []

    # Staff review the answer and apply it to the register.
    page.goto(page.base_url + "/admin/surveys/invitation/")
    run_admin_action(
        page, row_text="Малин", action_label="Geprüft: Antworten ins Register übernehmen"
    )
    messages = page.locator(".messagelist").inner_text()
    assert "aktiv" in messages and today.isoformat() in messages
    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.ACTIVE
    assert partnership.history.first().history_change_reason == "Bestandsaufnahme 2026"

    # /statistik/ shows the change at once (no stale cache), as of today.
    assert _active_dormant(page) == "1 / 0"
    stand = page.locator(".stat-asof time")
    assert stand.get_attribute("datetime") == today.isoformat()
    with override("de"):
        assert stand.inner_text() == date_format(today, "DATE_FORMAT")
    activity = page.locator("#activity table")
    assert activity.locator("tr", has_text="aktiv").first.locator("td").inner_text() == "1"
    assert page.console_errors == []
