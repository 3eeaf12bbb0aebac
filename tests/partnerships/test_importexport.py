import pytest
from django.urls import reverse

from partnerships.importexport import COLUMNS, export_csv, import_csv
from partnerships.models import Partnership
from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)


@pytest.fixture
def actors():
    return {
        "billerbeck": ActorFactory(slug="billerbeck", official_code="05558008"),
        "malyn": UkrainianActorFactory(slug="malyn", official_code="UA18060130000061781"),
        "iecava": ActorFactory(slug="iecava", country="LV"),
    }


def _csv(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


GOOD = (
    "billerbeck-malyn,Billerbeck – Malyn,twinning,yes,signed,2023-03-01,month,"
    "05558008|UA18060130000061781,iecava,Seit März 2023,published"
)


def test_dry_run_reports_and_saves_nothing(actors):
    report = import_csv(data=_csv(GOOD), dry_run=True)
    assert report.ok and report.count("created") == 1 and not report.saved
    assert Partnership.objects.count() == 0


def test_import_creates_then_skips_unchanged_then_updates(actors):
    report = import_csv(data=_csv(GOOD), dry_run=False)
    assert report.saved
    p = Partnership.objects.get(slug="billerbeck-malyn")
    assert p.members.get(role="broker").actor == actors["iecava"] and p.is_formal
    assert import_csv(data=_csv(GOOD), dry_run=False).rows[0].outcome == "unchanged"
    changed = GOOD.replace(",signed,", ",active,")
    # Another value is only taken by an explicit choice.
    assert import_csv(data=_csv(changed), dry_run=False).rows[0].outcome == "unchanged"
    p.refresh_from_db()
    assert p.status == "signed"
    report = import_csv(data=_csv(changed), dry_run=False, taken={"2:status"})
    assert report.rows[0].outcome == "updated"
    p.refresh_from_db()
    assert p.status == "active"


def test_export_round_trip(actors):
    import_csv(data=_csv(GOOD), dry_run=False)
    exported = export_csv(Partnership.objects.all()).encode()
    report = import_csv(data=exported, dry_run=False)
    assert [r.outcome for r in report.rows] == ["unchanged"]


def test_one_bad_row_saves_nothing_and_reports_each_row(actors):
    bad_member = GOOD.replace("billerbeck-malyn", "x").replace("iecava", "atlantis")
    bad_kind = GOOD.replace("billerbeck-malyn", "y").replace("twinning", "liebe")
    future = GOOD.replace("billerbeck-malyn", "z").replace("2023-03-01", "2999-01-01")
    same_twice = GOOD.replace("billerbeck-malyn", "w").replace(
        "05558008|UA18060130000061781", "05558008|05558008"
    )
    report = import_csv(
        data=_csv(GOOD, GOOD, bad_member, bad_kind, future, same_twice), dry_run=False
    )
    outcomes = [(r.line, r.outcome) for r in report.rows]
    assert outcomes == [
        (2, "created"),
        (3, "unchanged"),
        (4, "error"),
        (5, "error"),
        (6, "error"),
        (7, "error"),
    ]
    assert "atlantis" in report.rows[2].message
    assert "liebe" in report.rows[3].message
    assert "Zukunft" in report.rows[4].message
    assert "wie Zeile 2" in report.rows[1].message
    assert not report.saved and Partnership.objects.count() == 0


def test_wrong_columns_and_encoding():
    report = import_csv(data=b"name,foo\nx,y\n", dry_run=False)
    assert not report.ok and any("zugeordnet" in e for e in report.errors)
    report = import_csv(data=(HEADER + "\n").encode("utf-16"), dry_run=False)
    assert any("UTF-8" in e for e in report.errors)
    report = import_csv(data="slug,kind,members\nä,twinning,a|b\n".encode("latin-1"), dry_run=False)
    assert any("UTF-8" in e for e in report.errors)


def test_admin_import_and_export(client, staff_user, actors):
    client.force_login(staff_user)
    url = reverse("admin:partnerships_partnership_import")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        url,
        {
            "file": SimpleUploadedFile("p.csv", _csv(GOOD)),
            "source": "https://example.org/liste",
            "source_date": "2026-11-01",
        },
    )
    assert response.status_code == 302
    response = client.get(response["Location"])
    data = {f.html_name: f.initial for f in response.context["form"]}
    response = client.post(response.request["PATH_INFO"], data)
    assert "Probelauf" in response.content.decode()
    assert not Partnership.objects.exists()
    run = response.context["run"]
    client.post(reverse("admin:partnerships_partnership_import_apply", args=[run.pk]))
    assert Partnership.objects.filter(slug="billerbeck-malyn").exists()
    changelist = reverse("admin:partnerships_partnership_changelist")
    response = client.post(
        changelist,
        {
            "action": "export_csv",
            "_selected_action": list(Partnership.objects.values_list("pk", flat=True)),
        },
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "billerbeck-malyn" in response.content.decode("utf-8-sig")


def test_admin_changelists_query_budget(client, staff_user, django_assert_max_num_queries):
    for _ in range(40):
        PartnershipFactory()
    client.force_login(staff_user)
    for name in ("partnership", "actor"):
        with django_assert_max_num_queries(20):
            response = client.get(reverse(f"admin:partnerships_{name}_changelist"))
        assert response.status_code == 200


def test_admin_send_back_with_comment(client, staff_user):
    p = PartnershipFactory()
    client.force_login(staff_user)
    changelist = reverse("admin:partnerships_partnership_changelist")
    response = client.post(changelist, {"action": "send_back", "_selected_action": [p.pk]})
    assert response.status_code == 200 and 'name="comment"' in response.content.decode()
    client.post(
        changelist,
        {"action": "send_back", "_selected_action": [p.pk], "apply": "1", "comment": "Bitte Fotos"},
    )
    p.refresh_from_db()
    assert p.publication_state == "draft" and p.review_comment == "Bitte Fotos"
    client.post(changelist, {"action": "publish", "_selected_action": [p.pk]})
    p.refresh_from_db()
    assert p.publication_state == "published"
