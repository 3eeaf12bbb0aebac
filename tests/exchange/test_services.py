"""Photos without location, matching order and explanations, reminders once, digests."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from partnerships.exchange import matching, services
from partnerships.exchange.models import Follow, Match
from partnerships.exchange.services.notifications import (
    DIGEST,
    USE_ALERT_STAFF,
    USE_REMINDER,
)
from portal.models import OutboundEmail
from tests.partnerships.factories import UkrainianActorFactory
from tests.upload_samples import photo_with_gps


def test_photos_lose_exif_and_gps(world, make_item):
    """Several phone photos at once (JPEG, PNG, WebP), each with GPS: none keeps it."""
    need = make_item()
    uploads = [
        SimpleUploadedFile(f"generator.{fmt.lower()}", photo_with_gps(fmt), f"image/{fmt.lower()}")
        for fmt in ("JPEG", "PNG", "WEBP")
    ]
    for upload in uploads:
        with Image.open(upload) as original:
            assert original.getexif().get_ifd(0x8825)  # the sample does carry GPS
        upload.seek(0)
    photos, _ = services.item_files_add(item=need, by=world["ua_editor"], photos=uploads)
    assert len(photos) == 3
    for photo in photos:
        with photo.file.open("rb") as stored, Image.open(stored) as image:
            exif = image.getexif()
            assert not exif.get_ifd(0x8825)
            assert 0x010F not in exif  # no camera make either
            assert "comment" not in image.info and "xmp" not in image.info
        assert "generator" not in photo.file.name


def test_offers_for_a_need_partners_first_with_explanations(world, make_item):
    need = make_item(quantity=4, needed_by=timezone.localdate() + timedelta(days=30))
    far = make_item(kind="offer", actor=world["duisburg"], quantity=4)
    partner = make_item(kind="offer", actor=world["billerbeck"], quantity=1)
    make_item(kind="offer", actor=world["huerth"], category="ex_youth")  # other group
    found = matching.need_matches(need=need)
    assert [c.item.pk for c in found["offers"]] == [partner.pk, far.pk]
    first = found["offers"][0]
    assert first.first and "bestehende Partnerschaft" in first.sentences
    assert any("deckt 1 von 4" in s for s in first.sentences)
    assert any("Menge reicht" in s for s in found["offers"][1].sentences)


def test_actors_who_could_help_partners_first_then_history(world, make_item):
    need = make_item(category="fire_engine")
    # Hürth handed over generators before (goods): history
    old = make_item(category="generator", actor=world["peremyshliany"])
    services.item_reserve(item=old, partner=world["huerth"], by=world["staff"])
    old.__class__.objects.filter(pk=old.pk).update(state="handed_over")
    found = matching.need_matches(need=need)
    names = [c.actor.name for c in found["actors"]]
    assert names[:2] == ["Billerbeck", "Hürth"]
    assert any("ähnliche Hilfe" in s for s in found["actors"][1].sentences)


def test_needs_for_an_offer_partner_communities_then_hromadas_without_partner(world, make_item):
    offer = make_item(kind="offer", actor=world["billerbeck"])
    lonely = UkrainianActorFactory(name="Ohne Partner")
    other = make_item(actor=world["peremyshliany"])  # has Hürth as partner
    unpartnered = make_item(actor=lonely)
    partner = make_item(actor=world["malyn"])
    found = matching.offer_matches(offer=offer)
    assert [c.item.pk for c in found] == [partner.pk, unpartnered.pk, other.pk]
    assert any("noch keine deutsche Partnerkommune" in s for s in found[1].sentences)


def test_matching_queries_do_not_grow_with_items(world, make_item, django_assert_max_num_queries):
    need = make_item()
    for _ in range(3):
        make_item(kind="offer", actor=world["duisburg"])
    with django_assert_max_num_queries(8):
        matching.need_matches(need=need)
    for _ in range(10):
        make_item(kind="offer", actor=world["huerth"])
    with django_assert_max_num_queries(8):
        matching.need_matches(need=need)


def _handed_over(world, make_item, days_ago):
    need = make_item(category="kh_water")
    match = services.item_reserve(item=need, partner=world["billerbeck"], by=world["staff"])
    services.item_step(item=need, action="agree", by=world["staff"])
    Match.objects.filter(pk=match.pk).update(
        handed_over_at=timezone.now() - timedelta(days=days_ago)
    )
    return match


def test_use_report_reminder_after_60_days_and_staff_alert_after_90_each_once(world, make_item):
    _handed_over(world, make_item, 61)
    assert services.use_report_reminders_send() == (1, 0)
    assert services.use_report_reminders_send() == (0, 0)
    assert OutboundEmail.objects.filter(template=USE_REMINDER).count() == 1
    assert OutboundEmail.objects.get(template=USE_REMINDER).language == "uk"
    _handed_over(world, make_item, 95)
    assert services.use_report_reminders_send() == (1, 1)
    assert services.use_report_reminders_send() == (0, 0)
    assert OutboundEmail.objects.filter(template=USE_ALERT_STAFF).exists()


def test_reported_use_stops_the_reminders(world, make_item):
    match = _handed_over(world, make_item, 100)
    Match.objects.filter(pk=match.pk).update(use_reported_at=timezone.now())
    assert services.use_report_reminders_send() == (0, 0)


def test_daily_digest_of_followed_categories_and_regions(world, make_item):
    de = world["de_editor"]
    services.follow_set(
        user=de, categories=["generator"], regions=[world["zhytomyr"]], kinds=[], enabled=True
    )
    Follow.objects.filter(user=de).update(last_sent_at=timezone.now() - timedelta(days=2))
    fitting = make_item()
    make_item(category="ex_youth")
    make_item(actor=world["peremyshliany"])  # other oblast
    assert services.digests_send() == 1
    email = OutboundEmail.objects.get(template=DIGEST)
    assert email.context["item_ids"] == [fitting.pk] and email.to_email == de.email
    assert services.digests_send() == 0  # once a day
    services.follow_disable(user=de)
    Follow.objects.filter(user=de).update(last_sent_at=timezone.now() - timedelta(days=2))
    make_item()
    assert services.digests_send() == 0
