"""Matchmaking cases: the state machine, history, introductions with one-click answers,
partnerships created in the register, reminders, and who sees what."""

import itertools
import re
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.matchmaking import selectors, services, tasks
from partnerships.matchmaking.models import (
    TRANSITIONS,
    CaseEvent,
    CaseState,
    IntroductionAnswer,
    MatchCase,
)
from partnerships.matchmaking.selectors import actor_suggestions
from partnerships.models import Partnership
from portal.models import OutboundEmail
from portal.tasks import outbound_email_send
from tests.factories import UserFactory
from tests.mail import send_pending
from tests.matchmaking.factories import SearchProfileFactory
from tests.partnerships.factories import EditorFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world, staff_user):
    profile = SearchProfileFactory(
        actor=world["malyn"],
        contact_name="Олена Коваленко",
        contact_email="olena@example.org",
        contact_language="uk",
        needs_uk="Партнера для молодіжних обмінів",
        needs_de="Partner für Jugendaustausch",
    )
    return services.case_open(profile=profile, by=staff_user)


def introduce(case, world, staff_user, capture):
    services.case_shortlist(case=case, candidates=[(world["billerbeck"], "Größe")], by=staff_user)
    with capture(execute=True):
        services.case_introduce(
            case=case,
            candidate=world["billerbeck"],
            partner_contact={"name": "Anna Muster", "email": "Anna@Example.org", "language": "de"},
            by=staff_user,
        )
    case.refresh_from_db()
    return case


def put_in(case, state, partner):
    MatchCase.objects.filter(pk=case.pk).update(state=state, partner=partner)
    case.refresh_from_db()
    return case


def test_every_transition_is_allowed_or_refused(case, world, staff_user):
    """Every pair of states, each from the same case put in the first state (one set-up for
    all pairs: a savepoint rolled back after each)."""
    for from_state, to_state in itertools.product(CaseState.values, CaseState.values):
        with transaction.atomic():
            put_in(case, from_state, world["billerbeck"])
            if to_state in TRANSITIONS[from_state]:
                moved = services.case_transition(
                    case=case, to_state=to_state, by=staff_user, close_reason="no_match"
                )
                assert moved.state == to_state, (from_state, to_state)
                event = moved.events.order_by("-pk").first()
                assert (event.from_state, event.to_state, event.user) == (
                    from_state,
                    to_state,
                    staff_user,
                )
            else:
                with pytest.raises(services.TransitionRefused):
                    services.case_transition(
                        case=case, to_state=to_state, by=staff_user, close_reason="no_match"
                    )
                case.refresh_from_db()
                assert case.state == from_state, (from_state, to_state)
            transaction.set_rollback(True)


def test_closing_needs_a_reason(case, staff_user):
    with pytest.raises(services.TransitionRefused):
        services.case_transition(case=case, to_state="closed", by=staff_user)
    closed = services.case_transition(
        case=case, to_state="closed", by=staff_user, close_reason="withdrawn", note="zurückgezogen"
    )
    assert closed.close_reason == "withdrawn" and closed.allowed_transitions() == ()


def test_shortlist_from_the_suggestions_keeps_why(case, world, staff_user):
    suggestions = actor_suggestions(actor=world["malyn"])
    services.case_shortlist(
        case=case,
        candidates=[(world["billerbeck"], "ähnliche Größe"), (world["huerth"], "")],
        by=staff_user,
        suggestions=suggestions,
    )
    case.refresh_from_db()
    assert case.state == "shortlist"
    candidate = case.candidates.get(actor=world["billerbeck"])
    assert candidate.note == "ähnliche Größe" and candidate.added_by == staff_user
    assert candidate.score is not None and any("Einwohner" in r for r in candidate.reasons)
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["transition", "shortlist", "transition"]
    with pytest.raises(services.TransitionRefused):  # not the other side
        services.case_shortlist(case=case, candidates=[(world["kryvyi_rih"], "")], by=staff_user)


