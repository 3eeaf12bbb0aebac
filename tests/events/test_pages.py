import pytest

from events.models import Event, Registration
from tests.events.conftest import SECRET_JOIN_URL
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_list_and_detail_render(client, event, language):
    response = client.get(f"/{language}/veranstaltungen/")
    assert response.status_code == 200
    assert event.title in response.content.decode()
    response = client.get(f"/{language}/veranstaltungen/{event.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'type="application/ld+json"' in body
    assert SECRET_JOIN_URL not in body


def test_register_via_form(
    client, event, registration_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/de/veranstaltungen/{event.pk}/", registration_data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["olena@example.org"]
    assert registration.manage_token in mail.body
    assert SECRET_JOIN_URL not in mail.body
    print(mail.subject)
    print(mail.body)


def test_draft_is_404(client):
    event = EventFactory(status=Event.Status.DRAFT)
    assert client.get(f"/de/veranstaltungen/{event.pk}/").status_code == 404
