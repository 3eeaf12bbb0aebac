"""Archive, demo data and the staff side (admin views, query budgets)."""

import io

import pytest
from django.urls import reverse

from newsletter import demo
from newsletter.models import Delivery, Issue, Newsletter, Subscriber, Subscription
from tests.newsletter.factories import IssueFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data(db):
    demo.load_demo(stdout=io.StringIO())


@pytest.fixture
def admin_client(client, staff_user, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(staff_user)
    return client


def table_counts():
    return [m.objects.count() for m in (Newsletter, Subscriber, Subscription, Issue, Delivery)]


def test_demo_data_is_idempotent_and_from_the_seed(demo_data):
    before = table_counts()
    demo.load_demo(stdout=io.StringIO())
    assert table_counts() == before
    sent = Issue.objects.get(subject_de="Im Blickpunkt: Ukraine 1/2023")
    assert sent.status == Issue.Status.SENT
    assert "Januar 2023 bis Juni 2024" in sent.body_de
    assert "Staatskanzlei" in sent.body_de
    assert "Oblast Dnipropetrowsk" in sent.body_de
    assert Issue.objects.filter(status=Issue.Status.DRAFT).count() == 1
    assert Subscription.objects.filter(status="pending").exists()
    assert all(
        e.endswith("@example.org") for e in Subscriber.objects.values_list("email", flat=True)
    )


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_archive_shows_sent_issues_without_personal_data(client, demo_data, language):
    response = client.get(f"/{language}/newsletter/archiv/")
    assert response.status_code == 200
    sent = Issue.objects.get(status=Issue.Status.SENT)
    assert Issue.objects.get(status="draft").subject not in response.content.decode()
    detail = client.get(f"/{language}/newsletter/archiv/{sent.pk}/")
    content = detail.content.decode()
    assert detail.status_code == 200
    assert "Reallabor" in content or "Реальна" in content
    assert "/newsletter/abmelden/" not in content
    assert "/einstellungen/" not in content
    for email in Subscriber.objects.values_list("email", flat=True):
        assert email not in content
    draft = Issue.objects.get(status="draft")
    assert client.get(f"/{language}/newsletter/archiv/{draft.pk}/").status_code == 404


def test_archive_query_count_does_not_grow(client, newsletter, django_assert_max_num_queries):
    for n in range(30):
        IssueFactory(
            newsletter=newsletter,
            subject=f"Ausgabe {n}",
            status="sent",
            sent_at="2024-01-01T10:00Z",
        )
    with django_assert_max_num_queries(6):
        response = client.get("/de/newsletter/archiv/")
    assert response.content.decode().count("/newsletter/archiv/") >= 30


def test_sections_render_items_from_the_apps_and_nothing_when_empty(
    newsletter, django_capture_on_commit_callbacks
):
    from newsletter import rendering
    from tests.events.factories import EventFactory

    issue = IssueFactory(newsletter=newsletter, include_events=True, include_resources=True)
    # No upcoming event and no new library item: no section is rendered.
    _subject, text, html = rendering.IssueRenderer(issue).parts("de")
    assert "Nächste Veranstaltungen" not in html

    event = EventFactory(title_de="Forum Städtepartnerschaften NRW")
    _subject, text, html = rendering.IssueRenderer(issue).parts("de")
    assert "Nächste Veranstaltungen" in html
    assert f"http://127.0.0.1:8000{event.get_absolute_url()}" in html
    assert "Forum Städtepartnerschaften NRW" in text
    assert "Neu in der Wissensbibliothek" not in html  # nothing new in the library
    # Sending freezes the sections for every language.
    with django_capture_on_commit_callbacks(execute=False):
        from newsletter.sending import issue_start_sending

        issue_start_sending(issue_id=issue.pk)
    issue.refresh_from_db()
    assert (
        issue.sections_snapshot["de"][0]["items"][0]["title"] == "Forum Städtepartnerschaften NRW"
    )


def test_admin_issue_pages_preview_and_actions(
    admin_client, newsletter, mailoutbox, django_capture_on_commit_callbacks
):
    subs = [SubscriptionFactory(newsletter=newsletter) for _ in range(3)]
    issue = IssueFactory(newsletter=newsletter)
    change = admin_client.get(reverse("admin:newsletter_issue_change", args=[issue.pk]))
    assert change.status_code == 200
    html = admin_client.get(
        reverse("admin:newsletter_issue_preview", args=[issue.pk, "html"]) + "?language=de"
    )
    assert html.status_code == 200
    assert "Reallabor" in html.content.decode()
    assert "<strong>Reallabor</strong>" in html.content.decode()
    text = admin_client.get(reverse("admin:newsletter_issue_preview", args=[issue.pk, "text"]))
    assert text["Content-Type"].startswith("text/plain")
    assert "**Reallabor**" in text.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:newsletter_issue_proof", args=[issue.pk]),
            {"emails": "redaktion@example.org, zweite@example.org", "language": "en"},
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 2
    assert mailoutbox[0].subject.startswith("[TEST] ")
    bad = admin_client.post(
        reverse("admin:newsletter_issue_proof", args=[issue.pk]),
        {"emails": "kein-adresse", "language": "de"},
    )
    assert bad.status_code == 200 and bad.context["form"].errors
    mailoutbox.clear()

    send_url = reverse("admin:newsletter_issue_send", args=[issue.pk])
    admin_client.post(send_url, {"action": "schedule", "scheduled_at": "2030-01-01T09:00"})
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    admin_client.post(send_url, {"action": "cancel"})
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT and issue.scheduled_at is None
    with django_capture_on_commit_callbacks(execute=True):
        confirm = admin_client.post(send_url, {"action": "send_now"})
        assert confirm.status_code == 200 and Issue.objects.get(pk=issue.pk).status == "draft"
        admin_client.post(send_url, {"action": "send_now_confirmed"})
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert sorted(m.to[0] for m in mailoutbox) == sorted(s.subscriber.email for s in subs)
    assert admin_client.get(reverse("admin:newsletter_issue_changelist")).status_code == 200


def test_scheduled_issue_is_started_by_beat(newsletter, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from newsletter.tasks import dispatch_due

    SubscriptionFactory(newsletter=newsletter)
    due = IssueFactory(newsletter=newsletter, status="scheduled", scheduled_at=timezone.now())
    later = IssueFactory(
        newsletter=newsletter,
        status="scheduled",
        scheduled_at=timezone.now() + timezone.timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch_due() == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == Issue.Status.SENT
    assert later.status == Issue.Status.SCHEDULED


def test_admin_changelists_have_a_query_budget(
    admin_client, demo_data, django_assert_max_num_queries
):
    newsletter = Newsletter.objects.first()
    for _ in range(40):
        SubscriptionFactory(newsletter=newsletter)
    names = ("newsletter", "subscriber", "subscription", "issue", "delivery", "consenttext")
    for name in names:
        url = reverse(f"admin:newsletter_{name}_changelist")
        with django_assert_max_num_queries(15):
            assert admin_client.get(url).status_code == 200


def test_admin_csv_export_and_stats(admin_client, newsletter):
    SubscriptionFactory(newsletter=newsletter, subscriber__email="b@example.org")
    SubscriptionFactory(newsletter=newsletter, subscriber__email="a@example.org")
    SubscriptionFactory(newsletter=newsletter, status="pending", subscriber__email="p@example.org")
    response = admin_client.get(reverse("admin:newsletter_newsletter_export", args=[newsletter.pk]))
    body = b"".join(response.streaming_content).decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("email,language,confirmed_at")
    assert [line.split(",")[0] for line in lines[1:]] == ["a@example.org", "b@example.org"]
    stats = admin_client.get(reverse("admin:newsletter_newsletter_stats", args=[newsletter.pk]))
    assert stats.status_code == 200
    assert stats.context["rows"][-1]["total"] == 2
    subscriber = Subscriber.objects.get(email="a@example.org")
    page = admin_client.get(reverse("admin:newsletter_subscriber_change", args=[subscriber.pk]))
    assert page.status_code == 200
    search = admin_client.get(reverse("admin:newsletter_subscriber_changelist") + "?q=a@example")
    assert "a@example.org" in search.content.decode()
    assert "b@example.org" not in search.content.decode()
    # Deleting a subscriber's data on request.
    delete_url = reverse("admin:newsletter_subscriber_delete", args=[subscriber.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Subscriber.objects.filter(email="a@example.org").exists()


def test_admin_consent_text_change_creates_a_new_version(admin_client):
    from newsletter.models import ConsentText

    first = ConsentText.objects.current()
    version = first.version
    url = reverse("admin:newsletter_consenttext_change", args=[first.pk])
    response = admin_client.post(
        url, {"text_de": "Neue Fassung", "text_uk": "Нова редакція", "text_en": "New version"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.version == version and "Neue Fassung" not in first.text
    assert ConsentText.objects.current().version == version + 1
    assert ConsentText.objects.current().text_de == "Neue Fassung"


def test_staff_group_has_the_newsletter_permissions(db):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Netzwerkstelle")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_issue", "view_subscriber", "delete_subscriber", "view_delivery"} <= codenames


def test_admin_refuses_line_breaks_in_subject_and_preheader(admin_client, newsletter):
    url = reverse("admin:newsletter_issue_add")
    data = {
        "newsletter": newsletter.pk,
        "subject_de": "Betreff\r\nBcc: alle@example.org",
        "preheader_de": "Vorschau\nzweite Zeile",
        "body_de": "Text",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "subject_de" in errors and "preheader_de" in errors
    assert not Issue.objects.exists()
    data.update(subject_de="Im Blickpunkt: Ukraine 2/2023", preheader_de="Neues")
    assert admin_client.post(url, data).status_code == 302
    assert Issue.objects.get().status == Issue.Status.DRAFT


def test_resume_action_sends_the_open_deliveries_of_issues_being_sent_only(
    admin_client, newsletter, mailoutbox, django_capture_on_commit_callbacks
):
    from newsletter.sending import issue_start_sending

    subs = [SubscriptionFactory(newsletter=newsletter) for _ in range(3)]
    interrupted = IssueFactory(newsletter=newsletter)
    draft = IssueFactory(newsletter=newsletter)
    with django_capture_on_commit_callbacks(execute=False):  # the dispatch got lost
        issue_start_sending(issue_id=interrupted.pk)
    assert Delivery.objects.filter(issue=interrupted, status="queued").count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:newsletter_issue_changelist"),
            {"action": "resume_action", "_selected_action": [interrupted.pk, draft.pk]},
        )
    interrupted.refresh_from_db()
    draft.refresh_from_db()
    assert interrupted.status == Issue.Status.SENT
    assert sorted(m.to[0] for m in mailoutbox) == sorted(s.subscriber.email for s in subs)
    assert draft.status == Issue.Status.DRAFT and not draft.deliveries.exists()


def test_current_consent_text_names_the_office_as_the_glossary_does(db):
    from newsletter.models import ConsentText

    current = ConsentText.objects.current()
    assert "Мережевого бюро партнерств міст NRW" in current.text_uk
    assert "міст-партнерів" not in current.text_uk
    assert ConsentText.objects.get(version=1).text_uk != current.text_uk  # v1 kept as agreed
