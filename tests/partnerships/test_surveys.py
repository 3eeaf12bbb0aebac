"""Bestandsaufnahme (issue 16 §2): personal links, reminders once, partial answers, review
into the register with history and source."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.imports.models import PartnershipFact
from partnerships.surveys import services
from partnerships.surveys.models import Invitation, Question, Survey
from portal.models import OutboundEmail
from portal.outbox import message_build
from tests.factories import UserFactory
from tests.partnerships.factories import (
    ActorFactory,
    EditorFactory,
    PartnershipFactory,
    UkrainianActorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    s = Survey.objects.create(key="bestand", title="Bestandsaufnahme 2026", state="open")
    Question.objects.create(
        survey=s, position=1, kind="choice", text="Ist der Kontakt noch aktuell?",
        choices="yes|ja\nno|nein", maps_to="contact_current",
    )  # fmt: skip
    Question.objects.create(
        survey=s, position=2, kind="text", text="Neue Kontakt-E-Mail", maps_to="contact_email"
    )
    group = Question.objects.create(survey=s, position=3, kind="group", text="Partnerschaft")
    Question.objects.create(
        survey=s, group=group, position=1, kind="choice", text="Stand", required=True,
        choices="active|aktiv\ndormant|ruhend\nended|beendet", maps_to="status",
    )  # fmt: skip
    Question.objects.create(
        survey=s, group=group, position=2, kind="date", text="Letzte Aktivität",
        maps_to="last_activity",
    )  # fmt: skip
    Question.objects.create(
        survey=s, group=group, position=3, kind="multiple", text="Themen",
        choices="health|Gesundheit\nschool|Schule",
    )  # fmt: skip
    Question.objects.create(survey=s, position=4, kind="number", text="Projekte")
    return s


@pytest.fixture
def actor():
    return ActorFactory(name="Billerbeck", contact_email="rathaus@billerbeck.example")


@pytest.fixture
def partnership(actor):
    return PartnershipFactory(status="active", partners=[actor, UkrainianActorFactory()])


def _invite(survey, actor, **kw):
    services.survey_send(survey=survey, actors=type(actor).objects.filter(pk=actor.pk), **kw)
    return Invitation.objects.get(survey=survey, actor=actor, email=actor.contact_email)


def _url(invitation):
    token = services.invitation_token(invitation=invitation)
    return reverse("surveys:answer", kwargs={"token": token})


def test_send_to_contact_and_editors_once_via_outbox(survey, actor, partnership):
    EditorFactory(actor=actor, user=UserFactory(email="redaktion@billerbeck.example"))
    assert services.survey_send(survey=survey, actors=type(actor).objects.all()) == 2
    assert services.survey_send(survey=survey, actors=type(actor).objects.all()) == 0
    rows = OutboundEmail.objects.filter(template=services.INVITATION)
    assert rows.count() == 2 and all(set(r.context) == {"invitation_id"} for r in rows)
    message = message_build(rows.first())
    token = message.body.split("/bestandsaufnahme/")[1].split("/")[0]
    assert services.invitation_from_token(token=token).actor == actor


def test_links_forged_expired_and_after_submit(client, survey, actor, partnership):
    invitation = _invite(survey, actor)
    url = _url(invitation)
    response = client.get(url)
    assert response.status_code == 200 and str(partnership) in response.content.decode()
    assert client.get(url[:-3] + "xx/").status_code == 404
    other = Invitation.objects.create(
        survey=survey, actor=actor, email="x@example.org", sent_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    from django.core import signing

    forged = signing.dumps({"i": other.pk, "n": other.nonce}, salt="guessed", compress=True)
    response = client.get(reverse("surveys:answer", args=[forged]))
    assert response.status_code == 404 and "ungültig" in response.content.decode()
    invitation.expires_at = timezone.now() - timedelta(seconds=1)
    invitation.save()
    response = client.get(url)
    assert response.status_code == 404 and "abgelaufen" in response.content.decode()
    invitation.expires_at = timezone.now() + timedelta(days=3)
    invitation.submitted_at = timezone.now()
    invitation.save()
    response = client.get(url)
    assert (
        "bereits abgeschickt" in response.content.decode()
        and "<form" not in response.content.decode().split("<main")[-1]
    )


def test_partial_answers_saved_and_required_on_submit(client, survey, actor, partnership):
    invitation = _invite(survey, actor)
    url = _url(invitation)
    status_q = survey.questions.get(text="Stand")
    number_q = survey.questions.get(text="Projekte")
    client.post(url, {"save": "1", f"{number_q.pk}": "3"})
    invitation.refresh_from_db()
    assert invitation.answers[f"{number_q.pk}"] == 3 and invitation.submitted_at is None
    response = client.post(url, {"submit": "1", f"{number_q.pk}": "3"})
    assert "Bitte beantworten" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.submitted_at is None
    response = client.post(url, {"save": "1", f"{number_q.pk}": "drei"})
    assert "Bitte eine Zahl" in response.content.decode()
    assert 'value="drei"' in response.content.decode()  # typed input kept
    invitation.refresh_from_db()
    assert invitation.answers[f"{number_q.pk}"] == 3
    key = f"{status_q.pk}:{partnership.pk}"
    client.post(url, {"submit": "1", key: "dormant"})
    invitation.refresh_from_db()
    assert invitation.submitted_at is not None and invitation.answers[key] == "dormant"


def test_answer_page_in_ukrainian(client, survey, actor, partnership):
    survey.title_uk = "Інвентаризація 2026"
    survey.save()
    invitation = _invite(survey, actor)
    with translation.override("uk"):
        url = _url(invitation)
    assert url.startswith("/uk/")
    assert "Інвентаризація 2026" in client.get(url).content.decode()


def test_reminders_after_7_and_14_days_once_each(survey, actor, partnership):
    start = timezone.now()
    invitation = _invite(survey, actor, now=start)
    assert services.reminders_send(now=start + timedelta(days=6)) == 0
    assert services.reminders_send(now=start + timedelta(days=8)) == 1
    assert services.reminders_send(now=start + timedelta(days=9)) == 0
    assert services.reminders_send(now=start + timedelta(days=15)) == 1
    assert services.reminders_send(now=start + timedelta(days=16)) == 0
    assert OutboundEmail.objects.filter(template=services.REMINDER).count() == 2
    invitation.refresh_from_db()
    assert invitation.reminded_7_at and invitation.reminded_14_at
    # Submitted: no reminder; beat down for two weeks: one reminder, not two.
    late = ActorFactory(contact_email="late@example.org")
    PartnershipFactory(partners=[late, UkrainianActorFactory()])
    _invite(survey, late, now=start)
    done = ActorFactory(contact_email="done@example.org")
    _invite(survey, done, now=start)
    Invitation.objects.filter(actor=done).update(submitted_at=start)
    assert services.reminders_send(now=start + timedelta(days=15)) == 1


def test_apply_answers_to_register_with_history_and_source(survey, actor, partnership, staff_user):
    invitation = _invite(survey, actor)
    q = {x.text: x for x in survey.questions.all()}
    errors = services.answers_save(
        invitation=invitation,
        raw={
            f"{q['Ist der Kontakt noch aktuell?'].pk}": "no",
            f"{q['Neue Kontakt-E-Mail'].pk}": "partnerschaft@billerbeck.example",
            f"{q['Stand'].pk}:{partnership.pk}": "dormant",
            f"{q['Letzte Aktivität'].pk}:{partnership.pk}": "2025-10-03",
        },
        submit=True,
    )
    assert errors == {}
    changed = services.answers_apply(invitation=invitation, by=staff_user)
    assert changed
    partnership.refresh_from_db()
    actor.refresh_from_db()
    assert partnership.status == "dormant"
    record = partnership.history.first()
    assert record.history_change_reason == "Bestandsaufnahme 2026"
    assert record.history_user == staff_user
    assert actor.contact_email == "partnerschaft@billerbeck.example"
    assert actor.history.first().history_change_reason == "Bestandsaufnahme 2026"
    fact = PartnershipFact.objects.get(partnership=partnership, field="last_activity")
    assert fact.date == date(2025, 10, 3) and fact.source == "Bestandsaufnahme 2026"
    invitation.refresh_from_db()
    assert invitation.applied_at is not None


def test_admin_rates_export_and_apply(client, staff_user, survey, actor, partnership):
    invitation = _invite(survey, actor)
    status_q = survey.questions.get(text="Stand")
    services.answers_save(
        invitation=invitation, raw={f"{status_q.pk}:{partnership.pk}": "ended"}, submit=True
    )
    client.force_login(staff_user)
    response = client.get(reverse("admin:surveys_survey_rates", args=[survey.pk]))
    assert response.status_code == 200 and "100" in response.content.decode()
    changelist = reverse("admin:surveys_survey_changelist")
    response = client.post(changelist, {"action": "export_csv", "_selected_action": [survey.pk]})
    assert "Billerbeck" in response.content.decode(
        "utf-8-sig"
    ) and "ended" in response.content.decode("utf-8-sig")
    response = client.post(changelist, {"action": "export_xlsx", "_selected_action": [survey.pk]})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    page = client.get(reverse("admin:surveys_invitation_change", args=[invitation.pk]))
    assert page.status_code == 200 and "ended" in page.content.decode()
    client.post(
        reverse("admin:surveys_invitation_changelist"),
        {"action": "apply_answers", "_selected_action": [invitation.pk]},
    )
    partnership.refresh_from_db()
    assert partnership.status == "ended"


def test_new_version_copies_questions(survey):
    copy = services.survey_new_version(survey=survey)
    assert (copy.key, copy.version, copy.state) == ("bestand", 2, "draft")
    assert copy.questions.count() == survey.questions.count()
    assert copy.questions.get(text="Stand").group.survey == copy


def test_demo_has_one_finished_survey_applied_to_the_register():
    from io import StringIO

    from partnerships.demo import load_demo as load_partnerships
    from partnerships.surveys.demo import load_demo

    load_partnerships(stdout=StringIO())
    load_demo(stdout=StringIO())
    load_demo(stdout=StringIO())  # idempotent
    survey = Survey.objects.get(key="bestandsaufnahme-2026")
    assert survey.state == "closed" and survey.title_uk == "Інвентаризація 2026"
    invitation = Invitation.objects.get(survey=survey)
    assert invitation.submitted_at and invitation.applied_at
    assert PartnershipFact.objects.filter(
        field="last_activity", source="Bestandsaufnahme 2026"
    ).exists()


def _submitted(survey, actor, raw: dict):
    invitation = _invite(survey, actor)
    assert services.answers_save(invitation=invitation, raw=raw, submit=True) == {}
    return invitation


def _answer_sets(survey, n: int):
    """``n`` actors, each with one partnership, answer: status (per partnership), themes,
    a number of projects."""
    q = {x.text: x for x in survey.questions.all()}
    for i in range(n):
        a = ActorFactory(contact_email=f"rathaus{i}@example.org")
        p = PartnershipFactory(status="active", partners=[a, UkrainianActorFactory()])
        _submitted(
            survey,
            a,
            {
                f"{q['Stand'].pk}:{p.pk}": "dormant" if i % 3 == 0 else "active",
                f"{q['Themen'].pk}:{p.pk}": ["health", "school"] if i % 2 else ["school"],
                f"{q['Projekte'].pk}": str(i),
            },
        )


def test_results_count_answers_per_question(survey):
    from partnerships.surveys import selectors

    _answer_sets(survey, 3)  # status dormant, active, active; projects 0, 1, 2
    results = {e["question"].text: e for e in selectors.results(survey=survey)}
    assert list(results) == ["Ist der Kontakt noch aktuell?", "Stand", "Themen", "Projekte"]
    assert results["Stand"]["counts"] == {"dormant": 1, "active": 2}
    assert results["Stand"]["group"].text == "Partnerschaft"
    assert results["Themen"]["counts"] == {"school": 3, "health": 1}
    assert results["Themen"]["answered"] == 3
    assert sorted(results["Projekte"]["numbers"]) == [0, 1, 2]
    assert results["Ist der Kontakt noch aktuell?"]["answered"] == 0


def test_results_sections_have_chart_table_and_summary(survey):
    from partnerships.surveys.presentation import result_sections

    _answer_sets(survey, 3)
    with translation.override("de"):
        sections = {s.title: s for s in result_sections(survey=survey)}
    status = sections["Partnerschaft: Stand"]
    assert status.headers == ["Antwort", "Anzahl", "Anteil in %"]
    assert status.rows == [["aktiv", 2, 66.7], ["ruhend", 1, 33.3], ["beendet", 0, 0.0]]
    assert status.summary.startswith("3 Antworten. Am häufigsten: aktiv (2, 66,7")
    assert "jede Partnerschaft zählt einmal" in status.summary
    assert len(status.charts) == 1 and status.charts[0].startswith("<svg")
    assert 'role="img"' in status.charts[0] and "<title" in status.charts[0]
    projects = sections["Projekte"]
    assert projects.rows == [["0", 1], ["1", 1], ["2", 1]]
    assert "Summe 3, Mittelwert 1, kleinster Wert 0, größter 2" in projects.summary
    unanswered = sections["Ist der Kontakt noch aktuell?"]
    assert unanswered.charts == [] and unanswered.summary == "Noch keine Antworten."


def test_many_different_numbers_are_grouped_in_ranges():
    from partnerships.surveys.presentation import _number_rows

    rows = _number_rows(list(range(0, 101)))
    assert [label for label, _n in rows] == ["0–19", "20–39", "40–59", "60–79", "80–100"]
    assert sum(n for _label, n in rows) == 101


def test_admin_results_page_shows_charts_with_constant_queries(
    client, staff_user, survey, django_assert_max_num_queries
):
    client.force_login(staff_user)
    url = reverse("admin:surveys_survey_rates", args=[survey.pk])
    _answer_sets(survey, 1)
    client.get(url)  # warm up (session, permissions)
    with django_assert_max_num_queries(12) as few:
        response = client.get(url)
    assert response.status_code == 200
    _answer_sets(survey, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    html = response.content.decode()
    assert "Ergebnisse" in html
    assert html.count('class="stat-chart"') == 3  # Stand, Themen, Projekte
    assert 'id="frage-' in html and html.count("<table") >= 2 + 4
    assert "9 Antworten. Am häufigsten: aktiv (5, 55,6" in html
    assert "Summe 28, Mittelwert 3,1, kleinster Wert 0" in html
    assert "partnerships/statistics.css" in html


def test_long_answer_labels_are_shortened_in_the_chart_not_in_the_table(survey):
    from partnerships.surveys.presentation import result_sections

    label = "Ja, wir treffen uns regelmäßig und planen gemeinsame Projekte"
    status = survey.questions.get(text="Stand")
    status.choices = f"active|{label}\ndormant|ruhend"
    status.save()
    _answer_sets(survey, 2)
    [section] = [s for s in result_sections(survey=survey) if s.title.endswith("Stand")]
    assert section.rows[0][0] == label
    chart = section.charts[0]
    assert f"<title>{label}</title>{label[:31]}…</text>" in chart
