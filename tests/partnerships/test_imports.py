"""Imports staff can trust (issue 16 §1): mapping remembered, free text understood, a
field-by-field diff, no silent loss, kind changes, triangles, duplicates, round trip."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from partnerships import opendata
from partnerships.importexport import import_csv
from partnerships.imports import services
from partnerships.imports.mapping import guess, read_header
from partnerships.imports.models import ColumnMapping, PartnershipFact
from partnerships.imports.parsing import parse_date, parse_kind
from partnerships.models import Actor, KindChange, Partnership, PartnershipMember
from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db

SOURCE = "https://example.org/liste-2026"


@pytest.fixture(autouse=True)
def offline_gazetteer(monkeypatch):
    """No gazetteer build in tests: known places answer from a tiny table."""
    table = {("skawina", "PL"): (49.975, 19.828), ("iecava", "LV"): (56.598, 24.207)}
    monkeypatch.setattr(
        services, "coordinates_for", lambda name, country: table.get((name.lower(), country))
    )


@pytest.fixture
def places():
    return {
        "duisburg": ActorFactory(name="Duisburg", slug="duisburg", official_code="05112000"),
        "koeln": ActorFactory(name="Köln", slug="koeln", official_code="05315000"),
        "huerth": ActorFactory(name="Hürth", slug="huerth", official_code="05362028"),
        "kryvyi": UkrainianActorFactory(
            name="Kryvyi Rih", slug="kryvyi-rih", aliases="Krywyj Rih\nКривий Ріг"
        ),
        "dnipro": UkrainianActorFactory(name="Dnipro", slug="dnipro", aliases="Дніпро"),
        "peremyshlyany": UkrainianActorFactory(name="Peremyshlyany", slug="peremyshlyany"),
        "skawina": ActorFactory(name="Skawina", slug="skawina", country="PL"),
        "iecava": ActorFactory(name="Iecava", slug="iecava", country="LV"),
    }


def _run(text, *, dry_run=True, taken=None, declined=None, mapping=None):
    header, _delimiter = read_header(text)
    return services.import_text(
        text=text,
        mapping=mapping or guess(header),
        source=SOURCE,
        source_date=date(2026, 11, 1),
        dry_run=dry_run,
        taken=taken,
        declined_actors=declined,
    )


LIST_HEADER = "Kommune NRW;Partnerstadt;Land;Art;seit;Quelle\n"


def test_free_text_kinds_dates_and_places_with_source(places):
    text = (
        LIST_HEADER + "Duisburg;Krywyj Rih;Ukraine;Städtepartnerschaft;21.02.2023;https://x.de/a\n"
    )
    plan = _run(text, dry_run=False)
    assert plan.ok and plan.counts["created"] == 1, plan.rows[0].message
    p = Partnership.objects.get()
    assert p.kind == "twinning" and p.since == date(2023, 2, 21) and p.since_precision == "day"
    assert {m.actor.slug for m in p.members.all()} == {"duisburg", "kryvyi-rih"}
    fact = p.facts.get(field="since")
    assert fact.source == "https://x.de/a" and fact.source_date == date(2026, 11, 1)
    assert fact.date == date(2023, 2, 21) and fact.precision == "day"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Städtepartnerschaft", "twinning"),
        ("Projektpartnerschaft", "project"),
        ("Solidaritätspartnerschaft", "solidarity"),
        ("Freundschaft", "friendship"),
        ("sister city", "twinning"),
        ("Партнерство солідарності", "solidarity"),
        ("побратимство", "twinning"),
        ("project partnership", "project"),
    ],
)
def test_kinds_understood(text, expected):
    assert parse_kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023", (date(2023, 1, 1), "year")),
        ("03/2023", (date(2023, 3, 1), "month")),
        ("März 2023", (date(2023, 3, 1), "month")),
        ("21.02.2023", (date(2023, 2, 21), "day")),
        ("21 Feb 2023", (date(2023, 2, 21), "day")),
        ("21 лютого 2023 р.", (date(2023, 2, 21), "day")),
        ("seit 2022", (date(2022, 1, 1), "year")),
    ],
)
def test_dates_understood_with_precision(text, expected):
    assert parse_date(text) == expected


@pytest.fixture
def duisburg(places):
    p = PartnershipFactory(
        slug="duisburg-kryvyi-rih",
        title="Duisburg – Kryvyi Rih",
        kind="twinning",
        status="signed",
        since=date(2023, 2, 21),
        since_precision="day",
        summary="Unterzeichnet im Rathaus.",
        partners=[places["duisburg"], places["kryvyi"]],
    )
    PartnershipMember.objects.create(
        partnership=p, actor=places["iecava"], role="broker", position=100
    )
    return p


DUISBURG_HEADER = "slug,kind,status,since,members,brokers,summary_de\n"
DUISBURG_ROW = "duisburg-kryvyi-rih,Städtepartnerschaft,aktiv,2023,05112000|kryvyi-rih,,\n"


def test_no_silent_loss_of_precision_status_summary_or_brokers(duisburg):
    plan = _run(DUISBURG_HEADER + DUISBURG_ROW)
    changes = {c.field: c for c in plan.rows[0].changes}
    assert changes["since"].reason == "less_precise" and not changes["since"].take
    assert changes["status"].reason == "change" and not changes["status"].take
    assert changes["summary_de"].reason == "empty" and not changes["summary_de"].take
    assert changes["since"].old_text == "21.02.2023" and changes["since"].new_text == "2023"
    plan = _run(DUISBURG_HEADER + DUISBURG_ROW, dry_run=False)
    assert plan.saved and plan.rows[0].outcome == "unchanged"
    duisburg.refresh_from_db()
    assert (duisburg.since, duisburg.since_precision) == (date(2023, 2, 21), "day")
    assert duisburg.status == "signed" and duisburg.summary_de == "Unterzeichnet im Rathaus."
    assert duisburg.members.filter(role="broker", actor__slug="iecava").exists()
    # The file's less precise year and its status stay on record, not applied.
    kept = duisburg.facts.get(field="since")
    assert not kept.is_current and kept.precision == "year" and kept.source == SOURCE


def test_explicit_choice_takes_the_less_precise_value(duisburg):
    plan = _run(DUISBURG_HEADER + DUISBURG_ROW, dry_run=False, taken={"2:since", "2:status"})
    assert plan.rows[0].outcome == "updated"
    duisburg.refresh_from_db()
    assert (duisburg.since, duisburg.since_precision) == (date(2023, 1, 1), "year")
    assert duisburg.status == "active"
    assert duisburg.history.first().history_change_reason.startswith("Import")


def test_conflicting_date_kept_as_second_fact(duisburg):
    row = "duisburg-kryvyi-rih,twinning,signed,05/2022,05112000|kryvyi-rih,,\n"
    plan = _run(DUISBURG_HEADER + row, dry_run=False)
    assert plan.rows[0].changes[0].reason == "conflict"
    duisburg.refresh_from_db()
    assert duisburg.since == date(2023, 2, 21)
    fact = PartnershipFact.objects.get(partnership=duisburg, field="since")
    assert (fact.date, fact.precision, fact.is_current) == (date(2022, 5, 1), "month", False)
    # Taking it keeps the register's former date as the second fact instead.
    _run(DUISBURG_HEADER + row, dry_run=False, taken={"2:since"})
    duisburg.refresh_from_db()
    assert duisburg.since == date(2022, 5, 1)
    assert PartnershipFact.objects.filter(date=date(2023, 2, 21), is_current=False).exists()


def test_more_precise_date_refines_by_default(duisburg):
    duisburg.since, duisburg.since_precision = date(2023, 1, 1), "year"
    duisburg.save()
    row = "duisburg-kryvyi-rih,twinning,signed,21.02.2023,05112000|kryvyi-rih,,\n"
    plan = _run(DUISBURG_HEADER + row, dry_run=False)
    assert plan.rows[0].changes[0].reason == "refine"
    duisburg.refresh_from_db()
    assert (duisburg.since, duisburg.since_precision) == (date(2023, 2, 21), "day")


def test_same_members_under_another_slug_is_no_duplicate(duisburg):
    row = "duisburg-krywyj-rih,twinning,signed,21.02.2023,Duisburg|Кривий Ріг,,\n"
    plan = _run(DUISBURG_HEADER + row, dry_run=False)
    assert plan.rows[0].outcome == "unchanged"
    assert "anderer Kurzname" in plan.rows[0].message
    assert Partnership.objects.count() == 1


def test_kind_change_over_time_is_recorded(places):
    text = (
        "Kommune;Partnerstadt;Land;Art;seit\n"
        "Köln;Dnipro;UA;Projektpartnerschaft;2022\n"
        "Köln;Dnipro;UA;Städtepartnerschaft;2024\n"
    )
    plan = _run(text, dry_run=False)
    assert [r.outcome for r in plan.rows] == ["created", "updated"], plan.rows[1].message
    p = Partnership.objects.get()
    assert p.kind == "twinning" and p.since == date(2022, 1, 1)
    change = KindChange.objects.get(partnership=p)
    assert (change.from_kind, change.to_kind, change.date) == (
        "project",
        "twinning",
        date(2024, 1, 1),
    )
    # Importing the same list again changes nothing and records nothing twice.
    plan = _run(text, dry_run=False)
    assert [r.outcome for r in plan.rows] == ["unchanged", "unchanged"]
    assert KindChange.objects.count() == 1 and Partnership.objects.get().kind == "twinning"


def test_earlier_kind_in_a_later_file_goes_into_history(places):
    p = PartnershipFactory(
        kind="twinning",
        since=date(2024, 6, 1),
        since_precision="month",
        partners=[places["koeln"], places["dnipro"]],
    )
    _run("Kommune;Partnerstadt;Art;seit\nKöln;Dnipro;Projektpartnerschaft;2022\n", dry_run=False)
    p.refresh_from_db()
    assert p.kind == "twinning" and p.since == date(2022, 1, 1)
    change = p.kind_changes.get()
    assert (change.from_kind, change.to_kind, change.date) == (
        "project",
        "twinning",
        date(2024, 6, 1),
    )


def test_pair_of_a_triangle_is_matched_to_it(places):
    triangle = PartnershipFactory(
        slug="huerth-peremyshlyany-skawina",
        partners=[places["huerth"], places["peremyshlyany"], places["skawina"]],
    )
    plan = _run("Kommune;Partnerstadt;Land;Art\nHürth;Skawina;Polen;Städtepartnerschaft\n")
    row = plan.rows[0]
    assert row.target.pk == triangle.pk and "Dreieck" in row.message
    _run("Kommune;Partnerstadt;Land;Art\nHürth;Skawina;Polen;Solidarität\n", dry_run=False)
    assert Partnership.objects.count() == 1


def test_rows_of_a_group_are_one_partnership(places):
    text = (
        "Kommune;Partnerstadt;Land;Art;Gruppe\n"
        "Hürth;Peremyshlyany;UA;Solidaritätspartnerschaft;Dreieck Hürth\n"
        "Hürth;Skawina;PL;Solidaritätspartnerschaft;Dreieck Hürth\n"
    )
    plan = _run(text, dry_run=False)
    assert [r.outcome for r in plan.rows] == ["created", "unchanged"]
    p = Partnership.objects.get()
    assert {m.actor.slug for m in p.members.filter(role="partner")} == {
        "huerth",
        "peremyshlyany",
        "skawina",
    }


def test_actor_of_another_country_is_proposed_with_coordinates(places):
    Actor.objects.filter(slug__in=["skawina", "iecava"]).delete()
    text = (
        "Kommune;Partnerstadt;Land;Art\n"
        "Hürth;Skawina;Polen;Partnerschaft\n"
        "Köln;Iecava;LV;Freundschaft\n"
    )
    plan = _run(text)
    proposals = {p.name: p for p in plan.proposals.values()}
    assert proposals["Skawina"].country == "PL" and proposals["Skawina"].latitude == 49.975
    assert not Actor.objects.filter(name="Skawina").exists()  # a dry run creates nothing
    plan = _run(text, dry_run=False, declined={"new:LV:iecava"})
    assert [r.outcome for r in plan.rows] == ["created", "skipped"]
    skawina = Actor.objects.get(name="Skawina")
    assert (skawina.country, skawina.latitude, skawina.coordinate_source) == (
        "PL",
        49.975,
        "gazetteer",
    )
    assert not Actor.objects.filter(name="Iecava").exists()


def test_unknown_home_actor_is_an_error_with_suggestions(places):
    plan = _run("Kommune;Partnerstadt;Land;Art\nDuisbur;Kryvyi Rih;UA;Partnerschaft\n")
    assert not plan.ok and "Duisbur" in plan.rows[0].message


def _published_register(places):
    a = PartnershipFactory(
        slug="duisburg-kryvyi-rih",
        title="Duisburg – Kryvyi Rih",
        kind="twinning",
        status="signed",
        is_formal=True,
        since=date(2023, 2, 21),
        since_precision="day",
        partners=[places["duisburg"], places["kryvyi"]],
    )
    PartnershipMember.objects.create(
        partnership=a, actor=places["iecava"], role="broker", position=100
    )
    PartnershipFactory(
        slug="koeln-dnipro",
        title="Köln – Dnipro",
        kind="project",
        since=date(2022, 1, 1),
        since_precision="year",
        partners=[places["koeln"], places["dnipro"]],
    )
    PartnershipFactory(
        slug="huerth-dreieck",
        title="Hürth – Peremyshlyany – Skawina",
        since=None,
        partners=[places["huerth"], places["peremyshlyany"], places["skawina"]],
    )


def test_round_trip_of_the_public_open_data_csv(places):
    _published_register(places)
    with translation.override("de"):
        body, _modified, _type = opendata.csv_bytes(Partnership.objects.published())
    history = sum(p.history.count() for p in Partnership.objects.all())
    report = import_csv(data=body, dry_run=False)
    assert report.ok, [r.message for r in report.rows]
    assert [r.outcome for r in report.rows] == ["unchanged"] * 3
    assert [c for r in report.rows for c in r.changes] == []
    assert not PartnershipFact.objects.exists()
    assert sum(p.history.count() for p in Partnership.objects.all()) == history


def test_admin_mapping_remembered_dry_run_diff_and_choices(client, staff_user, duisburg):
    client.force_login(staff_user)
    header = "Stadt A,Stadt B,Typ,Jahr,Bemerkung\n"
    text = header + "Duisburg,Kryvyi Rih,Städtepartnerschaft,2023,x\n"
    upload = reverse("admin:partnerships_partnership_import")

    def send(content):
        response = client.post(
            upload,
            {
                "file": SimpleUploadedFile("liste.csv", content.encode()),
                "source": SOURCE,
                "source_date": "2026-11-01",
            },
        )
        assert response.status_code == 302
        return response["Location"]

    url = send(text)
    mapping = {"col_0": "partner_1", "col_1": "partner_2", "col_2": "kind", "col_3": "since"}
    response = client.post(url, {**mapping, "col_4": ""})
    body = response.content.decode()
    assert "Probelauf" in body and "21.02.2023" in body and "ungenauer als im Register" in body
    assert 'name="take" value="2:since"' in body and ColumnMapping.objects.count() == 1
    # The next file with the same header gets the same mapping.
    response = client.get(send(header + "Köln,Dnipro,Projektpartnerschaft,2022,y\n"))
    form = response.context["form"]
    assert [form[f"col_{i}"].initial for i in range(5)] == [
        "partner_1",
        "partner_2",
        "kind",
        "since",
        "",
    ]
    assert "früheren Datei" in response.content.decode()
    # Import the first file, choosing the less precise year explicitly.
    run = url.rstrip("/").split("/")[-1]
    apply_url = reverse("admin:partnerships_partnership_import_apply", args=[run])
    response = client.post(apply_url, {"take": ["2:since"]})
    assert response.status_code == 200 and "Importiert" in response.content.decode()
    duisburg.refresh_from_db()
    assert duisburg.since_precision == "year"


def test_file_of_5000_rows(places):
    germans = [ActorFactory(official_code=f"059{i:05d}") for i in range(100)]
    ukrainians = [UkrainianActorFactory(official_code=f"UA{i:05d}") for i in range(50)]
    rows = [
        f"p-{i},Solidaritätspartnerschaft,aktiv,{2014 + i % 10},"
        f"{germans[i % 100].official_code}|{ukrainians[i // 100].official_code},,"
        for i in range(5000)
    ]
    text = DUISBURG_HEADER + "\n".join(rows) + "\n"
    plan = _run(text)
    assert plan.ok and plan.counts["created"] == 5000
    plan = _run(text + rows[0].replace("p-0", "p-x") + "\n")
    assert not plan.ok and "5000" in plan.errors[0]


def test_dry_run_queries_do_not_grow_with_rows(places):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(n):
        rows = "".join(f"Duisburg;Kryvyi Rih;UA;Städtepartnerschaft;{2000 + i}\n" for i in range(n))
        with CaptureQueriesContext(connection) as ctx:
            _run(LIST_HEADER.replace(";Quelle", "") + rows)
        return len(ctx)

    assert queries(60) == queries(5) <= 6


def test_admin_lists_of_runs_mappings_and_facts(client, staff_user, duisburg):
    _run(DUISBURG_HEADER + DUISBURG_ROW, dry_run=False)
    client.force_login(staff_user)
    for name in ("importrun", "columnmapping", "partnershipfact"):
        assert client.get(reverse(f"admin:imports_{name}_changelist")).status_code == 200
    page = client.get(reverse("admin:partnerships_partnership_change", args=[duisburg.pk]))
    assert page.status_code == 200 and SOURCE in page.content.decode()


def test_admin_reads_an_excel_file(client, staff_user, places):
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Kommune NRW", "Partnerstadt", "Land", "Art", "seit"])
    book.active.append(["Köln", "Dnipro", "Ukraine", "Projektpartnerschaft", 2022])
    data = io.BytesIO()
    book.save(data)
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:partnerships_partnership_import"),
        {
            "file": SimpleUploadedFile("liste.xlsx", data.getvalue()),
            "source": SOURCE,
            "source_date": "2026-11-01",
        },
    )
    run = response["Location"]
    form = client.get(run).context["form"]
    response = client.post(run, {f.html_name: f.initial for f in form})
    assert response.context["plan"].counts["created"] == 1
    bad = client.post(
        reverse("admin:partnerships_partnership_import"),
        {"file": SimpleUploadedFile("x.xlsx", b"kein Excel"), "source": SOURCE,
         "source_date": "2026-11-01"},
    )  # fmt: skip
    assert "Excel-Datei" in bad.content.decode()
