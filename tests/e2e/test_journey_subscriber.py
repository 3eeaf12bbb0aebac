"""Subscriber: footer sign-up → confirmation email → confirm → staff send an issue → the
email's one-click unsubscribe works → the preference page shows the unsubscription."""

import re

import pytest

from newsletter.models import Subscription
from tests.e2e.conftest import link_from_mail
from tests.factories import PASSWORD, StaffFactory
from tests.newsletter.factories import IssueFactory, NewsletterFactory

pytestmark = pytest.mark.django_db(transaction=True)


def staff_login(page, user):
    page.goto(page.base_url + "/de/konto/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/mein-bereich/**")


def test_subscribe_confirm_receive_and_unsubscribe_in_one_click(page, journey, mailoutbox):
    newsletter = NewsletterFactory(name="Im Blickpunkt: Ukraine", slug="blickpunkt-ukraine")
    page.goto(page.base_url + "/de/kontakt/")
    footer = page.locator("footer form.footer-signup")
    footer.locator("#footer_email").fill("leserin@example.org")
    footer.get_by_label("Im Blickpunkt: Ukraine").check()
    footer.locator("#footer_consent").check()
    footer.locator("button[type=submit]").click()
    page.wait_for_url("**/newsletter/danke/**")
    journey.check("check-your-inbox")

    [confirmation] = mailoutbox
    assert confirmation.to == ["leserin@example.org"]
    page.goto(link_from_mail(confirmation, r"https?://\S+/bestaetigen/\S+"))
    journey.check("confirmed")
    subscription = Subscription.objects.get(subscriber__email="leserin@example.org")
    assert subscription.status == Subscription.Status.CONFIRMED

    # Staff send an issue from the admin.
    issue = IssueFactory(newsletter=newsletter, subject="Im Blickpunkt: Ukraine 2/2023")
    staff_login(page, StaffFactory(is_superuser=True))
    page.goto(page.base_url + f"/admin/newsletter/issue/{issue.pk}/change/")
    journey.check("admin-issue", axe=False)  # Django's own admin, not part of the audit
    with page.expect_navigation():
        page.get_by_role("button", name="Jetzt versenden").click()
    # A confirmation page shows the recipients per language first.
    assert "Versand bestätigen" in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="Jetzt versenden").click()
    assert "Der Versand beginnt." in page.content()
    [mail] = [m for m in mailoutbox if "Im Blickpunkt: Ukraine 2/2023" in m.subject]
    assert mail.to == ["leserin@example.org"]
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = re.search(r"<(https?://[^>]+)>", mail.extra_headers["List-Unsubscribe"]).group(1)

    # The mailbox provider's one-click POST: no cookie, no CSRF token.
    response = page.request.post(
        one_click,
        form={"List-Unsubscribe": "One-Click"},
        headers={"Cookie": ""},
    )
    assert response.status == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.UNSUBSCRIBED

    page.goto(link_from_mail(mail, r"https?://\S+/einstellungen/\S+"))
    journey.check("preferences")
    assert not page.locator("main").get_by_label("Im Blickpunkt: Ukraine").is_checked()
