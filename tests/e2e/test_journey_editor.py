"""Editor: accept an invitation → sign up → edit the portrait in Ukrainian → the public page
shows it → the history shows who changed it; another municipality's portrait stays closed."""

import pytest

from partnerships import services
from partnerships.models import Actor, Partnership
from tests.e2e.conftest import link_from_mail
from tests.factories import PASSWORD, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

STORY_UK = "Кривий Ріг і Дуйсбург поєднує сталь: спільна історія металургії та довіра."


def test_invited_ukrainian_editor_writes_the_portrait_in_ukrainian(
    page, journey, demo_data, mailoutbox, settings
):
    settings.ADMIN_REQUIRE_2FA = False
    partnership = Partnership.objects.get(slug="duisburg-kryvyi-rih")
    kryvyi_rih = Actor.objects.get(memberships__partnership=partnership, country="UA")
    staff = StaffFactory(is_superuser=True)
    services.invitation_create(
        email="redaktion@kryvyirih.example.org", actor=kryvyi_rih, language="uk", by=staff
    )
    [invitation] = [m for m in mailoutbox if m.to == ["redaktion@kryvyirih.example.org"]]
    invitation_url = link_from_mail(invitation, r"https?://\S+/einladung/\S+")

    # Not logged in: the invitation leads to the sign-up.
    page.goto(invitation_url)
    page.wait_for_url("**/konto/signup/**")
    journey.check("signup")
    page.fill("input[name=email]", "redaktion@kryvyirih.example.org")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    verification = mailoutbox[-1]
    assert verification.to == ["redaktion@kryvyirih.example.org"]
    page.goto(link_from_mail(verification, r"https?://\S+/confirm-email/\S+"))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    # Back to the invitation, now logged in: the person becomes editor of Kryvyi Rih.
    page.goto(invitation_url)
    page.wait_for_url("**/mein-bereich/**")
    assert "Kryvyi Rih" in page.content() or "Кривий Ріг" in page.content()
    journey.check("my-area")

    page.goto(page.base_url + f"/uk/mein-bereich/partnerschaften/{partnership.slug}/?sprache=uk")
    journey.check("edit-portrait-uk")
    page.fill("#id_summary_uk", STORY_UK)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    page.goto(page.base_url + f"/uk/partnerschaften/{partnership.slug}/")
    assert STORY_UK in page.content()
    journey.check("portrait-uk")
    page.goto(page.base_url + f"/de/partnerschaften/{partnership.slug}/")
    assert STORY_UK not in page.content()  # the German page keeps the German text

    # The history records who changed the portrait (staff see it in the admin).
    latest = partnership.history.latest()
    assert latest.history_user.email == "redaktion@kryvyirih.example.org"

    # Another municipality's portrait cannot be edited.
    other = Partnership.objects.exclude(members__actor=kryvyi_rih).first()
    response = page.goto(page.base_url + f"/uk/mein-bereich/partnerschaften/{other.slug}/")
    assert response.status == 403

    page.context.clear_cookies()
    page.goto(page.base_url + "/de/konto/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(page.base_url + f"/admin/partnerships/partnership/{partnership.pk}/history/")
    assert "redaktion@kryvyirih.example.org" in page.content()
    journey.check("admin-history", axe=False)
