"""The public list stays within its time budget with 10,000 items: its aggregates are read once
per language (a handover shows at once) and its filter panel rendered once per address."""

from django.urls import reverse
from django.utils import timezone, translation

from partnerships.exchange import selectors, services
from partnerships.exchange.models import Category, Item, Urgency


def _handed_over(world, make_item):
    need = make_item(category="kh_energy")
    services.item_reserve(item=need, partner=world["billerbeck"], by=world["de_editor"])
    services.item_step(item=need, action="agree", by=world["ua_editor"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.upload_samples import pdf_bytes

    services.handover_record(
        match=services.current_match(need),
        by=world["ua_editor"],
        handed_over_on=timezone.localdate(),
        people="Stadtwerke Billerbeck an Malyn",
        protocol=SimpleUploadedFile("p.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    return need


def test_aggregates_are_cached_per_language_and_forgotten_on_handover(
    client, world, make_item, django_assert_num_queries, django_assert_max_num_queries
):
    _handed_over(world, make_item)
    with translation.override("de"):
        first = selectors.aggregates()
        with django_assert_num_queries(0):
            assert selectors.aggregates() == first
    assert first["total"] == 1 and first["by_category"][0]["label"] == "Know-how: Energie"
    with translation.override("uk"):
        ukrainian = selectors.aggregates()
    assert ukrainian["by_category"][0]["label"] != "Know-how: Energie"
    # the list page reads them from the cache: three queries fewer than the first time
    client.get(reverse("exchange:list"))
    with django_assert_max_num_queries(20) as warm:
        client.get(reverse("exchange:list"))
    sql = " ".join(q["sql"] for q in warm.captured_queries)
    assert "exchange_item" in sql and "GROUP BY" not in sql
    # another handover counts at once
    _handed_over(world, make_item)
    with translation.override("de"):
        assert selectors.aggregates()["total"] == 2
    page = client.get(reverse("exchange:list")).content.decode()
    assert "2 Bedarfe seit 2024 gedeckt" in page


def test_the_filter_panel_is_rendered_once_per_address(
    client, world, make_item, django_assert_max_num_queries
):
    make_item()
    address = reverse("exchange:list") + "?category=generator&region=" + world["zhytomyr"].slug
    first = client.get(address).content.decode()
    with django_assert_max_num_queries(20) as warm:
        again = client.get(address).content.decode()
    assert not any('FROM "portal_horizon"' in q["sql"] for q in warm.captured_queries)
    assert first == again
    assert 'value="generator" selected' in again
    assert f'value="{world["zhytomyr"].slug}" selected' in again
    # another address, another language: its own panel
    with translation.override("uk"):
        other = client.get(reverse("exchange:list") + "?kind=offer").content.decode()
    assert 'value="offer" selected' in other and "Фільтрувати" in other
    assert 'value="generator" selected' not in other
    # bad input is not kept: the page shows the errors
    response = client.get(reverse("exchange:list") + "?category=nope")
    assert response.status_code == 400
    assert "form-errors" in response.content.decode()


def test_list_rows_carry_their_labels_in_the_pages_language(
    client, world, make_item, django_assert_max_num_queries
):
    make_item(urgency=3)
    make_item(kind="offer", category="kh_water")
    with translation.override("uk"):
        page = client.get(reverse("exchange:list")).content.decode()
        expected = [
            str(label)
            for label in (
                Item.Kind.NEED.label,
                Item.Kind.OFFER.label,
                Category.ENERGY_GOODS.label,
                Category.KNOWHOW_WATER.label,
                Urgency.CRITICAL.label,
            )
        ]
    assert all(label in page for label in expected), expected
    # the labels cost no query and no per-row work: a page of 20 rows as many queries as 2
    with django_assert_max_num_queries(20) as two:
        client.get(reverse("exchange:list"))
    for _ in range(20):
        make_item(actor=world["peremyshliany"])
    with django_assert_max_num_queries(len(two.captured_queries)):
        client.get(reverse("exchange:list"))
