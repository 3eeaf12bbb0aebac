"""The data migration: files stored before the upload check get random names, images lose GPS."""

import io
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import ExifTags, Image

from partnerships.models import Document
from partnerships.models import Image as PartnershipImage
from portal.uploads.legacy import legacy_files_rename
from tests.partnerships.factories import PartnershipFactory
from tests.upload_samples import pdf_bytes, photo_with_gps, polyglot_bytes

pytestmark = pytest.mark.django_db


def _legacy(model, name: str, data: bytes | None, **fields):
    if data is not None:
        assert default_storage.save(name, ContentFile(data)) == name
    row = model(file=name, **fields)  # as the old code stored it: the uploader's file name
    row.save()
    return row


def test_stored_files_are_renamed_and_images_cleaned():
    partnership = PartnershipFactory()
    photo = _legacy(
        PartnershipImage,
        "partnerships/images/IMG 0042 Müller.jpg",
        photo_with_gps(),
        partnership=partnership,
        alt_text="a",
        credit="b",
    )
    pdf = _legacy(
        Document,
        "partnerships/documents/Vertrag.pdf",
        pdf_bytes(),
        partnership=partnership,
        title="V",
    )
    html = _legacy(
        Document,
        "partnerships/documents/polyglot.html",
        polyglot_bytes(),
        partnership=partnership,
        title="P",
    )
    missing = _legacy(
        Document, "partnerships/documents/weg.pdf", None, partnership=partnership, title="W"
    )

    assert (
        legacy_files_rename(
            apps, model="partnerships.Image", field="file", folder="partnerships/images/"
        )
        == 1
    )
    assert (
        legacy_files_rename(
            apps, model="partnerships.Document", field="file", folder="partnerships/documents/"
        )
        == 2
    )

    photo.refresh_from_db()
    assert re.fullmatch(r"partnerships/images/[0-9a-f]{32}\.jpg", photo.file.name)
    with photo.file.open("rb") as handle, Image.open(io.BytesIO(handle.read())) as stored:
        assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert not default_storage.exists("partnerships/images/IMG 0042 Müller.jpg")
    pdf.refresh_from_db()
    assert re.fullmatch(r"partnerships/documents/[0-9a-f]{32}\.pdf", pdf.file.name)
    html.refresh_from_db()
    assert html.file.name.endswith(".bin")  # served as a download, never as a page
    missing.refresh_from_db()
    assert missing.file.name == "partnerships/documents/weg.pdf"
    # a second run changes nothing
    assert (
        legacy_files_rename(
            apps, model="partnerships.Document", field="file", folder="partnerships/documents/"
        )
        == 0
    )
