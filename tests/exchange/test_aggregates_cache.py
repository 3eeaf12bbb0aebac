"""The public list's aggregates are read once per language and kept (the list stays within
its time budget with 10,000 items); a handover shows at once."""

from django.urls import reverse
from django.utils import timezone, translation

from partnerships.exchange import selectors, services


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
