"""The cache's Redis (a real, private redis-server) is killed: every page that can be built
from PostgreSQL still renders, the public forms still save, rate limits degrade instead of
answering 500, and the emails of the outage go out through the outbox afterwards."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from newsletter.models import Subscriber
from portal import outbox
from portal.models import OutboundEmail
from portal.ratelimit import rate_limit_hit
from tests.events.factories import EventFactory
from tests.factories import PASSWORD, UserFactory
from tests.knowledge.factories import ResourceFactory
from tests.newsletter.factories import NewsletterFactory
from tests.partnerships.factories import PartnershipFactory
from tests.portal.test_broker_outage import register, subscribe
from tests.redis_server import private_redis  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(settings, private_redis):  # noqa: F811
    """The cache points at a private Redis, which is then killed."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.RedisCache",
            "LOCATION": private_redis.url,
            "KEY_PREFIX": "outage",
        }
    }
    cache.set("warm", 1)  # the cache worked before the outage
    private_redis.stop()
    yield private_redis
    cache.forget_outage()


def pages(partnership, event, resource):
    actor = partnership.members.first().actor
    yield from ["/de/", "/uk/", "/en/", "/de/impressum/", "/de/datenschutz/", "/de/kontakt/"]
    yield from ["/de/beratung/", "/de/konto/login/", "/de/konto/signup/"]
    yield from [reverse("events:list"), reverse("events:past"), reverse("events:feed")]
    yield from [reverse("events:detail", kwargs={"pk": event.pk})]
    yield from [reverse("newsletter:index"), reverse("newsletter:archive")]
    yield from [reverse("partnerships:list"), reverse("partnerships:map")]
    yield from [reverse("partnerships:list") + "?kind=solidarity&year_from=2000"]
    yield from [reverse("partnerships:detail", kwargs={"slug": partnership.slug})]
    yield from [reverse("partnerships:actor_list")]
    yield from [reverse("partnerships:actor_detail", kwargs={"slug": actor.slug})]
    yield from ["/api/partnerships.geojson", "/api/partnerships.csv"]
    yield from [reverse("knowledge:list"), reverse("knowledge:search") + "?q=Partnerschaft"]
    yield from [reverse("knowledge:detail", kwargs={"slug": resource.slug})]
    yield from [reverse("knowledge:funding"), reverse("matchmaking:list")]
    yield from ["/healthz/"]


def test_every_page_built_from_postgresql_renders_with_the_cache_down(client, cache_down):
    partnership, event, resource = PartnershipFactory(), EventFactory(), ResourceFactory()
    failed = {}
    for url in pages(partnership, event, resource):
        response = client.get(url)
        if response.status_code != 200:
            failed[url] = response.status_code
    assert failed == {}


def test_login_works_with_the_cache_down(client, cache_down):
    user = UserFactory()
    response = client.post("/de/konto/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("portal:my_area")).status_code == 200


def test_registration_and_subscription_succeed_and_their_emails_follow_the_outage(
    client, cache_down, mailoutbox
):
    registered = register(client, EventFactory())
    subscribed = subscribe(client, NewsletterFactory())
    assert registered.status_code == 302 and subscribed.status_code == 302
    assert client.get(registered.url).status_code == 200  # the confirmation page
    assert Subscriber.objects.filter(email="taras@example.org").exists()
    assert set(OutboundEmail.objects.values_list("to_email", flat=True)) == {
        "olena@example.org",
        "taras@example.org",
    }
    cache_down.start()  # Redis is back; beat's dispatch (tasks run in-process here)
    cache.forget_outage()
    outbox.emails_dispatch()
    assert sorted(m.to[0] for m in mailoutbox) == ["olena@example.org", "taras@example.org"]
    assert not OutboundEmail.objects.exclude(status="sent").exists()


def test_advice_form_saves_with_the_cache_down(client, cache_down):
    from portal.models import ConsultationRequest

    response = client.post(
        reverse("portal:consultation"),
        {
            "name": "Anna Muster",
            "organisation": "Stadt Billerbeck",
            "organisation_kind": "municipality",
            "email": "anna@example.org",
            "topic": "ukraine",
            "message": "Wir möchten eine Partnerschaft anbahnen.",
            "consent": "on",
            "website": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ConsultationRequest.objects.filter(email="anna@example.org").exists()


def test_rate_limits_fall_back_to_a_per_process_count_while_redis_is_down(cache_down):
    """Public form limits fail open towards a count per process: still a limit."""
    hits = [rate_limit_hit(scope="outage", key="1.2.3.4", limit=2, window=60) for _ in range(4)]
    assert hits == [True, True, False, False]


def test_the_cache_works_again_when_redis_is_back(cache_down, settings):
    assert cache.get("warm") is None
    assert cache.is_degraded()
    cache_down.start()
    cache.forget_outage()  # as when the pause after the failure ends
    cache.set("back", 2)
    assert cache.get("back") == 2


def test_failed_logins_are_still_limited_per_process_while_redis_is_down(client, cache_down):
    user = UserFactory()
    answers = [
        client.post("/de/konto/login/", {"login": user.email, "password": "falsch"})
        for _ in range(6)
    ]
    assert all(answer.status_code in (200, 429) for answer in answers)
    assert "Zu viele gescheiterte Anmeldeversuche" in answers[-1].content.decode()
