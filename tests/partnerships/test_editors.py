import io
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.models import AccessRequest, ActorEditor, DigestRun, Invitation, Partnership
from portal.models import OutboundEmail
from tests.factories import UserFactory
from tests.mail import send_pending
from tests.partnerships.factories import (
    ActorFactory,
    EditorFactory,
    PartnershipFactory,
    UkrainianActorFactory,
)
from tests.upload_samples import pdf_bytes, photo_with_gps, polyglot_bytes, upload

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", (4, 4), (0, 87, 183)).save(out, "PNG")
    return out.getvalue()


PNG = _png()


def test_invitation_journey(client, staff_user, mailoutbox, django_capture_on_commit_callbacks):
    actor = ActorFactory(name="Billerbeck")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            email="Redaktion@Billerbeck.example", actor=actor, by=staff_user
        )
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["redaktion@billerbeck.example"]
    path = re.search(r"(/de/mein-bereich/einladung/[^/\s]+/)", mailoutbox[0].body).group(1)
    # the outbox row holds the invitation's id, not its link
    [email] = OutboundEmail.objects.all()
    assert email.context == {"invitation_id": invitation.pk}
    assert invitation.token not in str(email.context)
    # not logged in: to sign-up, with the way back
    response = client.get(path)
    assert (
        response.status_code == 302
        and "signup" in response["Location"]
        and "next=" in response["Location"]
    )
    # a different person cannot use it
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(path).status_code == 403
    # the invited person can
    invited = UserFactory(email="redaktion@billerbeck.example")
    client.force_login(invited)
    assert client.get(path).status_code == 302
    assert ActorEditor.objects.filter(user=invited, actor=actor).exists()
    actor.refresh_from_db()
    assert actor.is_claimed
    my_area = client.get(reverse("portal:my_area")).content.decode()
    assert "Billerbeck" in my_area


def _invitation_link(invitation) -> str:
    return reverse("partnerships:invitation_accept", kwargs={"token": invitation.token})


def test_an_invitation_link_works_once(client, staff_user):
    actor = ActorFactory()
    invitation = services.invitation_create(
        email="redaktion@malyn.example", actor=actor, by=staff_user
    )
    invited = UserFactory(email="redaktion@malyn.example")
    client.force_login(invited)
    assert client.get(_invitation_link(invitation)).status_code == 302
    ActorEditor.objects.filter(user=invited).delete()  # staff took the rights away
    # The person who accepted it is taken to their area; the link grants nothing again.
    again = client.get(_invitation_link(invitation), follow=True)
    assert again.redirect_chain[-1][0] == reverse("portal:my_area")
    assert "bereits angenommen" in again.content.decode()
    assert not ActorEditor.objects.filter(actor=actor).exists()
    # Anybody else is refused.
    client.force_login(UserFactory())
    other = client.get(_invitation_link(invitation))
    assert other.status_code == 403 and "nur einmal" in other.content.decode()


def test_an_invitation_expires(client, staff_user, settings, mailoutbox):
    settings.PARTNERSHIPS_INVITATION_VALID_DAYS = 14
    actor = ActorFactory()
    invitation = services.invitation_create(
        email="redaktion@malyn.example", actor=actor, by=staff_user
    )
    send_pending()
    assert "Der Link gilt bis zum" in mailoutbox[0].body
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=14, minutes=1)
    )
    client.force_login(UserFactory(email="redaktion@malyn.example"))
    response = client.get(_invitation_link(invitation))
    assert response.status_code == 403 and "abgelaufen" in response.content.decode()
    assert not ActorEditor.objects.filter(actor=actor).exists()
    # An email still waiting in the outbox for an expired invitation is not sent any more.
    OutboundEmail.objects.update(status="pending", claimed_at=None)
    mailoutbox.clear()
    assert send_pending() == 0 and mailoutbox == []
    assert OutboundEmail.objects.get().status == "skipped"


