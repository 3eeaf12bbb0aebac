"""Real files (and hostile ones) for upload tests, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

# The attack: a PDF header, then a page that runs script when a browser renders it.
POLYGLOT_HEAD = b"%PDF-1.4\n<html><body><script>fetch('/admin/').then(r=>r.text())</script>"


def pdf_bytes(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def polyglot_bytes() -> bytes:
    """Starts as PDF and HTML at once and still has a parseable PDF body after the page."""
    return POLYGLOT_HEAD + b"</body></html>\n" + pdf_bytes()[9:]


def encrypted_pdf_bytes() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="geheim", owner_password="geheim", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str = "PNG", size=(8, 6), color=(0, 87, 183), **save_options) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    mode = "P" if fmt == "GIF" else "RGB"
    Image.new("RGB", size, color).convert(mode).save(out, fmt, **save_options)
    return out.getvalue()


# Dortmund, Reinoldikirche: the place a phone would write into the photo.
GPS_LATITUDE = (51.0, 30.0, 50.0)
GPS_LONGITUDE = (7.0, 28.0, 5.0)


def photo_with_gps(fmt: str = "JPEG", size=(40, 20), orientation: int = 6) -> bytes:
    """A photo as a phone saves it: GPS position, camera, orientation, comment, XMP."""
    from PIL import ExifTags, Image

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.Base.Model] = "Camera 12"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.DateTime] = "2026:11:30 09:15:00"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: GPS_LATITUDE,
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: GPS_LONGITUDE,
    }
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    options = {"exif": exif}
    if fmt == "JPEG":
        options.update(comment=b"Reinoldikirche", xmp=xmp)
    # A wide picture whose EXIF says "turn me by 90 degrees" (orientation 6).
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _zip(entries: list[tuple[str, bytes | str]], *, stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            compress = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compress)
    return out.getvalue()


OOXML_MAIN = {
    "docx": ("word/document.xml", "wordprocessingml.document.main"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main"),
}


def ooxml_bytes(extension: str = "docx", *, macros: bool = False) -> bytes:
    part, kind = OOXML_MAIN[extension]
    content_type = f"application/vnd.openxmlformats-officedocument.{kind}+xml"
    if macros:
        content_type = "application/vnd.ms-word.document.macroEnabled.main+xml"
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
    )
    entries = [("[Content_Types].xml", types), (part, "<root/>")]
    if macros:
        entries.append(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro"))
    return _zip(entries)


def odf_bytes(extension: str = "odp") -> bytes:
    kind = {"odt": "text", "ods": "spreadsheet", "odp": "presentation"}[extension]
    mimetype = f"application/vnd.oasis.opendocument.{kind}".encode()
    return _zip(
        [("mimetype", mimetype), ("content.xml", "<office:document-content/>")],
        stored_first=True,
    )


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
