"""The one upload check: formats by content, polyglots, sizes, random names, clean images."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from PIL import ExifTags, Image

from portal.uploads import POLICIES, image_strip_metadata, upload_check
from portal.uploads.fields import UploadField
from portal.uploads.serving import upload_fields
from tests.upload_samples import (
    encrypted_pdf_bytes,
    image_bytes,
    odf_bytes,
    ooxml_bytes,
    pdf_bytes,
    photo_with_gps,
    polyglot_bytes,
    upload,
)


def _code(name: str, data: bytes, policy: str) -> str:
    with pytest.raises(ValidationError) as info:
        upload_check(upload(name, data), policy=policy)
    assert info.value.messages[0]
    return info.value.code


@pytest.mark.parametrize(
    ("policy", "name", "data"),
    [
        ("document", "ratsbeschluss.pdf", pdf_bytes()),
        ("slides", "folien.pdf", pdf_bytes(3)),
        ("slides", "folien.pptx", ooxml_bytes("pptx")),
        ("slides", "folien.odp", odf_bytes("odp")),
        ("attachment", "bericht.docx", ooxml_bytes("docx")),
        ("attachment", "tabelle.xlsx", ooxml_bytes("xlsx")),
        ("attachment", "text.odt", odf_bytes("odt")),
        ("attachment", "TABELLE.ODS", odf_bytes("ods")),
        ("image", "foto.JPG", image_bytes("JPEG")),
        ("image", "foto.jpeg", image_bytes("JPEG")),
        ("image", "grafik.png", image_bytes("PNG")),
        ("image", "bild.webp", image_bytes("WEBP")),
        ("logo", "logo.gif", image_bytes("GIF")),
    ],
)
def test_real_files_of_each_allowed_format_pass(policy, name, data):
    checked = upload_check(upload(name, data), policy=policy)
    assert checked.extension in POLICIES[policy].extensions or checked.extension == "png"
    assert checked.original_name == name


@pytest.mark.parametrize("policy", ["document", "slides", "attachment"])
@pytest.mark.parametrize("name", ["polyglot.pdf", "polyglot.html", "polyglot.htm", "p.svg"])
def test_polyglot_pdf_html_is_refused_everywhere(policy, name):
    assert _code(name, polyglot_bytes(), policy) in {"markup", "extension"}


def test_polyglot_named_pdf_is_refused_for_its_markup_not_its_name():
    assert _code("polyglot.pdf", polyglot_bytes(), "document") == "markup"


@pytest.mark.parametrize(
    ("name", "data", "policy", "code"),
    [
        ("seite.html", b"<html><script>alert(1)</script></html>", "attachment", "extension"),
        ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image", "extension"),
        ("skript.js", b"alert(1)", "slides", "extension"),
        ("ohne_endung", pdf_bytes(), "document", "extension"),
        ("vertrag.docx", pdf_bytes(), "document", "extension"),
        ("foto.png", image_bytes("JPEG"), "image", "mismatch"),
        ("scan.pdf", image_bytes("PNG"), "document", "mismatch"),
        (
            "vertrag.pdf",
            b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
            "document",
            "mismatch",
        ),
        ("kaputt.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 200, "attachment", "mismatch"),
        ("tabelle.docx", pdf_bytes(), "attachment", "mismatch"),
        ("folien.pptx", ooxml_bytes("docx"), "slides", "mismatch"),
        ("leer.docx", b"PK\x03\x04 not really a zip", "attachment", "mismatch"),
        ("text.odt", odf_bytes("ods"), "attachment", "mismatch"),
        ("makro.docx", ooxml_bytes("docx", macros=True), "attachment", "macros"),
        ("geheim.pdf", encrypted_pdf_bytes(), "document", "encrypted"),
        ("bild.png", b"\x89PNG\r\n\x1a\n not an image", "image", "not_image"),
        ("halb.png", image_bytes("PNG", size=(64, 64))[:-40], "image", "not_image"),
        ("leer.pdf", b"", "document", "empty"),
    ],
)
def test_wrong_or_fake_files_are_refused_with_a_reason(name, data, policy, code):
    assert _code(name, data, policy) == code


def test_a_cut_off_image_is_refused_even_where_pillow_tolerates_it(monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint sets it
    assert _code("halb.jpg", image_bytes("JPEG", size=(64, 64))[:-50], "image") == "not_image"
    assert _code("halb.png", image_bytes("PNG", size=(64, 64))[:-40], "image") == "not_image"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True


def test_size_limits_come_from_settings_per_policy(settings):
    settings.UPLOAD_MAX_MB = {"document": 0.01}
    big = pdf_bytes() + b"%" + b"0" * 11_000
    with pytest.raises(ValidationError) as info:
        upload_check(upload("gross.pdf", big), policy="document")
    assert info.value.code == "too_large"
    assert "10,2\xa0KB" in info.value.messages[0]
    upload_check(upload("gross.pdf", big), policy="attachment")  # 25 MB by default


def test_image_beyond_the_pixel_limit_is_refused_before_decoding():
    huge = image_bytes("PNG", size=(5000, 4000))  # 20 megapixels > the logo's 16
    with pytest.raises(ValidationError) as info:
        upload_check(upload("logo.png", huge), policy="logo")
    assert info.value.code == "image_too_large"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "nicht erlaubt"),
        ("uk", "не дозволені"),
        ("en", "not allowed"),
    ],
)
def test_messages_are_translated(language, expected):
    with translation.override(language):
        with pytest.raises(ValidationError) as info:
            upload_check(upload("seite.html", b"<html>"), policy="document")
        assert expected in info.value.messages[0]
        assert ".pdf" in info.value.messages[0]


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_gps_and_other_metadata_are_stripped_and_orientation_kept(fmt):
    original = photo_with_gps(fmt)
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the sample really has GPS
    stripped = image_strip_metadata(original)
    with Image.open(io.BytesIO(stripped.content)) as after:
        assert after.format == fmt
        exif = after.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert len(exif) == 0
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(after.info)
        # orientation 6 was applied to the pixels: the 40×20 picture now stands 20×40,
        # with the blue left half turned to the top
        assert after.size == (20, 40)
        red, _green, blue = after.convert("RGB").getpixel((10, 5))
        assert blue > red
    for needle in (b"GPS", b"Phone", b"Camera 12", b"Reinoldikirche", b"xmpmeta"):
        assert needle not in stripped.content


def test_gif_becomes_png_first_frame():
    stripped = image_strip_metadata(image_bytes("GIF"))
    assert (stripped.extension, stripped.content_type) == ("png", "image/png")


def test_every_file_field_of_the_project_is_an_upload_field():
    """No FileField/ImageField outside the upload machinery (generated PDFs excepted)."""
    from django.apps import apps
    from django.db import models

    generated = {("knowledge", "Guide", "pdf_file")}
    plain = [
        (model._meta.app_label, model.__name__, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
        and not isinstance(field, UploadField)
        and not model.__name__.startswith("Historical")
    ]
    assert set(plain) <= generated
    folders = {(model.__name__, field.name): folder for folder, model, field in upload_fields()}
    assert folders == {
        ("Actor", "logo"): "actors/logos/",
        ("Image", "file"): "partnerships/images/",
        ("Document", "file"): "partnerships/documents/",
        ("Event", "slides"): "events/slides/",
        ("ResourceFile", "file"): "knowledge/resources/",
        ("ItemPhoto", "file"): "exchange/photos/",
        ("ItemDocument", "file"): "exchange/documents/",
        ("HandoverPhoto", "file"): "exchange/handover-photos/",
        ("Match", "handover_protocol"): "exchange/handover/",
    }


@pytest.mark.django_db
def test_saved_upload_gets_a_random_name_and_clean_content():
    from tests.partnerships.factories import PartnershipFactory

    partnership = PartnershipFactory()
    image, other = (
        partnership.images.create(
            file=upload("IMG_0042 Familie Müller.jpg", photo_with_gps()), alt_text="a", credit="b"
        )
        for _ in range(2)
    )
    assert re.fullmatch(r"partnerships/images/[0-9a-f]{32}\.jpg", image.file.name)
    assert image.file.name != other.file.name
    assert "Müller" not in image.file.url
    with image.file.open("rb") as handle:
        stored = handle.read()
    assert b"GPS" not in stored and b"Phone" not in stored


@pytest.mark.django_db
def test_saving_a_model_with_a_bad_file_stores_nothing(settings):
    from tests.partnerships.factories import PartnershipFactory

    partnership = PartnershipFactory()
    with pytest.raises(ValidationError), transaction.atomic():
        partnership.documents.create(title="x", file=upload("x.pdf", polyglot_bytes()))
    assert partnership.documents.count() == 0
    assert not (settings.MEDIA_ROOT / "partnerships" / "documents").exists()


def test_a_field_with_unknown_policy_folder_or_predicate_fails_the_system_check():
    field = UploadField(policy="photo", upload_to="/abs/", visible_to="portal.nowhere.pred")
    assert {error.id for error in field._check_upload_settings()} == {
        "portal.E101",
        "portal.E102",
        "portal.E103",
    }
    good = UploadField(
        policy="image",
        upload_to="partnerships/images/",
        visible_to="partnerships.permissions.can_view_partnership_item",
    )
    assert good._check_upload_settings() == []


def test_several_files_in_one_input_each_checked():
    from django import forms
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils.datastructures import MultiValueDict

    from portal.uploads import UploadsFormField
    from tests.upload_samples import image_bytes, photo_with_gps

    class Form(forms.Form):
        photos = UploadsFormField(policy="image", required=False, max_files=3)

    def files(*uploads):
        return Form(data={}, files=MultiValueDict({"photos": list(uploads)}))

    def jpeg(name, data=None):
        return SimpleUploadedFile(name, data or photo_with_gps(), content_type="image/jpeg")

    assert "multiple" in str(Form()["photos"]) and 'accept=".jpg' in str(Form()["photos"])
    form = files(jpeg("a.jpg"), SimpleUploadedFile("b.png", image_bytes(), "image/png"))
    assert form.is_valid(), form.errors
    assert [f.name for f in form.cleaned_data["photos"]] == ["a.jpg", "b.png"]
    empty = Form(data={}, files=MultiValueDict())
    assert empty.is_valid() and empty.cleaned_data["photos"] == []
    # one bad file refuses the lot and names itself
    with translation.override("de"):
        form = files(jpeg("a.jpg"), jpeg("böse.jpg", b"<html><script>x</script>"))
        assert not form.is_valid()
        assert any(message.startswith("böse.jpg: ") for message in form.errors["photos"])
        form = files(*(jpeg(f"{n}.jpg") for n in range(4)))
        assert not form.is_valid()
        assert form.errors["photos"] == ["Bitte höchstens 3 Dateien auf einmal hochladen."]

    class Required(forms.Form):
        photos = UploadsFormField(policy="image")

    assert not Required(data={}, files=MultiValueDict()).is_valid()
