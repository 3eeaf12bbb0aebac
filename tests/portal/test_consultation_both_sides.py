"""The advice form speaks to both sides; the requester gets a receipt; staff answer from the
admin by email, and the answer is kept with the request."""

import pytest
from django.urls import reverse

from portal.models import ConsultationReply, ConsultationRequest
from tests.factories import ConsultationRequestFactory, StaffFactory

pytestmark = pytest.mark.django_db

UKRAINIAN = {
    "name": "Олена Коваль",
    "organisation": "Малинська міська громада",
    "organisation_kind": "hromada",
    "country": "UA",
    "email": "olena@example.org",
    "topic": "seek_nrw",
    "message": "Ми шукаємо партнерську громаду в NRW.",
    "consent": "on",
    "website": "",
}


def test_ukrainian_page_addresses_hromadas_and_preselects_ukraine(client):
    html = client.get("/uk/beratung/").content.decode()
    assert "громада, район чи область шукає громаду-партнера" in html
    assert '<option value="UA" selected>' in html
    assert 'value="hromada"' in html and 'value="seek_nrw"' in html


def test_german_page_names_both_sides(client):
    html = client.get("/de/beratung/").content.decode()
    assert "Ihre Hromada, Ihr Rajon oder Ihre Oblast sucht eine Partnerkommune" in html
    assert '<option value="DE" selected>' in html


def test_hromada_request_and_receipt_in_ukrainian(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    StaffFactory(email="team@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/uk/beratung/", UKRAINIAN)
    assert response.status_code == 302
    request = ConsultationRequest.objects.get()
    assert (request.country, request.organisation_kind, request.topic) == (
        "UA", "hromada", "seek_nrw")  # fmt: skip
    by_address = {m.to[0]: m for m in mailoutbox}
    receipt = by_address["olena@example.org"]
    assert "отримано" in receipt.subject
    assert "Мережевого бюро" in receipt.subject
    assert "Ми шукаємо партнерську громаду в NRW." in receipt.body
    staff_mail = by_address["team@example.org"]
    assert "Partnerkommune in Nordrhein-Westfalen gesucht" in staff_mail.body


def test_staff_answer_from_the_admin(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ADMIN_REQUIRE_2FA = False
    staff = StaffFactory(is_superuser=True)
    request = ConsultationRequestFactory(language="uk", email="olena@example.org")
    client.force_login(staff)
    change = client.get(reverse("admin:portal_consultationrequest_change", args=[request.pk]))
    url = reverse("admin:portal_consultationrequest_reply", args=[request.pk])
    assert url in change.content.decode()
    form = client.get(url)
    assert form.status_code == 200
    assert "Мережевого бюро" in form.context["form"].initial["subject"]
    bad = client.post(url, {"subject": "Відповідь", "body": ""})
    assert bad.status_code == 200 and bad.context["form"].errors
    assert not ConsultationReply.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"subject": "Ваш запит", "body": "Добрий день! Ми знайшли для Вас партнера."}
        )
    assert response.status_code == 302
    reply = ConsultationReply.objects.get()
    assert reply.request == request and reply.sent_by == staff
    [mail] = mailoutbox
    assert mail.to == ["olena@example.org"]
    assert mail.subject == "Ваш запит"
    assert "Ми знайшли для Вас партнера." in mail.body
    assert request.message in mail.body
    request.refresh_from_db()
    assert request.status == ConsultationRequest.Status.IN_PROGRESS
    page = client.get(reverse("admin:portal_consultationrequest_change", args=[request.pk]))
    assert "Ми знайшли для Вас партнера." in page.content.decode()
