"""Public pages, "Mein Bereich", the admin's export and the newsletter section."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.exchange import selectors, services
from partnerships.exchange.export import csv_safe, items_csv
from partnerships.exchange.models import ContactRequest, Item, State
from portal.models import OutboundEmail
from tests.factories import UserFactory
from tests.upload_samples import pdf_bytes


def url(name, *args, lang="de"):
    with translation.override(lang):
        return reverse(name, args=args)


@pytest.mark.parametrize("lang", ["de", "uk", "en"])
def test_public_list_in_every_language(client, world, make_item, lang):
    make_item(title={"uk": "Генератори для лікарні"})
    response = client.get(url("exchange:list", lang=lang))
    assert response.status_code == 200
    assert "Генератори для лікарні" in response.content.decode()
    assert url("exchange:list", lang=lang).startswith(f"/{lang}/bedarfsboerse/")


def test_public_pages_show_no_contact_or_personal_names(client, world, make_item):
    need = make_item()
    match_need = make_item(category="kh_water")
    match = services.item_reserve(item=match_need, partner=world["billerbeck"], by=world["staff"])
    services.item_step(item=match_need, action="agree", by=world["staff"])
    services.handover_record(
        match=match,
        by=world["staff"],
        handed_over_on=timezone.localdate(),
        people="Olena Beispiel und Max Muster",
        protocol=SimpleUploadedFile("p.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    pages = [
        client.get(url("exchange:list")).content.decode(),
        client.get(url("exchange:detail", need.pk)).content.decode(),
        client.get(url("exchange:map_data")).content.decode(),
    ]
    for page in pages:
        for secret in ("redaktion@", "Olena", "Max Muster", "Beispiel"):
            assert secret not in page
    # the handed-over need is not public, but it is counted
    assert client.get(url("exchange:detail", match_need.pk)).status_code == 404
    assert "1 Bedarf seit 2024 gedeckt" in pages[0]


def test_sensitive_actor_shows_only_its_oblast(client, world, make_item):
    need = make_item(actor=world["peremyshliany"])
    page = client.get(url("exchange:list")).content.decode()
    assert "Peremyshliany" not in page and "Oblast Lwiw" in page
    data = client.get(url("exchange:map_data")).json()["items"]
    point = next(f for f in data if f["id"] == need.pk)
    assert point["point"] == [24.03, 49.84] and point["name"] == "Oblast Lwiw"
    detail = client.get(url("exchange:detail", need.pk)).content.decode()
    assert "Peremyshliany" not in detail


def test_filters_and_bad_filter_input(client, world, make_item):
    make_item(category="generator")
    make_item(category="ex_youth", title={"de": "Jugendbegegnung"})
    page = client.get(url("exchange:list"), {"category": "ex_youth"}).content.decode()
    assert "Jugendbegegnung" in page and "Генератори" not in page
    zhytomyr = client.get(url("exchange:list"), {"region": world["zhytomyr"].slug})
    assert zhytomyr.status_code == 200
    assert client.get(url("exchange:list"), {"category": "<script>"}).status_code == 400
    assert client.get(url("exchange:map_data"), {"kind": "x"}).status_code == 400


def test_list_queries_do_not_grow(client, world, make_item, django_assert_max_num_queries):
    make_item()
    client.get(url("exchange:list"))
    with django_assert_max_num_queries(12) as few:
        client.get(url("exchange:list"))
    for _ in range(12):
        make_item(actor=world["peremyshliany"])
        make_item(kind="offer")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("exchange:list"))


def test_drafts_are_for_their_editors_and_staff_only(client, world, make_item):
    draft = make_item(publish=False)
    assert client.get(url("exchange:detail", draft.pk)).status_code == 404
    client.force_login(world["de_editor"])
    assert client.get(url("exchange:detail", draft.pk)).status_code == 404
    client.force_login(world["ua_editor"])
    assert client.get(url("exchange:detail", draft.pk)).status_code == 200
    client.force_login(world["staff"])
    assert client.get(url("exchange:detail", draft.pk)).status_code == 200


def _need_form(**extra):
    return {
        "actor": extra.pop("actor"),
        "category": "generator",
        "horizon": extra.pop("horizon"),
        "title_uk": "Генератор для лікарні",
        "description_uk": "Потужність 100 кВт.",
        "quantity": "1",
        "urgency": "3",
        "valid_until": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "publish": "on",
        **extra,
    }


def test_bad_input_keeps_what_was_typed(client, world):
    client.force_login(world["ua_editor"])
    create = url("exchange:create", "need", lang="uk")
    for bad in ({"quantity": "0"}, {"quantity": "1000000"}, {"valid_until": "2020-01-01"}):
        form = _need_form(actor=world["malyn"].pk, horizon=world["humanitarian"].pk, **bad)
        response = client.post(create, form)
        assert response.status_code == 400
        assert "Генератор для лікарні" in response.content.decode()
    assert not Item.objects.exists()
    # an NRW actor cannot be chosen for a need
    form = _need_form(actor=world["billerbeck"].pk, horizon=world["humanitarian"].pk)
    assert client.post(create, form).status_code == 400
    assert client.get(url("exchange:create", "weird")).status_code == 404


def test_journey_through_the_pages(client, world, make_item):
    """A hromada editor posts a generator need in Ukrainian → Billerbeck's offer is suggested →
    reserved, agreed, shipped, handed over with a protocol → use reported → closed; the
    public aggregate counts it."""
    offer = make_item(kind="offer", title={"de": "Notstromaggregat 100 kVA"})
    ua, de = world["ua_editor"], world["de_editor"]
    client.force_login(ua)
    form = _need_form(actor=world["malyn"].pk, horizon=world["humanitarian"].pk)
    response = client.post(url("exchange:create", "need", lang="uk"), form)
    assert response.status_code == 302
    need = Item.objects.get(kind="need")
    assert need.state == State.PUBLISHED and need.title_uk and not need.title_de
    page = client.get(url("exchange:detail", need.pk, lang="uk")).content.decode()
    assert "Notstromaggregat 100 kVA" in page  # suggested
    client.post(url("exchange:reserve", need.pk), {"counterpart": offer.pk})
    client.force_login(de)
    client.post(url("exchange:step", offer.pk, "agree"))
    client.post(url("exchange:step", offer.pk, "ship"))
    need.refresh_from_db()
    assert need.state == State.IN_TRANSIT
    match = services.current_match(need)
    client.post(url("exchange:message", match.pk), {"body": "Lieferung am Montag."})
    client.force_login(ua)
    page = client.get(url("exchange:detail", need.pk, lang="uk")).content.decode()
    assert "Lieferung am Montag." in page
    response = client.post(
        url("exchange:handover", match.pk, lang="uk"),
        {
            "handed_over_on": timezone.localdate().isoformat(),
            "people": "Feuerwehr Billerbeck an Stadtverwaltung Malyn",
            "protocol": SimpleUploadedFile("p.pdf", pdf_bytes(), content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    response = client.post(
        url("exchange:use_report", match.pk, lang="uk"),
        {"report": "Генератор живить лікарню."},
    )
    assert response.status_code == 302
    client.force_login(de)
    client.post(url("exchange:step", offer.pk, "close"))
    need.refresh_from_db()
    assert need.state == State.CLOSED
    client.logout()
    page = client.get(url("exchange:list")).content.decode()
    assert "1 Bedarf seit 2024 gedeckt" in page and "1 × Generatoren und Energietechnik" in page


def test_an_editor_sees_only_their_items_and_matches(client, world, make_item):
    other = UserFactory()
    need = make_item(category="kh_water")
    match = services.item_reserve(item=need, partner=world["billerbeck"], by=world["staff"])
    client.force_login(other)
    assert client.get(url("exchange:detail", need.pk)).status_code == 404
    assert client.get(url("exchange:handover", match.pk)).status_code == 404
    assert client.post(url("exchange:message", match.pk), {"body": "x"}).status_code == 404
    assert client.get(url("exchange:edit", need.pk)).status_code == 403
    mine = client.get(url("exchange:mine")).content.decode()
    assert "Генератори" not in mine
    client.force_login(world["de_editor"])
    assert client.get(url("exchange:detail", need.pk)).status_code == 200


def test_contact_through_the_netzwerkstelle(client, world, make_item, settings):
    need = make_item()
    response = client.post(
        url("exchange:contact", need.pk),
        {
            "name": "Anna Muster",
            "organisation": "Stadt Hürth",
            "email": "anna@example.org",
            "message": "Wir haben zwei Generatoren.",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert ContactRequest.objects.get().item == need
    assert OutboundEmail.objects.filter(template=services.items.CONTACT_STAFF).exists()


def test_csv_export_is_formula_safe(world, make_item):
    make_item(title={"de": '=HYPERLINK("http://x")'})
    text = items_csv(Item.objects.all())
    assert "'=HYPERLINK" in text
    assert csv_safe("+1") == "'+1" and csv_safe("@a") == "'@a" and csv_safe(5) == 5


def test_admin_lists_and_export(client, world, make_item):
    make_item()
    client.force_login(world["staff"])
    assert client.get("/admin/exchange/item/?state=published").status_code == 200
    assert client.get("/admin/exchange/match/?bericht=ueberfaellig").status_code == 200
    response = client.post(
        "/admin/exchange/item/",
        {
            "action": "export_csv",
            "_selected_action": list(Item.objects.values_list("pk", flat=True)),
        },
    )
    assert response["Content-Type"].startswith("text/csv")


def test_newsletter_section_new_needs(world, make_item):
    make_item(title={"de": "Feuerwehrfahrzeug", "uk": "Пожежна машина"}, category="fire_engine")
    make_item(kind="offer")
    items = selectors.needs_published_since(since=None, limit=5)
    assert [i["title"] for i in items] == ["Feuerwehrfahrzeug"]
    from newsletter.models import Issue

    assert Issue.Section.NEEDS == "needs"
    assert Issue(include_needs=True).sections == [Issue.Section.NEEDS]


def test_digest_email_renders_in_the_followers_language(world, make_item):
    from portal.outbox import message_build

    services.follow_set(
        user=world["ua_editor"], categories=["generator"], regions=[], kinds=[], enabled=True
    )
    make_item(kind="offer", title={"de": "Notstrom", "uk": "Генератор з Біллербека"})
    assert services.digests_send() == 1
    email = OutboundEmail.objects.get(template=services.notifications.DIGEST)
    message = message_build(email)
    assert "Генератор з Біллербека" in message.body
    assert "/uk/bedarfsboerse/benachrichtigungen/" in message.body


def test_demo_data_in_several_states_idempotent(db):
    from partnerships.demo import load_demo as load_register
    from partnerships.exchange.demo import load_demo
    from partnerships.reference import reference_actors_load

    reference_actors_load()
    load_register(stdout=StringIO())
    load_demo(stdout=StringIO())
    states = sorted(Item.objects.values_list("state", flat=True))
    load_demo(stdout=StringIO())
    assert sorted(Item.objects.values_list("state", flat=True)) == states
    assert {"closed", "published", "in_talks"} <= set(states)
    youth = Item.objects.get(kind="need", category="ex_youth")
    assert youth.quantity == 19 and youth.met_at.year == 2022


def test_media_follow_the_item_and_the_match(client, world, make_item):
    from tests.upload_samples import image_bytes

    need = make_item()
    photo = services.item_photo_add(
        item=need,
        by=world["ua_editor"],
        file=SimpleUploadedFile("a.png", image_bytes(), content_type="image/png"),
        alt_text="Generator",
    )
    document = services.item_document_add(
        item=need,
        by=world["ua_editor"],
        file=SimpleUploadedFile("a.pdf", pdf_bytes(), content_type="application/pdf"),
        title="Spezifikation",
    )
    assert client.get(photo.file.url).status_code == 200  # published: public
    assert client.get(document.file.url).status_code == 404  # documents: the sides only
    client.force_login(world["ua_editor"])
    assert client.get(document.file.url).status_code == 200
    client.logout()
    services.item_step(item=need, action="withdraw", by=world["ua_editor"])
    assert client.get(photo.file.url).status_code == 404
