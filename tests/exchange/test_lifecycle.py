"""The state machine: allowed and refused steps, who may take each, every step recorded."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from partnerships.exchange import services
from partnerships.exchange.models import Item, Match, State, Step
from partnerships.exchange.services import TransitionRefused
from tests.factories import UserFactory
from tests.upload_samples import pdf_bytes


def protocol():
    return SimpleUploadedFile("protokoll.pdf", pdf_bytes(), content_type="application/pdf")


def hand_over(match, *, by):
    """Record today's handover with a protocol."""
    services.handover_record(
        match=match, by=by, handed_over_on=timezone.localdate(), people="x", protocol=protocol()
    )


def test_the_whole_way_from_draft_to_closed(world, make_item):
    ua, de = world["ua_editor"], world["de_editor"]
    need = make_item(by=ua, publish=False)
    assert need.state == State.DRAFT
    services.item_step(item=need, action="publish", by=ua)
    offer = make_item(kind="offer", by=de)
    match = services.item_reserve(item=need, partner=world["billerbeck"], counterpart=offer, by=ua)
    need.refresh_from_db()
    offer.refresh_from_db()
    assert need.state == offer.state == State.IN_TALKS
    services.item_step(item=offer, action="agree", by=de)
    services.item_step(item=need, action="ship", by=de)
    services.handover_record(
        match=match,
        by=ua,
        handed_over_on=timezone.localdate(),
        people="Bürgermeister beider Städte",
        protocol=protocol(),
    )
    need.refresh_from_db()
    assert need.state == State.HANDED_OVER and need.met_at is not None
    services.use_report_submit(match=match, by=ua, report="Два генератори живлять лікарню.")
    services.item_step(item=need, action="close", by=de)
    need.refresh_from_db()
    offer.refresh_from_db()
    assert need.state == offer.state == State.CLOSED
    steps = list(Step.objects.filter(item=need).values_list("action", "to_state", "by"))
    assert steps == [
        ("publish", State.PUBLISHED, ua.pk),
        ("reserve", State.IN_TALKS, ua.pk),
        ("agree", State.AGREED, de.pk),
        ("ship", State.IN_TRANSIT, de.pk),
        ("hand_over", State.HANDED_OVER, ua.pk),
        ("report_use", State.USE_REPORTED, ua.pk),
        ("close", State.CLOSED, de.pk),
    ]
    assert all(s.at for s in Step.objects.filter(item=need))
    assert Match.objects.get().closed_at is not None


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (State.DRAFT, "agree"),
        (State.PUBLISHED, "ship"),
        (State.PUBLISHED, "close"),
        (State.CLOSED, "withdraw"),
        (State.WITHDRAWN, "publish"),
        (State.EXPIRED, "agree"),
    ],
)
def test_invalid_steps_are_refused_and_change_nothing(world, make_item, state, action):
    need = make_item(publish=False)
    Item.objects.filter(pk=need.pk).update(state=state)
    need.refresh_from_db()
    with pytest.raises(TransitionRefused):
        services.item_step(item=need, action=action, by=world["staff"])
    need.refresh_from_db()
    assert need.state == state
    assert not Step.objects.filter(item=need).exists()


def test_goods_are_shipped_before_the_handover_know_how_is_not(world, make_item):
    need = make_item()
    match = services.item_reserve(item=need, partner=world["billerbeck"], by=world["staff"])
    services.item_step(item=need, action="agree", by=world["staff"])
    with pytest.raises(TransitionRefused):
        hand_over(match, by=world["staff"])
    advice = make_item(category="kh_water")
    match = services.item_reserve(item=advice, partner=world["huerth"], by=world["staff"])
    services.item_step(item=advice, action="agree", by=world["staff"])
    with pytest.raises(TransitionRefused):
        services.item_step(item=advice, action="ship", by=world["staff"])
    hand_over(match, by=world["staff"])
    advice.refresh_from_db()
    assert advice.state == State.HANDED_OVER


