import pytest
from django.db import transaction

from portal import services
from portal.models import ConsultationRequest, OutboundEmail
from tests.factories import ConsultationRequestFactory, StaffFactory
from tests.mail import send_pending

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Anna Muster",
    "organisation": "Stadt Billerbeck",
    "organisation_kind": "municipality",
    "email": "anna@example.org",
    "topic": "ukraine",
    "message": "Wir möchten eine Partnerschaft mit Malyn vertiefen.",
    "consent": "on",
    "website": "",
}


@pytest.fixture
def staff(db):
    return StaffFactory(email="team@example.org")


def post(client, data, language="de", **extra):
    return client.post(f"/{language}/beratung/", data, **extra)


def test_request_is_stored_and_staff_are_emailed_after_commit(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, VALID)
    assert response.status_code == 302
    assert response["Location"] == "/de/beratung/danke/"
    # staff notice and receipt: the outbox dispatch (debounced) after the commit
    assert {c.__name__ for c in callbacks} == {"request_dispatch"}
    request = ConsultationRequest.objects.get()
    assert request.country == "DE"
    assert request.status == ConsultationRequest.Status.NEW
    assert request.language == "de"
    assert "einverstanden" in request.consent_text
    assert request.ip_address == "127.0.0.1"
    mail, receipt = mailoutbox
    assert mail.to == ["team@example.org"]
    assert receipt.to == ["anna@example.org"]
    assert mail.reply_to == ["anna@example.org"]
    assert "Stadt Billerbeck" in mail.subject
    assert "Malyn" in mail.body
    assert f"/admin/portal/consultationrequest/{request.pk}/change/" in mail.body
    assert mail.alternatives[0][1] == "text/html"


def test_no_email_before_commit_and_none_when_the_transaction_rolls_back(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.consultation_request_create(
            **{k: VALID[k] for k in ("name", "organisation", "organisation_kind", "email")},
            topic="funding",
            message="Hallo",
            language="de",
            consent_text="ok",
            ip_address=None,
        )
        assert mailoutbox == []
        raise RuntimeError("rollback")
    assert ConsultationRequest.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("language", "required_message"),
    [("de", "Dieses Feld ist zwingend erforderlich."), ("uk", "Це поле обов"), ("en", "required")],
)
def test_missing_fields_keep_the_input_store_nothing_send_nothing(
    client, staff, mailoutbox, language, required_message, django_capture_on_commit_callbacks
):
    data = {**VALID, "organisation": "", "consent": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, data, language=language)
    assert response.status_code == 400
    html = response.content.decode()
    assert required_message in html
    assert 'value="Anna Muster"' in html
    assert "Wir möchten eine Partnerschaft mit Malyn vertiefen." in html
    assert 'value="anna@example.org"' in html
    assert ConsultationRequest.objects.count() == 0
    assert mailoutbox == []


def test_invalid_email_and_line_breaks_are_refused(client, staff):
    response = post(client, {**VALID, "email": "anna(at)example", "name": "Anna\r\nBcc: x@y.z"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "gültige E-Mail-Adresse" in html
    assert "ohne Zeilenumbrüche" in html
    assert ConsultationRequest.objects.count() == 0


def test_overlong_message_is_refused(client, staff):
    response = post(client, {**VALID, "message": "x" * 5001})
    assert response.status_code == 400
    assert ConsultationRequest.objects.count() == 0


def test_honeypot_refuses_and_says_why(client, staff, mailoutbox):
    response = post(client, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 400
    assert "verstecktes Feld" in response.content.decode()
    assert ConsultationRequest.objects.count() == 0
    assert mailoutbox == []


def test_rate_limit_per_ip(client, staff, settings):
    settings.CONSULTATION_RATE_LIMIT = (2, 3600)
    assert post(client, VALID).status_code == 302
    assert post(client, VALID).status_code == 302
    response = post(client, {**VALID, "message": "Dritte Anfrage"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "zu viele Anfragen" in html
    assert "Dritte Anfrage" in html
    assert ConsultationRequest.objects.count() == 2
    # Another address is not affected.
    assert post(client, VALID, REMOTE_ADDR="192.0.2.7").status_code == 302


def create_request(**extra):
    fields = {k: VALID[k] for k in ("name", "organisation", "organisation_kind", "email")}
    return services.consultation_request_create(
        **fields, topic="funding", message="Hallo", language="uk", consent_text="ok",
        ip_address=None, **extra,
    )  # fmt: skip


def test_each_staff_address_gets_one_email_in_german(settings, staff, mailoutbox):
    settings.PORTAL_STAFF_NOTIFY_EMAILS = ["Beratung@Example.org"]
    request = create_request()  # asked in Ukrainian: the staff read German
    assert send_pending() == 3  # two staff addresses and the receipt to the requester
    assert send_pending() == 0  # sent once
    mailoutbox[:] = [m for m in mailoutbox if m.to != ["anna@example.org"]]
    assert sorted(m.to[0] for m in mailoutbox) == ["beratung@example.org", "team@example.org"]
    assert all(m.reply_to == ["anna@example.org"] for m in mailoutbox)
    assert all("Neue Beratungsanfrage" in m.subject for m in mailoutbox)
    rows = OutboundEmail.objects.filter(template="portal/emails/consultation_staff")
    assert {(r.language, r.context["request_id"]) for r in rows} == {("de", request.pk)}


def test_admin_lists_requests_with_status(admin_client_2fa):
    ConsultationRequestFactory.create_batch(3)
    response = admin_client_2fa.get("/admin/portal/consultationrequest/?status__exact=new")
    assert response.status_code == 200
    assert response.content.decode().count("Stadt Billerbeck") >= 3


def test_staff_mark_requests_in_progress_and_done_in_the_admin(client, staff):
    first, second = ConsultationRequestFactory(), ConsultationRequestFactory()
    client.force_login(staff)
    changelist = "/admin/portal/consultationrequest/"
    client.post(changelist, {"action": "mark_in_progress", "_selected_action": [first.pk]})
    client.post(changelist, {"action": "mark_done", "_selected_action": [second.pk]})
    statuses = dict(ConsultationRequest.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: ConsultationRequest.Status.IN_PROGRESS,
        second.pk: ConsultationRequest.Status.DONE,
    }
