"""Images without metadata: decoded completely, turned upright, re-encoded by Pillow.

Photos from phones carry EXIF data with the place they were taken (GPS), the device and the
time; PNG and WebP files can carry text chunks and XMP. ``image_strip_metadata`` keeps only
the pixels (and the colour profile, which is needed to show the colours right): every
uploaded image goes through it before it is stored, and any feature that accepts photos
(e.g. the need/offer exchange) calls it too.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_PIXELS = 40_000_000
JPEG_QUALITY = 90
WEBP_QUALITY = 90

# Pillow format read -> (format written, extension, content type)
_OUTPUT = {
    "JPEG": ("JPEG", "jpg", "image/jpeg"),
    "PNG": ("PNG", "png", "image/png"),
    "WEBP": ("WEBP", "webp", "image/webp"),
    "GIF": ("PNG", "png", "image/png"),
}
_JPEG_MODES = {"RGB", "L", "CMYK"}


@dataclass(frozen=True)
class StrippedImage:
    content: bytes
    source_format: str  # as Pillow read it: JPEG, PNG, WEBP, GIF
    extension: str  # what the stored file is called: jpg, png, webp
    content_type: str
    width: int
    height: int


# Pillow pads a cut-off image with grey when ``ImageFile.LOAD_TRUNCATED_IMAGES`` is set, and
# WeasyPrint sets it on import; a check must see the truncation, so it turns the flag off
# while it decodes (the lock keeps two checks from restoring each other's value).
_STRICT_DECODING = threading.Lock()


def _load_completely(image) -> None:
    from PIL import ImageFile

    with _STRICT_DECODING:
        tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("Die Datei ist kein lesbares Bild. Erlaubt sind JPEG, PNG, WebP und GIF."),
        code="not_image",
    )


def image_strip_metadata(source, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> StrippedImage:
    """Decode ``source`` (bytes or a binary file) completely and re-encode it without metadata.

    EXIF (GPS position, camera, time), XMP, comments and text chunks are dropped; the EXIF
    orientation is applied to the pixels first, so the picture stays upright. Animated
    images keep their first frame; GIFs become PNGs. Raises ``ValidationError`` (codes
    ``not_image``, ``image_too_large``) for anything Pillow cannot decode completely.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    stream.seek(0)
    try:
        with Image.open(stream) as opened:
            source_format = opened.format or ""
            if source_format not in _OUTPUT:
                raise _not_an_image()
            width, height = opened.size
            if width * height > max_pixels:
                raise ValidationError(
                    _(
                        "Das Bild ist zu groß (%(width)s × %(height)s Pixel); erlaubt sind "
                        "höchstens %(megapixels)s Megapixel."
                    ),
                    code="image_too_large",
                    params={
                        "width": width,
                        "height": height,
                        "megapixels": max_pixels // 1_000_000,
                    },
                )
            _load_completely(opened)
            icc_profile = opened.info.get("icc_profile")
            upright = ImageOps.exif_transpose(opened)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise _not_an_image() from exc
    finally:
        stream.seek(0)

    output_format, extension, content_type = _OUTPUT[source_format]
    clean = upright
    if output_format == "JPEG" and clean.mode not in _JPEG_MODES:
        clean = clean.convert("RGB")
    elif output_format == "PNG" and "transparency" in clean.info:
        clean = clean.convert("RGBA")  # the transparency key lives in ``info``
    # Pillow writes some of ``info`` back (e.g. a JPEG comment): start from nothing.
    clean.info = {}
    options: dict = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if output_format == "JPEG":
        options.update(quality=JPEG_QUALITY, optimize=True)
    elif output_format == "WEBP":
        options.update(quality=WEBP_QUALITY)
    out = io.BytesIO()
    clean.save(out, output_format, **options)
    return StrippedImage(
        content=out.getvalue(),
        source_format=source_format,
        extension=extension,
        content_type=content_type,
        width=clean.width,
        height=clean.height,
    )
