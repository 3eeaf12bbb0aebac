"""Several photos and documents per need/offer and per handover: one form, each image without
EXIF/GPS, one removable at a time, files of unpublished items not public."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from partnerships.exchange import services
from partnerships.exchange.models import HandoverPhoto, Item, ItemDocument, ItemPhoto, State
from tests.factories import UserFactory
from tests.partnerships.factories import EditorFactory
from tests.upload_samples import image_bytes, pdf_bytes, photo_with_gps

GPS_IFD = 0x8825
MAKE = 0x010F


def url(name, *args, lang="de"):
    with translation.override(lang):
        return reverse(name, args=args)


def gps_photos():
    """Three phone photos in the formats people upload, each with GPS, camera and more."""
    return [
        SimpleUploadedFile("malyn-1.jpg", photo_with_gps("JPEG"), content_type="image/jpeg"),
        SimpleUploadedFile("malyn-2.png", photo_with_gps("PNG"), content_type="image/png"),
        SimpleUploadedFile("malyn-3.webp", photo_with_gps("WEBP"), content_type="image/webp"),
    ]


def pdfs(count=2):
    return [
        SimpleUploadedFile(f"Spezifikation_{n}.pdf", pdf_bytes(), content_type="application/pdf")
        for n in range(1, count + 1)
    ]


def assert_no_metadata(field_file):
    with field_file.open("rb") as stored, Image.open(stored) as image:
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert MAKE not in exif
        assert "comment" not in image.info and "xmp" not in image.info


def need_form(world, **extra):
    return {
        "actor": world["malyn"].pk,
        "category": "generator",
        "horizon": world["humanitarian"].pk,
        "title_uk": "Генератор для лікарні",
        "quantity": "1",
        "urgency": "2",
        "valid_until": (timezone.localdate() + timedelta(days=60)).isoformat(),
        **extra,
    }


def test_the_samples_do_carry_gps():
    for upload in gps_photos():
        with Image.open(upload) as original:
            assert original.getexif().get_ifd(GPS_IFD), upload.name


def test_several_photos_at_once_every_one_without_exif(world, make_item):
    need = make_item()
    photos, documents = services.item_files_add(
        item=need, by=world["ua_editor"], photos=gps_photos(), alt_text="", documents=pdfs()
    )
    assert len(photos) == 3 and need.photos.count() == 3
    for photo in photos:
        assert_no_metadata(photo.file)
        assert not photo.file.name.startswith("exchange/photos/malyn")
        assert photo.alt_text == need.title
    assert [d.title for d in documents] == ["Spezifikation 1", "Spezifikation 2"]


def test_editor_posts_several_photos_and_documents_in_one_form(client, world):
    client.force_login(world["ua_editor"])
    form = need_form(world, photos=gps_photos(), documents=pdfs(), photo_alt="Старий генератор")
    response = client.post(url("exchange:create", "need", lang="uk"), form)
    assert response.status_code == 302
    need = Item.objects.get()
    assert need.photos.count() == 3 and need.documents.count() == 2
    for photo in need.photos.all():
        assert_no_metadata(photo.file)
        assert photo.alt_text == "Старий генератор"
    # editing adds more, the earlier ones stay
    edit = url("exchange:edit", need.pk, lang="uk")
    page = client.get(edit).content.decode()
    assert "multiple" in page and page.count("/entfernen/") == 5
    form = need_form(world, photos=[SimpleUploadedFile("x.png", image_bytes(), "image/png")])
    assert client.post(edit, form).status_code == 302
    assert need.photos.count() == 4


def test_one_bad_file_among_several_refuses_all_and_keeps_the_input(client, world):
    client.force_login(world["ua_editor"])
    bad = SimpleUploadedFile("generator.jpg", b"<html><script>x</script>", "image/jpeg")
    form = need_form(world, photos=[*gps_photos(), bad])
    response = client.post(url("exchange:create", "need", lang="uk"), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "generator.jpg" in page and "Генератор для лікарні" in page
    assert not Item.objects.exists() and not ItemPhoto.objects.exists()
    many = [SimpleUploadedFile(f"{n}.png", image_bytes(), "image/png") for n in range(11)]
    response = client.post(url("exchange:create", "need"), need_form(world, photos=many))
    assert response.status_code == 400
    assert "höchstens 10 Dateien" in response.content.decode()
    assert not Item.objects.exists()


def test_remove_one_photo_or_document(client, world, make_item, django_capture_on_commit_callbacks):
    need = make_item()
    photos, documents = services.item_files_add(
        item=need, by=world["ua_editor"], photos=gps_photos(), documents=pdfs()
    )
    gone, kept = photos[0], photos[1:]
    name = gone.file.name
    # not the other side's editor, not the public
    client.force_login(world["de_editor"])
    response = client.post(url("exchange:file_remove", need.pk, "foto", gone.pk))
    assert response.status_code == 403
    client.force_login(world["ua_editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("exchange:file_remove", need.pk, "foto", gone.pk))
    assert response.status_code == 302
    assert list(need.photos.all()) == kept
    assert not default_storage.exists(name)
    assert client.get(f"/media/{name}").status_code == 404
    response = client.post(url("exchange:file_remove", need.pk, "dokument", documents[1].pk))
    assert response.status_code == 302
    assert list(need.documents.all()) == documents[:1]
    # a photo of another item is not reachable through this item
    other = make_item(title={"uk": "Ще один"})
    (foreign,), _ = services.item_files_add(
        item=other, by=world["ua_editor"], photos=gps_photos()[:1]
    )
    response = client.post(url("exchange:file_remove", need.pk, "foto", foreign.pk))
    assert response.status_code == 404
    assert client.get(url("exchange:file_remove", need.pk, "foto", kept[0].pk)).status_code == 405
    # once reserved, the item's files stay as they are
    services.item_reserve(item=need, partner=world["billerbeck"], by=world["ua_editor"])
    response = client.post(url("exchange:file_remove", need.pk, "foto", kept[0].pk))
    assert response.status_code == 302
    assert need.photos.count() == 2


def test_files_of_unpublished_items_are_not_public(client, world, make_item):
    draft = make_item(publish=False)
    photos, documents = services.item_files_add(
        item=draft, by=world["ua_editor"], photos=gps_photos()[:2], documents=pdfs(1)
    )
    for record in (*photos, *documents):
        assert client.get(record.file.url).status_code == 404
    assert client.get(url("exchange:detail", draft.pk)).status_code == 404
    client.force_login(world["ua_editor"])
    for record in (*photos, *documents):
        assert client.get(record.file.url).status_code == 200
    services.item_step(item=draft, action="publish", by=world["ua_editor"])
    client.logout()
    page = client.get(url("exchange:detail", draft.pk)).content.decode()
    for photo in photos:
        assert photo.file.url in page
        assert client.get(photo.file.url).status_code == 200
    assert documents[0].file.url not in page
    assert client.get(documents[0].file.url).status_code == 404
    # reserved for a partner: out of the public eye again
    services.item_reserve(item=draft, partner=world["billerbeck"], by=world["ua_editor"])
    for photo in photos:
        assert client.get(photo.file.url).status_code == 404


def test_handover_with_several_photos_without_gps(client, world, make_item):
    need = make_item(category="kh_energy")  # know-how: handed over without shipping
    services.item_reserve(item=need, partner=world["billerbeck"], by=world["de_editor"])
    match = services.current_match(need)
    services.item_step(item=need, action="agree", by=world["ua_editor"])
    client.force_login(world["ua_editor"])
    response = client.post(
        url("exchange:handover", match.pk, lang="uk"),
        {
            "handed_over_on": timezone.localdate().isoformat(),
            "people": "Stadtwerke Billerbeck an Stadtverwaltung Malyn",
            "photos": gps_photos(),
        },
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.state == State.HANDED_OVER
    stored = list(HandoverPhoto.objects.filter(match=match))
    assert len(stored) == 3
    for photo in stored:
        assert_no_metadata(photo.file)
    page = client.get(url("exchange:detail", need.pk)).content.decode()
    assert all(photo.file.url in page for photo in stored)
    client.logout()
    assert all(client.get(photo.file.url).status_code == 404 for photo in stored)
    assert not ItemDocument.objects.exists()


def test_remove_one_handover_photo_until_the_use_is_reported(
    client, world, make_item, django_capture_on_commit_callbacks
):
    need = make_item(category="kh_energy")
    services.item_reserve(item=need, partner=world["billerbeck"], by=world["de_editor"])
    services.item_step(item=need, action="agree", by=world["ua_editor"])
    match = services.current_match(need)
    services.handover_record(
        match=match,
        by=world["ua_editor"],
        handed_over_on=timezone.localdate(),
        people="Stadtwerke Billerbeck an Malyn",
        photos=gps_photos()[:2],
    )
    first, second = HandoverPhoto.objects.filter(match=match)
    remove = url("exchange:handover_photo_remove", match.pk, first.pk)
    # not the public, not an editor of a third actor
    assert client.post(remove).status_code == 302  # to the login
    stranger = UserFactory()
    EditorFactory(user=stranger, actor=world["huerth"])
    client.force_login(stranger)
    assert client.post(remove).status_code == 404
    # the other side may; the page offers it
    client.force_login(world["de_editor"])
    page = client.get(url("exchange:detail", need.pk)).content.decode()
    assert remove in page
    name = first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(remove).status_code == 302
    assert list(HandoverPhoto.objects.filter(match=match)) == [second]
    assert not default_storage.exists(name)
    # the last photo without a protocol stays
    client.post(url("exchange:handover_photo_remove", match.pk, second.pk))
    assert HandoverPhoto.objects.filter(match=match).count() == 1
    # once the use is reported, the handover stays as it is
    services.use_report_submit(match=match, by=world["ua_editor"], report="Працює.")
    page = client.get(url("exchange:detail", need.pk)).content.decode()
    assert "/foto/" not in page
