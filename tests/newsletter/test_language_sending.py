"""An issue is not sent in German to subscribers whose language it lacks, unless staff
choose it explicitly; "Jetzt versenden" first shows the recipients per language."""

import pytest
from django.urls import reverse

from newsletter import sending
from newsletter.models import Issue
from tests.newsletter.factories import IssueFactory, SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(staff_user)
    return client


@pytest.fixture
def german_only(newsletter):
    issue = IssueFactory(newsletter=newsletter, subject_de="Nur deutsch", subject_uk="",
                         body_uk="", subject_en="", body_en="")  # fmt: skip
    for language, email in (("de", "de@example.org"), ("uk", "uk@example.org"),
                            ("en", "en@example.org")):  # fmt: skip
        SubscriptionFactory(
            newsletter=newsletter, subscriber=SubscriberFactory(email=email, language=language)
        )
    return issue


def send(issue, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.issue_send_now(issue=issue, **kwargs)


def test_missing_translation_is_not_sent_in_german(
    german_only, mailoutbox, django_capture_on_commit_callbacks
):
    send(german_only, django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mailoutbox] == ["de@example.org"]


def test_explicit_choice_sends_german_to_the_others(
    german_only, mailoutbox, django_capture_on_commit_callbacks
):
    send(german_only, django_capture_on_commit_callbacks, german_for_missing=True)
    assert sorted(m.to[0] for m in mailoutbox) == [
        "de@example.org", "en@example.org", "uk@example.org"]  # fmt: skip


def test_translated_language_gets_its_own_version(
    german_only, mailoutbox, django_capture_on_commit_callbacks
):
    german_only.subject_uk = "Лише українською"
    german_only.body_uk = "Текст."
    german_only.save()
    send(german_only, django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"de@example.org", "uk@example.org"}
    assert "Лише українською" in by_address["uk@example.org"].subject


def test_send_now_asks_for_confirmation_with_recipients_per_language(
    admin_client, german_only, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("admin:newsletter_issue_send", args=[german_only.pk])
    page = admin_client.post(url, {"action": "send_now"})
    assert page.status_code == 200
    rows = {row["language"]: row for row in page.context["rows"]}
    assert rows["uk"]["count"] == 1 and not rows["uk"]["translated"]
    assert rows["de"]["translated"]
    html = page.content.decode()
    assert "Übersetzung fehlt" in html and 'name="german_for_missing"' in html
    german_only.refresh_from_db()
    assert german_only.status == Issue.Status.DRAFT and not mailoutbox
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"action": "send_now_confirmed", "german_for_missing": "on"})
    german_only.refresh_from_db()
    assert german_only.german_for_missing and german_only.status == Issue.Status.SENT
    assert len(mailoutbox) == 3


def test_list_action_leads_to_the_confirmation(admin_client, german_only):
    response = admin_client.post(
        reverse("admin:newsletter_issue_changelist"),
        {"action": "send_now_action", "_selected_action": [german_only.pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:newsletter_issue_send", args=[german_only.pk])
    german_only.refresh_from_db()
    assert german_only.status == Issue.Status.DRAFT
