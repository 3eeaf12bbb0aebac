import re
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from newsletter import services
from newsletter.models import ConsentText, Subscriber, Subscription
from newsletter.tasks import purge_unconfirmed
from tests.newsletter.factories import SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

URL = "/de/newsletter/"


def form_data(chosen, **overrides):
    data = {
        "email": "Olena.Beispiel@Example.org",
        "newsletters": [n.pk for n in chosen],
        "language": "uk",
        "consent": "on",
        "consent_version": ConsentText.objects.current().version,
        "website": "",
    }
    data.update(overrides)
    return data


def confirm_link(message) -> str:
    return re.search(r"http://[^\s]+/newsletter/bestaetigen/[^\s/]+/", message.body).group(0)


def test_index_page_renders_form_and_footer(client, newsletter, ukraine_newsletter):
    response = client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert 'name="consent_version"' in content
    assert "Im Blickpunkt: Ukraine" in content
    assert 'id="footer-newsletter"' in content
    assert 'id="footer_email"' in content  # the compact form in the footer


def test_footer_form_on_home_page_posts_to_signup(client, newsletter):
    content = client.get("/en/").content.decode()
    assert 'action="/en/newsletter/"' in content
    assert 'name="source" value="footer"' in content


def test_signup_sends_one_confirmation_and_records_consent(
    client, newsletter, ukraine_newsletter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, form_data([newsletter, ukraine_newsletter]), REMOTE_ADDR="203.0.113.7"
        )
    assert response.status_code == 302
    assert response["Location"] == "/de/newsletter/danke/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "olena.beispiel@example.org"
    assert subscriber.language == "uk"
    subs = list(subscriber.subscriptions.all())
    assert {s.status for s in subs} == {Subscription.Status.PENDING}
    assert all(
        s.request_ip == "203.0.113.7" and s.consent_text == ConsentText.objects.current()
        for s in subs
    )
    assert all(s.request_source == "form:page" for s in subs)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["olena.beispiel@example.org"]
    assert "Ukraine" in message.body
    html = message.alternatives[0][0]
    assert confirm_link(message) in html


def test_same_answer_for_known_address_and_throttled_confirmation(
    client, newsletter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL, form_data([newsletter]))
        second = client.post(URL, form_data([newsletter], email="OLENA.beispiel@example.org"))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert len(mailoutbox) == 1  # at most one confirmation per 10 minutes
    assert Subscriber.objects.count() == 1
    # After ten minutes a new request sends a new confirmation.
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data([newsletter]))
    assert len(mailoutbox) == 2


def test_confirmed_subscription_is_never_changed_by_a_new_request(
    client, newsletter, mailoutbox, django_capture_on_commit_callbacks
):
    sub = SubscriptionFactory(newsletter=newsletter, subscriber__email="olena.beispiel@example.org")
    before = Subscription.objects.filter(pk=sub.pk).values().get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data([newsletter]), REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 302
    assert Subscription.objects.filter(pk=sub.pk).values().get() == before
    assert Subscription.objects.count() == 1
    assert mailoutbox == []  # nothing to confirm


def test_confirm_link_confirms_once_and_is_harmless_twice(
    client, newsletter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data([newsletter]))
    link = confirm_link(mailoutbox[0]).removeprefix("http://127.0.0.1:8000")
    response = client.get(link, REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 200
    sub = Subscription.objects.get()
    assert sub.status == Subscription.Status.CONFIRMED
    assert sub.confirm_ip == "203.0.113.8"
    confirmed_at = sub.confirmed_at
    again = client.get(link, REMOTE_ADDR="203.0.113.99")
    assert again.status_code == 200
    sub.refresh_from_db()
    assert sub.confirmed_at == confirmed_at and sub.confirm_ip == "203.0.113.8"


def test_tampered_and_expired_links_are_refused_without_data(client, newsletter, monkeypatch):
    sub = SubscriptionFactory(newsletter=newsletter, status=Subscription.Status.PENDING)
    token = services.confirmation_token_make(subscriber=sub.subscriber, subscription_ids=[sub.pk])
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(f"/de/newsletter/bestaetigen/{tampered}/")
    assert response.status_code == 400
    assert sub.subscriber.email not in response.content.decode()
    # A forged payload naming someone else's subscription is refused by the signature.
    forged = signing.dumps({"s": sub.subscriber_id, "ids": [sub.pk]}, salt="other")
    assert client.get(f"/de/newsletter/bestaetigen/{forged}/").status_code == 400

    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 8 * 24 * 3600)
    old = services.confirmation_token_make(subscriber=sub.subscriber, subscription_ids=[sub.pk])
    monkeypatch.setattr(signing.time, "time", real_time)
    response = client.get(f"/de/newsletter/bestaetigen/{old}/")
    assert response.status_code == 400
    assert "abgelaufen" in response.content.decode()
    sub.refresh_from_db()
    assert sub.status == Subscription.Status.PENDING


