"""/readyz/ reports every component with an overall status; /healthz/ stays cheap; staff see
the same in the admin ("Systemstatus")."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from portal.models import Heartbeat, OutboundEmail
from portal.readiness import heartbeat_record
from tests.factories import StaffFactory
from tests.portal.conftest import login_with_second_factor
from tests.portal.test_broker_outage import celery_broker
from tests.redis_server import private_redis  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
COMPONENTS = ["database", "cache", "broker", "worker", "beat", "outbox", "failed_deliveries"]


def alive():
    heartbeat_record(name="worker")
    heartbeat_record(name="beat")


def statuses(response) -> dict[str, str]:
    return {c["name"]: c["status"] for c in response.json()["components"]}


def test_all_components_ok(client):
    alive()
    response = client.get("/readyz/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "ok"
    assert list(statuses(response)) == COMPONENTS
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_silent_worker_and_beat_fail_the_readiness_not_the_liveness(client):
    Heartbeat.objects.create(name="beat", at=timezone.now() - timedelta(minutes=10))
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert statuses(response)["worker"] == "fail" and statuses(response)["beat"] == "fail"
    assert client.get("/healthz/").status_code == 200


def test_emails_stuck_in_the_outbox_fail_and_failed_ones_degrade(client, settings):
    alive()
    OutboundEmail.objects.create(
        template="portal/emails/test", to_email="olena@example.org", status="failed"
    )
    response = client.get("/readyz/")
    assert response.status_code == 200 and response.json()["status"] == "degraded"
    assert statuses(response)["failed_deliveries"] == "degraded"
    OutboundEmail.objects.create(
        template="portal/emails/test",
        to_email="taras@example.org",
        created_at=timezone.now() - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT + 60),
    )
    response = client.get("/readyz/")
    assert response.status_code == 503 and statuses(response)["outbox"] == "fail"
    assert "@" not in response.content.decode()  # counts, no personal data


def test_the_cache_down_is_degraded_not_failed(client, settings, private_redis):  # noqa: F811
    settings.CACHES = {
        "default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": private_redis.url}
    }
    alive()
    private_redis.stop()
    try:
        response = client.get("/readyz/")
    finally:
        cache.forget_outage()
    assert response.status_code == 200
    assert statuses(response)["cache"] == "degraded"


@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_the_broker_down_fails(client, private_redis):  # noqa: F811
    alive()
    with celery_broker(private_redis.url):
        private_redis.stop()
        response = client.get("/readyz/")
    assert response.status_code == 503
    assert statuses(response)["broker"] == "fail"


def test_staff_see_the_system_status_in_the_admin(client, staff_with_totp):
    alive()
    login_with_second_factor(client, staff_with_totp)
    index = client.get("/admin/").content.decode()
    assert "/admin/systemstatus/" in index
    page = client.get("/admin/systemstatus/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Systemstatus" in html and all(name in html for name in COMPONENTS)


def test_staff_without_the_permission_do_not(client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Group

    user = StaffFactory()
    user.groups.clear()
    user.groups.add(Group.objects.create(name="Nur Lesen"))
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    login_with_second_factor(client, user)
    assert "/admin/systemstatus/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/systemstatus/").status_code == 403


def test_the_command_judges_only_the_components_asked_for():
    from django.core.management import CommandError, call_command

    heartbeat_record(name="beat")
    call_command("readiness", "--only", "beat")  # the worker is silent: not asked
    Heartbeat.objects.filter(name="beat").update(at=timezone.now() - timedelta(hours=1))
    with pytest.raises(CommandError):
        call_command("readiness", "--only", "beat")
