"""Notifications: new mutual matches reach editors at most once a day (opt-out), profiles
about to expire are announced two weeks before, IP addresses of public forms are erased."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.matchmaking import services, tasks
from partnerships.matchmaking.models import (
    ContactRequest,
    MatchNotificationPreference,
    MutualMatch,
)
from tests.mail import send_pending
from tests.matchmaking.factories import SearchProfileFactory
from tests.partnerships.factories import EditorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(world):
    german = EditorFactory(actor=world["billerbeck"])
    ukrainian = EditorFactory(actor=world["malyn"])
    ukrainian.user.language = "uk"
    ukrainian.user.save()
    return {"de": german.user, "uk": ukrainian.user}


def test_mutual_matches_need_both_public_profiles_to_fit(world):
    billerbeck = SearchProfileFactory(actor=world["billerbeck"], max_population=50000)
    SearchProfileFactory(actor=world["malyn"], seeks_kinds=["municipality"])
    SearchProfileFactory(actor=world["peremyshliany"], visibility="staff")
    SearchProfileFactory(actor=world["kryvyi_rih"])  # too big for Billerbeck's profile
    assert services.mutual_matches_refresh() == 1
    match = MutualMatch.objects.get()
    assert billerbeck.pk in (match.profile_a_id, match.profile_b_id)
    assert services.mutual_matches_refresh() == 0  # nothing new


def test_editors_hear_at_most_once_a_day_in_their_language(world, editors, mailoutbox):
    SearchProfileFactory(actor=world["billerbeck"])
    SearchProfileFactory(actor=world["malyn"])
    assert tasks.mutual_matches_task.delay().get() == 2
    send_pending()  # the test transaction never commits: send what the outbox holds
    by_user = {m.to[0]: m for m in mailoutbox}
    assert set(by_user) == {editors["de"].email, editors["uk"].email}
    assert "Billerbeck und Malyn" in by_user[editors["de"].email].body
    assert "Пошук партнерів" in by_user[editors["uk"].email].subject
    assert "/partnersuche/benachrichtigungen/" in by_user[editors["de"].email].body
    mailoutbox.clear()
    SearchProfileFactory(actor=world["peremyshliany"])  # a new match the same day
    assert tasks.mutual_matches_task.delay().get() == 0
    assert send_pending() == 0 and not mailoutbox
    MatchNotificationPreference.objects.update(last_sent_at=timezone.now() - timedelta(hours=25))
    assert tasks.mutual_matches_task.delay().get() == 1  # Billerbeck's editor, the new one
    send_pending()
    assert mailoutbox[0].to == [editors["de"].email]
    assert "Peremyshliany" in mailoutbox[0].body and "Malyn" not in mailoutbox[0].body


def test_opt_out_link_and_my_area_switch(client, world, editors, mailoutbox):
    SearchProfileFactory(actor=world["billerbeck"])
    SearchProfileFactory(actor=world["malyn"])
    token = services.opt_out_token(user=editors["de"])
    path = reverse("matchmaking:opt_out", args=[token])
    assert client.get(path).status_code == 200
    assert MatchNotificationPreference.objects.filter(enabled=False).count() == 0  # GET only
    client.post(path)
    assert not MatchNotificationPreference.objects.get(user=editors["de"]).enabled
    assert client.post(reverse("matchmaking:opt_out", args=["1:forged"])).status_code == 400
    tasks.mutual_matches_task.delay()
    send_pending()
    assert [m.to for m in mailoutbox] == [[editors["uk"].email]]
    client.force_login(editors["de"])
    with translation.override("de"):
        client.post(reverse("matchmaking:notifications_toggle"), {"enabled": "1"})
    assert MatchNotificationPreference.objects.get(user=editors["de"]).enabled


def test_profiles_about_to_expire_are_announced_once(world, editors, mailoutbox):
    soon = SearchProfileFactory(
        actor=world["malyn"], valid_until=timezone.localdate() + timedelta(days=10)
    )
    SearchProfileFactory(
        actor=world["billerbeck"], valid_until=timezone.localdate() + timedelta(days=20)
    )
    assert tasks.profile_expiry_reminders_task.delay().get() == 1
    send_pending()
    assert mailoutbox[0].to == [editors["uk"].email]
    assert "Малин" in mailoutbox[0].subject or "Malyn" in mailoutbox[0].subject
    assert f"/uk/mein-bereich/suchprofile/{soon.pk}/" in mailoutbox[0].body
    assert tasks.profile_expiry_reminders_task.delay().get() == 0
    services.search_profile_extend(profile=soon)
    soon.refresh_from_db()
    assert soon.expiry_reminder_sent_at is None


def test_ip_addresses_of_public_forms_are_erased(world):
    profile = SearchProfileFactory(actor=world["malyn"])
    old = ContactRequest.objects.create(
        profile=profile,
        name="A",
        email="a@example.org",
        message="x",
        consent_text="x",
        consent_at=timezone.now(),
        ip_address="203.0.113.9",
    )
    ContactRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert tasks.purge_ip_addresses_task.delay().get() == 1
    old.refresh_from_db()
    assert old.ip_address is None
