import re

import pytest
from django.contrib.auth.models import Group

from portal.models import User
from tests.factories import PASSWORD, StaffFactory, UserFactory
from tests.portal.conftest import login_with_second_factor, totp_code

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Wiederaufbau-Malyn-2024"


def link_in(mail) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", mail.body).group(1)


def test_sign_up_verify_email_and_log_in(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/de/konto/signup/",
            {"email": "Editor@Example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    user = User.objects.get(email="editor@example.org")
    [mail] = mailoutbox
    assert mail.to == ["editor@example.org"]
    confirm_path = link_in(mail)
    assert confirm_path.startswith("/de/konto/confirm-email/")
    # Following the link shows a confirmation page; confirming logs the person in.
    assert client.get(confirm_path).status_code == 200
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified
    client.logout()
    response = client.post(
        "/de/konto/login/", {"login": "editor@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/de/mein-bereich/"
    assert "editor@example.org" in client.get("/de/mein-bereich/").content.decode()


def test_unverified_account_cannot_log_in(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/de/konto/signup/",
            {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    client.logout()
    response = client.post("/de/konto/login/", {"login": "neu@example.org", "password": PASSWORD})
    assert "confirm-email" in response["Location"]
    assert client.get("/de/mein-bereich/").status_code == 302


def test_sign_up_pages_are_translated(client):
    assert "Registrieren" in client.get("/de/konto/signup/").content.decode()
    assert "Зареєструватись" in client.get("/uk/konto/signup/").content.decode()
    assert "Sign Up" in client.get("/en/konto/signup/").content.decode()


def test_password_reset(client, mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory(email="reset@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/uk/konto/password/reset/", {"email": "reset@example.org"})
    assert response.status_code == 302
    [mail] = mailoutbox
    response = client.get(link_in(mail))
    assert response.status_code == 302
    set_password_url = response["Location"]
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_reset_for_unknown_address_reveals_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post("/de/konto/password/reset/", {"email": "nobody@example.org"})
        known = client.post("/de/konto/password/reset/", {"email": "known@example.org"})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    # Both get an email (through the outbox): the unknown address a link to sign up.
    unknown_mail, known_mail = mailoutbox
    assert unknown_mail.to == ["nobody@example.org"] and "/de/konto/signup/" in unknown_mail.body
    assert known_mail.to == ["known@example.org"] and "/password/reset/key/" in known_mail.body


def test_staff_without_two_factor_cannot_open_the_admin(client, settings):
    settings.ADMIN_REQUIRE_2FA = True
    staff = StaffFactory(is_superuser=True)
    client.post("/de/konto/login/", {"login": staff.email, "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].endswith("/konto/2fa/totp/activate/")


def test_staff_with_second_factor_reach_the_admin(client, staff_with_totp, settings):
    settings.ADMIN_REQUIRE_2FA = True
    login_with_second_factor(client, staff_with_totp)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Partnerschaftsportal NRW – Verwaltung" in response.content.decode()


def test_staff_with_totp_logged_in_without_it_must_reauthenticate(
    client, staff_with_totp, settings
):
    settings.ADMIN_REQUIRE_2FA = True
    client.force_login(staff_with_totp)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/de/konto/2fa/reauthenticate/")
    response = client.post(
        response.redirect_chain[-1][0], {"code": totp_code(staff_with_totp.totp_secret)}
    )
    assert client.get("/admin/").status_code == 200


def test_relaxed_setting_lets_demo_staff_in_without_second_factor(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_non_staff_never_reach_the_admin(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302


def test_staff_group_is_created_by_migration_with_permissions():
    group = Group.objects.get(name="Netzwerkstelle")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_consultationrequest", "change_consultationrequest", "change_theme"} <= codenames
    assert "delete_user" not in codenames


@pytest.mark.parametrize(("steps_back", "accepted"), [(1, True), (3, False)])
def test_a_code_from_the_step_just_ended_still_counts(
    client, staff_with_totp, steps_back, accepted
):
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    user = staff_with_totp
    response = client.post("/de/konto/login/", {"login": user.email, "password": PASSWORD})
    step = int(time.time()) // 30 - steps_back
    code = format_hotp_value(hotp_value(user.totp_secret, step))
    response = client.post(response["Location"], {"code": code})
    assert (response.status_code == 302) is accepted


def test_reset_and_confirmation_links_never_travel_in_a_row_or_a_task(
    client, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    """The outbox rows and the tasks carry ids; the worker makes the links."""
    from portal.celery import PortalTask
    from portal.models import OutboundEmail

    published = []
    real_apply_async = PortalTask.apply_async

    def record(task, args=None, kwargs=None, **options):
        published.append(repr((task.name, args, kwargs)))
        return real_apply_async(task, args, kwargs, **options)

    monkeypatch.setattr(PortalTask, "apply_async", record)
    UserFactory(email="reset@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/de/konto/signup/",
            {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
        client.post("/uk/konto/password/reset/", {"email": "reset@example.org"})
    confirm, reset = mailoutbox
    confirm_key = re.search(r"/confirm-email/([^/\s]+)/", confirm.body).group(1)
    reset_key = re.search(r"/password/reset/key/([^/\s]+)/", reset.body).group(1)
    assert "/uk/konto/" in reset.body  # built by the worker in the requester's language
    rows = list(OutboundEmail.objects.order_by("pk").values("template", "context", "last_error"))
    assert [(r["template"], sorted(r["context"])) for r in rows] == [
        ("account/email/email_confirmation_signup", ["email_address_id"]),
        ("account/email/password_reset_key", ["user_id"]),
    ]
    assert published  # the dispatch and the sends went through Celery
    for secret in (confirm_key, reset_key, reset_key.partition("-")[2]):
        assert secret not in repr(rows)
        assert not [p for p in published if secret in p]


def test_enrolling_a_second_factor_needs_reauthentication(client, settings):
    """Someone holding a staff session without a second factor (e.g. a stolen cookie)
    cannot enrol their own authenticator without the password."""
    settings.ADMIN_REQUIRE_2FA = True
    staff = StaffFactory(is_superuser=True)
    client.post("/de/konto/login/", {"login": staff.email, "password": PASSWORD})
    response = client.get("/de/konto/2fa/totp/activate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/de/konto/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/de/konto/2fa/totp/activate/").status_code == 200
