import pytest
from django.utils import translation

from tests.events.factories import EventFactory

SECRET_JOIN_URL = "https://meet.example.org/secret-room-4711"


@pytest.fixture
def event(db):
    return EventFactory(join_url=SECRET_JOIN_URL)


@pytest.fixture
def registration_data():
    return {
        "name": "Olena Kovalenko",
        "email": "olena@example.org",
        "organisation": "Stadt Billerbeck",
        "organisation_kind": "municipality",
        "accessibility_needs": "",
        "question": "",
        "language": "uk",
        "consent": "on",
        "website": "",
    }


@pytest.fixture(autouse=True)
def _german():
    """Requests in other languages leave their language active in the thread."""
    translation.activate("de")
    yield
    translation.activate("de")


@pytest.fixture(params=["sql", "orm"])
def registration_path(request, monkeypatch):
    """Run a test through both ways a place is taken: the PostgreSQL function (the hot
    path) and the ORM path (SQLite, and a cancelled registration coming back)."""
    from django.db import connection

    from events.services import places

    if request.param == "sql" and connection.vendor not in places.SQL_FUNCTION_VENDORS:
        pytest.skip("the database function exists on PostgreSQL only")
    if request.param == "orm":
        monkeypatch.setattr(places, "SQL_FUNCTION_VENDORS", set())
    return request.param


def email_kinds(**filters) -> list[str]:
    """The kinds of the registrants' emails in the outbox, oldest first."""
    from portal.models import OutboundEmail

    templates = (
        OutboundEmail.objects.filter(template__startswith="events/emails/", **filters)
        .order_by("pk")
        .values_list("template", flat=True)
    )
    return [template.rpartition("/")[2] for template in templates]
