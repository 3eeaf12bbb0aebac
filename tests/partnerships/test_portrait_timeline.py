"""The portrait timeline lists each event once; "Zuletzt aktualisiert" is the last change of
the portrait's text, not of the row."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.models import (
    Document,
    Image,
    Milestone,
    Partnership,
    PartnershipMember,
    StatusStep,
)
from portal.models import Horizon, Theme
from tests.factories import StaffFactory
from tests.partnerships.factories import (
    ActorFactory,
    EditorFactory,
    MilestoneFactory,
    PartnershipFactory,
    ProjectFactory,
    UkrainianActorFactory,
)

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


# --- what counts as a change of content (partnerships/services/content.py) -----------------

LONG_AGO = timezone.make_aware(datetime.datetime(2023, 6, 20, 12, 0))


def _dated_long_ago(p) -> Partnership:
    Partnership.objects.filter(pk=p.pk).update(content_updated_at=LONG_AGO)
    return Partnership.objects.get(pk=p.pk)


def _add_member(p):
    PartnershipMember.objects.create(partnership=p, actor=ActorFactory(), role="supporter")


def _change_member_role(p):
    member = p.members.last()
    member.role = "supporter"
    member.save()


def _remove_member(p):
    p.members.last().delete()


def _add_theme(p):
    p.themes.add(Theme.objects.create(slug="jugend-x", name="Jugend"))


def _add_horizon(p):
    p.horizons.add(Horizon.objects.create(slug="wiederaufbau-x", name="Wiederaufbau"))


def _add_document(p):
    Document.objects.create(partnership=p, title="Vertrag", file="partnerships/documents/v.pdf")


def _add_photo(p):
    Image.objects.create(
        partnership=p, file="partnerships/images/a.png", alt_text="Rathaus", credit="Stadt"
    )


def _change_photo_caption(p):
    image = Image.objects.create(
        partnership=p, file="partnerships/images/a.png", alt_text="Rathaus", credit="Stadt"
    )
    _dated_long_ago(p)
    image.caption_de = "Das Rathaus im Winter"
    image.save()


def _change_status(p):
    p.status = Partnership.Status.DORMANT
    p.save()


def _change_since(p):
    p.since = datetime.date(2022, 4, 1)
    p.since_precision = "month"
    p.save()


def _add_status_step(p):
    StatusStep.objects.create(partnership=p, status="active", date=datetime.date(2023, 2, 1))


def _edit_milestone(p):
    milestone = MilestoneFactory(partnership=p, date=datetime.date(2023, 3, 1))
    _dated_long_ago(p)
    milestone.title_uk = "Візит"
    milestone.save()


def _delete_project(p):
    project = ProjectFactory(partnership=p)
    _dated_long_ago(p)
    project.delete()


def _change_kind_by_staff(p):
    services.partnership_change_kind(partnership=p, kind="twinning", by=StaffFactory())


@pytest.mark.parametrize(
    "change",
    [_add_member, _change_member_role, _remove_member, _add_theme, _add_horizon, _add_document,
     _add_photo, _change_photo_caption, _change_status, _change_since, _add_status_step,
     _edit_milestone, _delete_project, _change_kind_by_staff],
)  # fmt: skip
def test_every_change_readers_see_counts(change):
    p = _dated_long_ago(PartnershipFactory())
    change(p)
    p.refresh_from_db()
    assert p.content_updated_at.date() == timezone.localdate(), change.__name__


def test_saves_that_change_nothing_keep_the_date():
    p = PartnershipFactory()
    theme = Theme.objects.create(slug="kultur-x", name="Kultur")
    p.themes.set([theme])
    stale = Partnership.objects.get(pk=p.pk)  # loaded before the last change below
    milestone = MilestoneFactory(partnership=p, title_uk="Візит")
    image = Image.objects.create(
        partnership=p, file="partnerships/images/a.png", alt_text="Rathaus", credit="Stadt"
    )
    p = _dated_long_ago(p)
    p.save()
    p.members.first().save()
    Milestone.objects.get(pk=milestone.pk).save()
    Image.objects.get(pk=image.pk).save()
    p.themes.set([theme])
    p.publication_state = Partnership.Publication.DRAFT  # publishing is not content
    p.save()
    p.refresh_from_db()
    assert p.content_updated_at == LONG_AGO
    # an instance loaded earlier, saved without a change, does not write its old date back
    MilestoneFactory(partnership=p)
    p.refresh_from_db()
    touched = p.content_updated_at
    assert touched != LONG_AGO
    stale.review_comment = "Bitte Fotos ergänzen"
    stale.save()
    p.refresh_from_db()
    assert p.content_updated_at == touched


def test_editor_adding_a_milestone_updates_the_portrait(client):
    editor = EditorFactory().user
    p = _dated_long_ago(PartnershipFactory(partners=[editor.actor_roles.get().actor]))
    client.force_login(editor)
    add = reverse("partnerships:item_add", kwargs={"slug": p.slug, "kind": "meilenstein"})
    response = client.post(add, {"date": "2023-03-01", "precision": "month", "title_de": "Visit"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.content_updated_at.date() == timezone.localdate()
    page = client.get(p.get_absolute_url()).content.decode()
    assert "20. Juni 2023" not in page


def test_seed_demo_dates_portraits_as_of_their_source_and_a_rerun_touches_nothing(db):
    from io import StringIO

    from django.core.management import call_command

    from partnerships import demo

    def dates():
        rows = Partnership.objects.filter(is_synthetic=False)
        return dict(rows.values_list("slug", "content_updated_at"))

    call_command("seed_demo", stdout=StringIO())
    first = dates()
    assert demo.CONTENT_AS_OF in first.values()
    # as of the source (or of the demo survey's answer), never as of the load
    assert all(d.date() < timezone.localdate() for d in first.values()), first
    call_command("seed_demo", stdout=StringIO())
    assert dates() == first


def test_import_that_changes_nothing_keeps_the_date():
    from partnerships.imports import services as imports
    from partnerships.imports.mapping import guess, read_header

    duisburg = ActorFactory(name="Duisburg", slug="duisburg", official_code="05112000")
    kryvyi = UkrainianActorFactory(name="Kryvyi Rih", slug="kryvyi-rih")
    p = PartnershipFactory(slug="duisburg-kryvyi-rih", title="Duisburg – Kryvyi Rih",
                           kind="twinning", status="active", since=datetime.date(2023, 1, 1),
                           since_precision="year", partners=[duisburg, kryvyi])  # fmt: skip
    text = (
        "slug,kind,status,since,members\n"
        "duisburg-kryvyi-rih,twinning,active,2023,05112000|kryvyi-rih\n"
    )

    def run():
        header, _delimiter = read_header(text)
        return imports.import_text(
            text=text,
            mapping=guess(header),
            source="https://example.org",
            source_date=datetime.date(2026, 11, 1),
            dry_run=False,
        )

    p = _dated_long_ago(p)
    run()
    p.refresh_from_db()
    assert p.content_updated_at == LONG_AGO
    ActorFactory(name="Iecava", slug="iecava", country="LV")
    text = text.replace("members\n", "members,brokers\n").replace(
        "kryvyi-rih\n", "kryvyi-rih,iecava\n"
    )  # a real change from the source counts: a new member
    run()
    p.refresh_from_db()
    assert p.content_updated_at.date() == timezone.localdate()