def test_old_confirm_link_never_resubscribes_after_leaving(client, newsletter):
    sub = SubscriptionFactory(newsletter=newsletter, status=Subscription.Status.PENDING)
    token = services.confirmation_token_make(subscriber=sub.subscriber, subscription_ids=[sub.pk])
    assert client.get(f"/de/newsletter/bestaetigen/{token}/").status_code == 200
    services.subscription_unsubscribe(subscriber=sub.subscriber, newsletter_ids=[newsletter.pk])
    assert client.get(f"/de/newsletter/bestaetigen/{token}/").status_code == 200
    sub.refresh_from_db()
    assert sub.status == Subscription.Status.UNSUBSCRIBED


def test_resubscribing_after_leaving_keeps_the_old_consent_record(
    client, newsletter, django_capture_on_commit_callbacks
):
    old = SubscriptionFactory(
        newsletter=newsletter,
        subscriber__email="olena.beispiel@example.org",
        status=Subscription.Status.UNSUBSCRIBED,
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data([newsletter]))
    assert Subscription.objects.count() == 2
    old.refresh_from_db()
    assert old.status == Subscription.Status.UNSUBSCRIBED
    assert Subscription.objects.exclude(pk=old.pk).get().status == Subscription.Status.PENDING


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"email": "olena@example.org\r\nBcc: victim@example.org"}, "email"),
        ({"email": "a" * 250 + "@example.org"}, "email"),
        ({"consent": ""}, "consent"),
        ({"newsletters": [999999]}, "newsletters"),
        ({"newsletters": ["x" * 5000]}, "newsletters"),
        ({"newsletters": []}, "newsletters"),
        ({"language": "xx"}, "language"),
        ({"consent_version": 4711}, "consent_version"),
        ({"website": "http://spam.example"}, "website"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(
    client, newsletter, mailoutbox, overrides, field, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data([newsletter], **overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert Subscriber.objects.count() == 0
    assert Subscription.objects.count() == 0
    assert mailoutbox == []


def test_signups_per_ip_are_rate_limited(client, newsletter, settings):
    settings.NEWSLETTER_SIGNUP_RATE_LIMIT = (2, 3600)
    for n in range(2):
        response = client.post(URL, form_data([newsletter], email=f"p{n}@example.org"))
        assert response.status_code == 302
    response = client.post(URL, form_data([newsletter], email="p9@example.org"))
    assert response.status_code == 429
    assert Subscriber.objects.count() == 2


def test_unconfirmed_requests_are_purged_after_30_days(newsletter):
    old = SubscriptionFactory(newsletter=newsletter, status=Subscription.Status.PENDING)
    Subscription.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=31))
    Subscriber.objects.filter(pk=old.subscriber_id).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    recent = SubscriptionFactory(newsletter=newsletter, status=Subscription.Status.PENDING)
    confirmed = SubscriptionFactory(newsletter=newsletter)
    Subscription.objects.filter(pk=confirmed.pk).update(
        requested_at=timezone.now() - timedelta(days=400)
    )
    assert purge_unconfirmed() == 1
    assert not Subscriber.objects.filter(pk=old.subscriber_id).exists()
    assert Subscription.objects.filter(pk__in=[recent.pk, confirmed.pk]).count() == 2


def test_consent_text_versions_are_immutable(newsletter):
    first = ConsentText.objects.current()
    sub = SubscriptionFactory(newsletter=newsletter)
    new = services.consent_text_create(texts={"de": "Neuer Text", "en": "New text"})
    assert new.version == first.version + 1
    assert ConsentText.objects.current() == new
    sub.refresh_from_db()
    assert sub.consent_text == first
    first.text = "geändert"
    with pytest.raises(Exception, match="unveränderlich"):
        first.save()


def test_email_is_unique_case_insensitively(db):
    SubscriberFactory(email="a@example.org")
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        SubscriberFactory(email="A@Example.org")