@pytest.mark.parametrize("approve", [True, False])
def test_access_request_decided_by_staff(
    client, user, staff_user, mailoutbox, django_capture_on_commit_callbacks, approve
):
    actor = ActorFactory(name="Hürth")
    client.force_login(user)
    url = reverse("partnerships:access_request", kwargs={"slug": actor.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Ich leite das Partnerschaftsbüro."})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[staff_user.email]]
    # a second request while one is pending is refused with a message
    response = client.post(url, {"message": "nochmal"})
    assert response.status_code == 400 and "schon eine Anfrage" in response.content.decode()
    req = AccessRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.access_request_decide(
            access_request=req, approve=approve, by=staff_user, note="Bitte Dienstadresse"
        )
    assert mailoutbox[-1].to == [user.email]
    assert ActorEditor.objects.filter(user=user, actor=actor).exists() == approve
    assert ("freigeschaltet" in mailoutbox[-1].subject) == approve


def test_editor_edits_portrait_in_ukrainian_and_items(client, mailoutbox):
    de, ua = ActorFactory(), UkrainianActorFactory()
    p = PartnershipFactory(partners=[de, ua], title_de="A – B")
    ua_editor = EditorFactory(actor=ua).user
    client.force_login(ua_editor)
    url = reverse("partnerships:edit", kwargs={"slug": p.slug}) + "?sprache=uk"
    form = client.get(url).content.decode()
    assert 'name="summary_uk"' in form and 'name="summary_de"' not in form
    response = client.post(
        url,
        {
            "title_uk": "А – Б",
            "summary_uk": "Коротко",
            "status": "active",
            "since_precision": "month",
        },
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.summary_uk == "Коротко" and p.summary_de == "Eine Solidaritätspartnerschaft."
    assert p.history.latest().history_user == ua_editor
    # bad input keeps the typed text and explains
    future = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = client.post(
        url,
        {
            "title_uk": "А – Б",
            "summary_uk": "Новий текст",
            "status": "active",
            "since": future,
            "since_precision": "day",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Новий текст" in body and "Zukunft" in body
    # milestone
    add = (
        reverse("partnerships:item_add", kwargs={"slug": p.slug, "kind": "meilenstein"})
        + "?sprache=uk"
    )
    assert (
        client.post(
            add, {"date": "2023-03-01", "precision": "month", "title_uk": "Візит"}
        ).status_code
        == 302
    )
    assert p.milestones.get().title_uk == "Візит"
    # image: a real PNG passes, a text file pretending to be one does not
    add_image = (
        reverse("partnerships:item_add", kwargs={"slug": p.slug, "kind": "bild"}) + "?sprache=uk"
    )
    fake = SimpleUploadedFile("x.png", b"not an image at all", content_type="image/png")
    response = client.post(
        add_image, {"file": fake, "alt_text_uk": "опис", "credit": "Місто", "position": 0}
    )
    assert response.status_code == 400 and p.images.count() == 0
    good = SimpleUploadedFile("x.png", PNG, content_type="image/png")
    response = client.post(
        add_image, {"file": good, "alt_text_uk": "опис", "credit": "Місто", "position": 0}
    )
    assert response.status_code == 302 and p.images.count() == 1
    # document: only PDF
    add_doc = reverse("partnerships:item_add", kwargs={"slug": p.slug, "kind": "dokument"})
    for name in ("polyglot.pdf", "polyglot.html"):
        response = client.post(
            add_doc,
            {"kind": "agreement", "title": "Vertrag", "file": upload(name, polyglot_bytes())},
        )
        assert response.status_code == 400 and p.documents.count() == 0
        assert 'value="Vertrag"' in response.content.decode()  # the other input is kept
    pdf = SimpleUploadedFile("v.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(add_doc, {"kind": "agreement", "title": "Vertrag", "file": pdf})
    assert response.status_code == 302 and p.documents.count() == 1


def test_upload_over_the_image_limit_is_refused(client):
    editor = EditorFactory().user
    partnership = PartnershipFactory(partners=[editor.actor_roles.get().actor, ActorFactory()])
    client.force_login(editor)
    add_image = reverse("partnerships:item_add", kwargs={"slug": partnership.slug, "kind": "bild"})
    big = upload("big.png", PNG + b"\0" * (10 * 1024 * 1024))
    response = client.post(
        add_image, {"file": big, "alt_text_de": "Rathaus", "credit": "Stadt", "position": 0}
    )
    assert response.status_code == 400 and partnership.images.count() == 0
    content = response.content.decode()
    assert "erlaubt sind höchstens 10,0\xa0MB" in content
    assert 'value="Rathaus"' in content


def test_editor_edits_own_actor_and_claims_it(client):
    actor = ActorFactory()
    editor = EditorFactory(actor=actor).user
    client.force_login(editor)
    url = reverse("partnerships:actor_edit", kwargs={"slug": actor.slug})
    response = client.post(
        url,
        {
            "description_de": "Wir sind <script>x()</script> Billerbeck",
            "contact_email": "kein-email",
            "aliases": "",
        },
    )
    assert response.status_code == 400
    response = client.post(
        url,
        {
            "description_de": "Wir sind Billerbeck",
            "contact_email": "info@billerbeck.example",
            "aliases": "",
        },
    )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.is_claimed and actor.contact_email == "info@billerbeck.example"


def test_logo_upload_is_checked_and_stored_without_location(client):
    actor = ActorFactory()
    editor = EditorFactory(actor=actor).user
    client.force_login(editor)
    url = reverse("partnerships:actor_edit", kwargs={"slug": actor.slug})
    svg = upload("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    response = client.post(url, {"description_de": "Wir sind Billerbeck", "logo": svg})
    assert response.status_code == 400
    content = response.content.decode()
    assert "nicht erlaubt" in content and "Wir sind Billerbeck" in content
    photo = upload("IMG_0042.jpg", photo_with_gps(), content_type="image/jpeg")
    response = client.post(url, {"description_de": "Wir sind Billerbeck", "logo": photo})
    assert response.status_code == 302
    actor.refresh_from_db()
    assert re.fullmatch(r"actors/logos/[0-9a-f]{32}\.jpg", actor.logo.name)
    with actor.logo.open("rb") as handle:
        assert b"GPS" not in handle.read()
    assert client.get(actor.logo.url).status_code == 200


def test_proposal_goes_to_review(client):
    own = ActorFactory(name="Billerbeck")
    UkrainianActorFactory(name="Malyn", official_code="UA18060130000061781")
    UkrainianActorFactory(name="Novoselytsia")
    UkrainianActorFactory(name="Novoselytsia")
    editor = EditorFactory(actor=own).user
    client.force_login(editor)
    url = reverse("partnerships:propose")
    data = {
        "own_actor": own.pk,
        "partner_country": "UA",
        "kind": "twinning",
        "summary": "Seit 2023",
    }
    assert "Kein Akteur" in client.post(url, {**data, "partner": "Atlantis"}).content.decode()
    assert (
        "Mehrere Treffer" in client.post(url, {**data, "partner": "Novoselytsia"}).content.decode()
    )
    assert (
        client.post(url, {**data, "partner": "Malyn", "partner_country": "XX"}).status_code == 400
    )
    response = client.post(url, {**data, "partner": "malyn"})
    assert response.status_code == 302
    p = Partnership.objects.get()
    assert p.publication_state == "review" and p.title == "Billerbeck – Malyn"
    # someone else's actor cannot be used as own actor
    other = ActorFactory()
    assert client.post(url, {**data, "own_actor": other.pk, "partner": "Malyn"}).status_code == 400


def test_proposal_refused_for_non_editors(client, user):
    client.force_login(user)
    assert client.get(reverse("partnerships:propose")).status_code == 403


def test_daily_digest_once(staff_user, mailoutbox):
    p = PartnershipFactory()
    editor = EditorFactory(actor=p.members.first().actor).user
    services.partnership_update(partnership=p, summary_de="Neu", by=editor)
    services.partnership_update(partnership=p, summary_de="Staff", by=staff_user)
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert services.daily_digest_send(day=tomorrow) is True
    send_pending()  # the test transaction never commits: send what the outbox holds
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert editor.email in body and staff_user.email not in body.split("\n", 2)[-1]
    assert f"/admin/partnerships/partnership/{p.pk}/history/" in body
    assert services.daily_digest_send(day=tomorrow) is False
    send_pending()
    assert len(mailoutbox) == 1 and DigestRun.objects.get().day == tomorrow


def test_digest_task_runs(staff_user, mailoutbox):
    from partnerships.tasks import send_daily_digest

    send_daily_digest.delay()
    assert mailoutbox == []  # no changes yesterday: no email


def test_update_services_take_fields_as_keywords_and_refuse_unknown_names():
    from django.core.exceptions import FieldDoesNotExist

    from portal.models import Horizon, Theme

    p = PartnershipFactory()
    editor = EditorFactory(actor=p.members.first().actor).user
    horizon = Horizon.objects.first()
    p.horizons.set([horizon])
    theme = Theme.objects.first()
    services.partnership_update(partnership=p, by=editor, summary_uk="Нове", themes=[theme])
    p.refresh_from_db()
    assert p.summary_uk == "Нове"
    assert list(p.themes.all()) == [theme]
    assert list(p.horizons.all()) == [horizon]  # not given: unchanged
    assert p.history.latest().history_user == editor

    actor = p.members.first().actor
    services.actor_update(actor=actor, by=editor, description_en="Town in Westphalia")
    actor.refresh_from_db()
    assert actor.description_en == "Town in Westphalia" and actor.claimed_at is not None

    with pytest.raises(FieldDoesNotExist):
        services.partnership_update(partnership=p, by=editor, sumary_de="Tippfehler")
    with pytest.raises(FieldDoesNotExist):
        services.actor_update(actor=actor, by=editor, descripton_de="Tippfehler")