def test_introduction_emails_once_after_commit_in_each_language(
    case, world, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    services.case_shortlist(case=case, candidates=[(world["billerbeck"], "")], by=staff_user)
    with django_capture_on_commit_callbacks() as callbacks:
        services.case_introduce(
            case=case,
            candidate=world["billerbeck"],
            partner_contact={"name": "Anna Muster", "email": "anna@example.org", "language": "de"},
            by=staff_user,
        )
    assert not mailoutbox  # nothing before the commit
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@example.org", "olena@example.org"]
    ukrainian = next(m for m in mailoutbox if m.to == ["olena@example.org"])
    german = next(m for m in mailoutbox if m.to == ["anna@example.org"])
    assert "Billerbeck" in ukrainian.subject and "Пошук партнерів" in ukrainian.subject
    assert "Партнера" not in german.body and "Malyn" in german.subject
    assert "Partner für Jugendaustausch" in german.body  # the other side's text, German
    assert "Партнера для молодіжних обмінів" not in ukrainian.body  # own text not echoed
    assert "/uk/partnersuche/antwort/" in ukrainian.body
    assert "/de/partnersuche/antwort/" in german.body
    assert "Einwohner 11.597 / 36.723" in german.body  # the reasons, in German
    for email in OutboundEmail.objects.filter(template__endswith="/introduction"):
        outbound_email_send.delay(email.pk)  # a retried send task sends nothing more
    assert len(mailoutbox) == 2
    assert IntroductionAnswer.objects.count() == 2
    case.refresh_from_db()
    assert case.state == "introduced" and case.partner == world["billerbeck"]


def answer_links(mail):
    return dict(
        zip(
            ("interested", "not_now"),
            re.findall(r"https?://\S+/partnersuche/antwort/\S+/", mail.body),
            strict=True,
        )
    )


def test_answer_links_forged_expired_and_used_twice(
    client, case, world, staff_user, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    introduce(case, world, staff_user, django_capture_on_commit_callbacks)
    german = next(m for m in mailoutbox if m.to == ["anna@example.org"])
    links = answer_links(german)
    path = links["interested"].split("testserver")[-1].replace("http://127.0.0.1:8000", "")
    page = client.get(path)
    assert page.status_code == 200 and "Ja, wir sind interessiert" in page.content.decode()
    assert not IntroductionAnswer.objects.filter(answered_at__isnull=False).exists()  # GET only
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(path)
    assert done.status_code == 200
    answer = IntroductionAnswer.objects.get(email="anna@example.org")
    assert answer.answer == "interested" and answer.answered_at is not None
    assert case.events.filter(kind="answer").count() == 1
    assert any("antwortet" in m.subject for m in mailoutbox)  # the staff hear of it
    again = client.post(path)
    assert "schon eingegangen" in again.content.decode()
    other = links["not_now"].replace("http://127.0.0.1:8000", "")
    client.post(other)  # the other link of the same email: already answered
    answer.refresh_from_db()
    assert answer.answer == "interested"
    forged = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    assert client.post(forged).status_code == 400
    foreign = services.introductions.signing.TimestampSigner(salt="other").sign_object(
        {"id": answer.pk, "n": answer.nonce, "c": "not_now"}
    )
    assert client.get(reverse("matchmaking:answer", args=[foreign])).status_code == 400
    # an expired link: signed 31 days ago
    seeker = IntroductionAnswer.objects.get(email="olena@example.org")
    real_time = services.introductions.signing.time.time
    monkeypatch.setattr(
        services.introductions.signing.time, "time", lambda: real_time() - 31 * 24 * 3600
    )
    old = services.introductions.answer_token(answer=seeker, choice="interested")
    monkeypatch.setattr(services.introductions.signing.time, "time", real_time)
    expired = client.post(reverse("matchmaking:answer", args=[old]))
    assert expired.status_code == 410
    seeker.refresh_from_db()
    assert seeker.answered_at is None


def test_trial_creates_a_project_partnership_and_formal_signs_it(
    client, case, world, staff_user, django_capture_on_commit_callbacks
):
    introduce(case, world, staff_user, django_capture_on_commit_callbacks)
    services.case_transition(case=case, to_state="first_meeting", by=staff_user)
    case = services.case_transition(case=case, to_state="trial", by=staff_user)
    partnership = case.partnership
    assert partnership.kind == "project" and partnership.status == "active"
    assert partnership.is_published
    assert {m.actor for m in partnership.members.all()} == {world["malyn"], world["billerbeck"]}
    assert "Malyn" in client.get(reverse("partnerships:list")).content.decode()
    case = services.case_transition(
        case=case, to_state="formal", by=staff_user, partnership_kind="twinning"
    )
    partnership.refresh_from_db()
    assert (partnership.kind, partnership.status, partnership.is_formal) == (
        "twinning",
        "signed",
        True,
    )
    assert partnership.kind_changes.get().from_kind == "project"
    assert partnership.status_steps.get().date == timezone.localdate()
    assert Partnership.objects.count() == 1


def test_an_existing_partnership_is_linked_not_duplicated(
    case, world, staff_user, django_capture_on_commit_callbacks
):
    existing = PartnershipFactory(
        partners=[world["billerbeck"], world["malyn"]], kind="friendship", status="first_contact"
    )
    introduce(case, world, staff_user, django_capture_on_commit_callbacks)
    services.case_transition(case=case, to_state="first_meeting", by=staff_user)
    case = services.case_transition(case=case, to_state="formal", by=staff_user)
    assert case.partnership == existing and Partnership.objects.count() == 1
    existing.refresh_from_db()
    assert existing.kind == "friendship" and existing.status == "signed"


def test_staff_reminded_once_when_a_case_waits_14_days(case, staff_user, mailoutbox):
    assert services.case_reminders_send() == 0
    MatchCase.objects.filter(pk=case.pk).update(
        state_changed_at=timezone.now() - timedelta(days=15)
    )
    assert tasks.case_reminders_task.delay().get() == 1
    send_pending()  # the test transaction never commits: send what the outbox holds
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [staff_user.email]
    assert "Malyn" in mailoutbox[0].body and "15" in mailoutbox[0].body
    assert services.case_reminders_send() == 0  # the beat runs again: nothing more
    services.case_transition(case=case, to_state="shortlist", by=staff_user)
    case.refresh_from_db()
    assert case.reminder_sent_at is None  # a new state, a new wait


def test_editors_see_their_cases_state_and_only_their_answer(
    client, case, world, staff_user, django_capture_on_commit_callbacks
):
    introduce(case, world, staff_user, django_capture_on_commit_callbacks)
    IntroductionAnswer.objects.filter(actor=world["malyn"]).update(
        answer="not_now", answered_at=timezone.now()
    )
    IntroductionAnswer.objects.filter(actor=world["billerbeck"]).update(
        answer="interested", answered_at=timezone.now()
    )
    german = EditorFactory(actor=world["billerbeck"])
    client.force_login(german.user)
    with translation.override("de"):
        text = client.get(reverse("portal:my_area")).content.decode()
    assert "Billerbeck – Malyn" in text and "vorgestellt" in text
    assert "Ihre Antwort: interessiert" in text and "jetzt nicht" not in text
    assert "olena@example.org" not in text
    client.force_login(UserFactory())
    assert "vorgestellt" not in client.get(reverse("portal:my_area")).content.decode()


def test_admin_workflow_and_overview(client, case, world, staff_user, mailoutbox):
    client.force_login(staff_user)
    shortlist = reverse("admin:matchmaking_case_shortlist", args=[case.pk])
    page = client.get(shortlist)
    assert page.status_code == 200 and "Billerbeck" in page.content.decode()
    client.post(shortlist, {"candidates": [world["billerbeck"].pk], "note": "gleiche Größe"})
    case.refresh_from_db()
    assert case.state == "shortlist"
    introduce_url = reverse("admin:matchmaking_case_introduce", args=[case.pk])
    assert client.get(introduce_url, {"candidate": world["billerbeck"].pk}).status_code == 200
    refused = client.post(
        introduce_url, {"candidate": world["huerth"].pk, "name": "A", "email": "a@example.org"}
    )
    assert refused.status_code == 400  # not on the shortlist
    client.post(
        introduce_url,
        {
            "candidate": world["billerbeck"].pk,
            "name": "Anna",
            "email": "anna@example.org",
            "language": "de",
        },
    )
    case.refresh_from_db()
    assert case.state == "introduced"
    transition = reverse("admin:matchmaking_case_transition", args=[case.pk])
    client.post(transition, {"to_state": "formal"})  # not allowed from "introduced"
    case.refresh_from_db()
    assert case.state == "introduced"
    client.post(transition, {"to_state": "first_meeting", "note": "Videokonferenz"})
    case.refresh_from_db()
    assert case.state == "first_meeting"
    assert case.events.filter(note="Videokonferenz", user=staff_user).exists()
    overview = client.get(reverse("admin:matchmaking_matchcase_changelist"))
    rows = {row["code"]: row for row in overview.context["overview"]}
    assert rows["first_meeting"]["count"] == 1 and rows["received"]["count"] == 0
    change = client.get(reverse("admin:matchmaking_matchcase_change", args=[case.pk]))
    assert change.status_code == 200 and "Videokonferenz" in change.content.decode()


def test_profile_action_opens_a_case(client, world, staff_user):
    profile = SearchProfileFactory(actor=world["billerbeck"])
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:matchmaking_searchprofile_changelist"),
        {"action": "open_cases", "_selected_action": [profile.pk]},
    )
    case = MatchCase.objects.get()
    assert response["Location"] == reverse("admin:matchmaking_matchcase_change", args=[case.pk])
    assert case.events.get().user == staff_user and case.state == "received"
    assert CaseEvent.objects.count() == 1


def test_introduction_contact_from_the_active_profile_else_the_actor(world):
    actor = world["billerbeck"]
    actor.contact_name, actor.contact_email = "Bernd Beispiel", "bernd@example.org"
    actor.save()
    from_actor = {"name": "Bernd Beispiel", "email": "bernd@example.org", "language": "de"}
    assert selectors.candidate_contact(actor_id=actor.pk) == from_actor
    SearchProfileFactory(
        actor=actor,
        contact_name="Alt",
        contact_email="alt@example.org",
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    assert selectors.candidate_contact(actor_id=actor.pk) == from_actor  # expired: not used
    SearchProfileFactory(
        actor=actor, contact_name="Anna", contact_email="anna@example.org", contact_language="en"
    )
    assert selectors.candidate_contact(actor_id=actor.pk) == {
        "name": "Anna",
        "email": "anna@example.org",
        "language": "en",
    }
    assert selectors.candidate_contact(actor_id=0) == {}
