"""Contact through the Netzwerkstelle: the public's message reaches the item's actor only when
staff forward it (the sender consented to that) — once, in the recipients' language."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from partnerships.exchange import services
from partnerships.exchange.models import ContactRequest
from partnerships.exchange.services.items import CONTACT_FORWARD, CONTACT_STAFF
from partnerships.matchmaking.services import RequestStateError
from portal.models import OutboundEmail
from tests.factories import UserFactory
from tests.mail import send_pending
from tests.partnerships.factories import EditorFactory

CHANGELIST = "admin:exchange_contactrequest_changelist"
SENDER = {
    "name": "Anna Muster",
    "organisation": "Stadt Hürth",
    "email": "anna.muster@example.org",
    "message": "Wir haben zwei Generatoren für Malyn.",
}


def url(name, *args, lang="de"):
    with translation.override(lang):
        return reverse(name, args=args)


@pytest.fixture
def contact(client, world, make_item, django_capture_on_commit_callbacks, mailoutbox):
    """A need of Malyn (Ukrainian editor) and a message about it from the public."""
    need = make_item(title={"uk": "Генератори для лікарні", "de": "Generatoren für das Spital"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("exchange:contact", need.pk), {**SENDER, "consent": "on"})
    assert response.status_code == 302
    send_pending()
    mailoutbox.clear()
    return ContactRequest.objects.get()


def forward_in_admin(client, staff, pk, captured):
    client.force_login(staff)
    with captured(execute=True):
        return client.post(reverse(CHANGELIST), {"action": "forward", "_selected_action": [pk]})


def test_nothing_reaches_the_actor_before_staff_forward(client, world, contact, mailoutbox):
    assert contact.status == ContactRequest.Status.NEW
    # only the staff's notice exists; the outbox rows carry ids, no personal data
    rows = list(OutboundEmail.objects.all())
    assert {row.template for row in rows} == {CONTACT_STAFF}
    for row in rows:
        assert row.context == {"contact_request_id": contact.pk}
        assert world["ua_editor"].email != row.to_email
    # the actor's editor sees nothing of the sender on the item's page or in their area
    client.force_login(world["ua_editor"])
    for page in (url("exchange:detail", contact.item_id), url("exchange:mine")):
        text = client.get(page).content.decode()
        for value in SENDER.values():
            assert value not in text
    # no consent: no message stored, nothing sent
    client.logout()
    response = client.post(url("exchange:contact", contact.item_id), SENDER)
    assert response.status_code == 400
    assert ContactRequest.objects.count() == 1 and len(rows) == OutboundEmail.objects.count()


def test_forward_sends_one_email_in_the_editors_language_once(
    client, world, contact, mailoutbox, django_capture_on_commit_callbacks
):
    staff = world["staff"]
    response = forward_in_admin(client, staff, contact.pk, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [world["ua_editor"].email]  # Malyn's editor writes Ukrainian
    assert mail.reply_to == [SENDER["email"]]
    assert "Генератори для лікарні" in mail.subject
    assert "Біржі потреб" in mail.body and "Guten Tag" not in mail.body
    assert "Bedarfsbörse" not in mail.body + mail.subject
    assert SENDER["message"] in mail.body and SENDER["name"] in mail.body
    contact.refresh_from_db()
    assert contact.status == ContactRequest.Status.FORWARDED
    assert contact.forwarded_by == staff and contact.forwarded_at is not None
    forwarded_at = contact.forwarded_at
    # a double click (or a second staff member) sends nothing more and changes nothing
    response = forward_in_admin(client, staff, contact.pk, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert OutboundEmail.objects.filter(template=CONTACT_FORWARD).count() == 1
    contact.refresh_from_db()
    assert contact.forwarded_at == forwarded_at
    with pytest.raises(RequestStateError):
        services.contact_request_forward(request=contact, by=staff)


def test_every_editor_in_their_own_language(
    world, contact, mailoutbox, django_capture_on_commit_callbacks
):
    second = UserFactory(email="presse@malyn.example.org", language="de")
    EditorFactory(user=second, actor=world["malyn"])
    gone = UserFactory(email="alt@malyn.example.org", is_active=False)
    EditorFactory(user=gone, actor=world["malyn"])
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_request_forward(request=contact, by=world["staff"])
    send_pending()
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {world["ua_editor"].email, second.email}
    assert "Guten Tag" in by_address[second.email].body
    assert "in der Bedarfsbörse" in by_address[second.email].body
    assert "Generatoren für das Spital" in by_address[second.email].subject
    assert "Guten Tag" not in by_address[world["ua_editor"].email].body


def test_declined_is_never_forwarded(
    client, world, contact, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world["staff"])
    response = client.post(
        reverse(CHANGELIST), {"action": "decline", "_selected_action": [contact.pk]}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactRequest.Status.DECLINED and contact.forwarded_at is None
    forward_in_admin(client, world["staff"], contact.pk, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert not OutboundEmail.objects.filter(template=CONTACT_FORWARD).exists()


def test_an_actor_without_editors_gets_it_at_its_contact_address(
    world, make_item, mailoutbox, django_capture_on_commit_callbacks
):
    huerth = world["huerth"]
    huerth.contact_email = "partnerschaften@huerth.example.org"
    huerth.save()
    offer = make_item(kind="offer", actor=huerth)
    contact = services.contact_request_create(
        item=offer, **SENDER, language="uk", consent_text="…", ip_address=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_request_forward(request=contact, by=world["staff"])
    send_pending()
    [mail] = [m for m in mailoutbox if m.to == [huerth.contact_email]]
    assert "Guten Tag" in mail.body
    # nobody to write to: refused with a message, the request stays new
    duisburg_offer = make_item(kind="offer", actor=world["duisburg"])
    other = services.contact_request_create(
        item=duisburg_offer, **SENDER, language="de", consent_text="…", ip_address=None
    )
    with pytest.raises(ValidationError):
        services.contact_request_forward(request=other, by=world["staff"])
    other.refresh_from_db()
    assert other.status == ContactRequest.Status.NEW


def test_admin_shows_the_refusal(client, world, make_item, django_capture_on_commit_callbacks):
    offer = make_item(kind="offer", actor=world["duisburg"])
    contact = services.contact_request_create(
        item=offer, **SENDER, language="de", consent_text="…", ip_address=None
    )
    client.force_login(world["staff"])
    response = client.post(
        reverse(CHANGELIST),
        {"action": "forward", "_selected_action": [contact.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "keine Redaktion" in response.content.decode()
    page = client.get(reverse("admin:exchange_contactrequest_change", args=[contact.pk]))
    assert page.status_code == 200


def test_only_staff_who_may_change_forward(client, contact, mailoutbox):
    from django.contrib.auth.models import Permission

    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_contactrequest", content_type__app_label="exchange")
    )
    client.force_login(viewer)
    assert client.get(reverse(CHANGELIST)).status_code == 200
    client.post(reverse(CHANGELIST), {"action": "forward", "_selected_action": [contact.pk]})
    contact.refresh_from_db()
    assert contact.status == ContactRequest.Status.NEW
    assert not OutboundEmail.objects.filter(template=CONTACT_FORWARD).exists()