def test_handover_needs_a_protocol_or_photos_and_a_sensible_date(world, make_item):
    need = make_item(category="kh_water")
    match = services.item_reserve(item=need, partner=world["billerbeck"], by=world["staff"])
    services.item_step(item=need, action="agree", by=world["staff"])
    for kwargs in (
        {"handed_over_on": timezone.localdate()},
        {"handed_over_on": timezone.localdate() + timedelta(days=1), "protocol": protocol()},
        {"handed_over_on": timezone.localdate() - timedelta(days=30), "protocol": protocol()},
    ):
        with pytest.raises(TransitionRefused):
            services.handover_record(match=match, by=world["staff"], people="x", **kwargs)
    need.refresh_from_db()
    assert need.state == State.AGREED


def test_who_may_take_each_step(world, make_item):
    ua, de, stranger = world["ua_editor"], world["de_editor"], UserFactory()
    need = make_item(by=ua, publish=False)
    for user in (de, stranger):
        with pytest.raises(PermissionDenied):
            services.item_step(item=need, action="publish", by=user)
    services.item_step(item=need, action="publish", by=ua)
    # a stranger cannot reserve it for Billerbeck; Billerbeck's editor can answer it
    with pytest.raises(PermissionDenied):
        services.item_reserve(item=need, partner=world["billerbeck"], by=stranger)
    match = services.item_reserve(item=need, partner=world["billerbeck"], by=de)
    with pytest.raises(PermissionDenied):
        services.item_step(item=need, action="agree", by=stranger)
    services.item_step(item=need, action="agree", by=ua)
    # only the giving side (or staff) says it is on its way
    with pytest.raises(PermissionDenied):
        services.item_step(item=need, action="ship", by=ua)
    services.item_step(item=need, action="ship", by=de)
    hand_over(match, by=de)
    # only the receiving side reports the use
    with pytest.raises(PermissionDenied):
        services.use_report_submit(match=match, by=de, report="…")
    services.use_report_submit(match=match, by=ua, report="In Betrieb.")


def test_the_partner_must_be_on_the_other_side(world, make_item):
    need = make_item()
    with pytest.raises(TransitionRefused):
        services.item_reserve(item=need, partner=world["peremyshliany"], by=world["staff"])
    with pytest.raises(PermissionDenied):
        make_item(kind="offer", actor=world["malyn"], by=world["ua_editor"])


def test_release_puts_both_back_and_withdraw_frees_the_partner(world, make_item):
    need = make_item()
    offer = make_item(kind="offer")
    services.item_reserve(
        item=offer, partner=world["malyn"], counterpart=need, by=world["de_editor"]
    )
    services.item_step(item=need, action="release", by=world["ua_editor"])
    need.refresh_from_db()
    offer.refresh_from_db()
    assert need.state == offer.state == State.PUBLISHED
    assert Match.objects.current().count() == 0
    services.item_reserve(
        item=offer, partner=world["malyn"], counterpart=need, by=world["de_editor"]
    )
    services.item_step(item=offer, action="withdraw", by=world["de_editor"])
    need.refresh_from_db()
    offer.refresh_from_db()
    assert offer.state == State.WITHDRAWN and need.state == State.PUBLISHED


def test_one_partner_at_a_time(world, make_item):
    need = make_item()
    services.item_reserve(item=need, partner=world["billerbeck"], by=world["staff"])
    with pytest.raises(TransitionRefused):
        services.item_reserve(item=need, partner=world["huerth"], by=world["staff"])


def test_expired_items_leave_the_list_once(world, make_item):
    need = make_item()
    Item.objects.filter(pk=need.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    assert services.items_expire() == 1
    assert services.items_expire() == 0
    need.refresh_from_db()
    assert need.state == State.EXPIRED
    assert Step.objects.get(item=need, action="expire").by is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("quantity", 0),
        ("quantity", 100_001),
        ("valid_until", "past"),
    ],
)
def test_bad_input_is_refused(world, make_item, field, value):
    kwargs = {field: value}
    if value == "past":
        kwargs[field] = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError):
        make_item(**kwargs)
    assert not Item.objects.exists()


def test_a_need_written_in_ukrainian_marks_the_missing_german(world, make_item):
    need = make_item(title={"uk": "Генератори"}, source_language="uk")
    assert need.missing_languages() == ["de", "en"]
