"""The portrait timeline lists each event once; "Zuletzt aktualisiert" is the last change of
the portrait's text, not of the row."""

import datetime
import re

import pytest
from django.utils import timezone

from partnerships.models import Partnership, StatusStep
from tests.partnerships.factories import MilestoneFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_signing_and_status_step_on_the_same_day_are_one_entry(client):
    p = PartnershipFactory()
    signed = datetime.date(2023, 2, 21)
    MilestoneFactory(partnership=p, date=signed, title="Unterzeichnung")
    MilestoneFactory(partnership=p, date=datetime.date(2023, 2, 9), title="Ratsbeschluss")
    StatusStep.objects.create(partnership=p, status="active", date=signed, note="Unterzeichnung")
    StatusStep.objects.create(partnership=p, status="initiated", date=datetime.date(2022, 5, 1))
    html = client.get(p.get_absolute_url()).content.decode()
    timeline = html.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    entries = re.findall(r"<li>", timeline)
    assert len(entries) == 3
    assert timeline.count("Unterzeichnung") == 1
    assert timeline.index("Ratsbeschluss") < timeline.index("Unterzeichnung")


def test_last_update_is_the_last_change_of_content(client):
    p = PartnershipFactory()
    long_ago = timezone.make_aware(datetime.datetime(2023, 6, 20, 12, 0))
    Partnership.objects.filter(pk=p.pk).update(content_updated_at=long_ago)
    p = Partnership.objects.get(pk=p.pk)
    p.review_comment = "Bitte Bilder ergänzen"
    p.save()  # not a change of the portrait's text
    p.refresh_from_db()
    assert p.content_updated_at == long_ago
    assert "20. Juni 2023" in client.get(p.get_absolute_url()).content.decode()
    p = Partnership.objects.get(pk=p.pk)
    p.origin_de = "Neu erzählt."
    p.save()
    p.refresh_from_db()
    assert p.content_updated_at.date() == timezone.localdate()


def test_demo_portraits_are_dated_as_of_their_source(db):
    from partnerships import demo

    assert demo.CONTENT_AS_OF.date() == datetime.date(2023, 6, 20)
