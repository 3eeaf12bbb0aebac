"""One-click unsubscribe (RFC 8058), the preference page and deleting one's data."""

import pytest
from django.test import Client

from newsletter.models import ConsentText, Delivery, Subscriber, Subscription
from tests.newsletter.factories import IssueFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def one_click_url(subscription) -> str:
    return f"/newsletter/abmelden/{subscription.subscriber.token}/{subscription.newsletter_id}/"


@pytest.mark.parametrize("body", ["List-Unsubscribe=One-Click", ""])
def test_one_click_post_unsubscribes_without_login_cookie_or_csrf(
    csrf_client, newsletter, ukraine_newsletter, body
):
    sub = SubscriptionFactory(newsletter=newsletter)
    other = SubscriptionFactory(subscriber=sub.subscriber, newsletter=ukraine_newsletter)
    response = csrf_client.post(
        one_click_url(sub), data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    sub.refresh_from_db()
    other.refresh_from_db()
    assert sub.status == Subscription.Status.UNSUBSCRIBED and sub.unsubscribed_at
    assert other.status == Subscription.Status.CONFIRMED  # only that newsletter
    assert sub.subscriber.email not in response.content.decode()


def test_get_shows_one_button_and_changes_nothing(client, newsletter):
    sub = SubscriptionFactory(newsletter=newsletter)
    response = client.get(one_click_url(sub))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('type="submit"') >= 1
    assert "Jetzt abmelden" in content
    sub.refresh_from_db()
    assert sub.status == Subscription.Status.CONFIRMED


def test_get_is_in_the_subscribers_language(client, newsletter):
    sub = SubscriptionFactory(newsletter=newsletter, subscriber__language="en")
    assert '<html lang="en">' in client.get(one_click_url(sub)).content.decode()


def test_unsubscribing_twice_is_harmless(csrf_client, newsletter):
    sub = SubscriptionFactory(newsletter=newsletter)
    assert csrf_client.post(one_click_url(sub)).status_code == 200
    sub.refresh_from_db()
    first = sub.unsubscribed_at
    assert csrf_client.post(one_click_url(sub)).status_code == 200
    sub.refresh_from_db()
    assert sub.unsubscribed_at == first


@pytest.mark.parametrize(
    "url",
    [
        "/newsletter/abmelden/not-a-token/1/",
        "/newsletter/abmelden/{token}x/{nid}/",
        "/newsletter/abmelden/{token}/999999/",
    ],
)
def test_unknown_or_tampered_tokens_get_a_plain_404(csrf_client, newsletter, url):
    sub = SubscriptionFactory(newsletter=newsletter)
    url = url.format(token=sub.subscriber.token, nid=newsletter.pk)
    response = csrf_client.post(url)
    assert response.status_code == 404
    assert sub.subscriber.email not in response.content.decode()
    sub.refresh_from_db()
    assert sub.status == Subscription.Status.CONFIRMED


def test_only_the_one_click_view_is_csrf_exempt(csrf_client, newsletter):
    sub = SubscriptionFactory(newsletter=newsletter)
    url = f"/de/newsletter/einstellungen/{sub.subscriber.token}/"
    assert csrf_client.post(url, {"language": "de"}).status_code == 403
    assert csrf_client.post(f"{url}loeschen/").status_code == 403


def test_preferences_change_lists_and_language(client, newsletter, ukraine_newsletter):
    sub = SubscriptionFactory(newsletter=newsletter)
    subscriber = sub.subscriber
    url = f"/de/newsletter/einstellungen/{subscriber.token}/"
    page = client.get(url)
    assert page.status_code == 200
    # Adding a list needs consent.
    response = client.post(url, {"newsletters": [ukraine_newsletter.pk], "language": "uk"})
    assert response.status_code == 400
    assert "consent" in response.context["form"].errors
    response = client.post(
        url, {"newsletters": [ukraine_newsletter.pk], "language": "uk", "consent": "on"}
    )
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.language == "uk"
    sub.refresh_from_db()
    assert sub.status == Subscription.Status.UNSUBSCRIBED
    added = Subscription.objects.get(newsletter=ukraine_newsletter)
    assert added.status == Subscription.Status.CONFIRMED
    assert (
        added.request_source == "preferences"
        and added.consent_text == ConsentText.objects.current()
    )


def test_preferences_unknown_token_is_404(client, newsletter):
    assert client.get("/de/newsletter/einstellungen/nope/").status_code == 404


def test_delete_all_data(client, newsletter):
    sub = SubscriptionFactory(newsletter=newsletter)
    issue = IssueFactory(newsletter=newsletter)
    Delivery.objects.create(issue=issue, subscriber=sub.subscriber, status="sent")
    response = client.post(f"/de/newsletter/einstellungen/{sub.subscriber.token}/loeschen/")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()
    assert not Delivery.objects.exists()
    # The old link now leads nowhere.
    assert client.get(f"/de/newsletter/einstellungen/{sub.subscriber.token}/").status_code == 404


def test_bounce_and_complaint_webhook_events_mark_bounced(newsletter):
    from anymail.signals import AnymailTrackingEvent, tracking

    sub = SubscriptionFactory(newsletter=newsletter, subscriber__email="weg@example.org")
    kept = SubscriptionFactory(newsletter=newsletter)
    for event_type in ("delivered", "bounced"):
        event = AnymailTrackingEvent(event_type=event_type, recipient="WEG@example.org")
        tracking.send(sender=object, event=event, esp_name="Test")
    sub.refresh_from_db()
    kept.refresh_from_db()
    assert sub.status == Subscription.Status.BOUNCED and sub.bounced_at
    assert kept.status == Subscription.Status.CONFIRMED
