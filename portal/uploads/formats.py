"""The file formats the portal accepts, and how each one's content is verified.

A file is accepted as ``.pdf`` only if it starts as a PDF and pypdf reads its pages; as an
image only if Pillow decodes it completely (it is then re-encoded without metadata); as an
Office document only if it is a ZIP archive with the parts that format requires and no
macros. Nothing that a browser could run as a page (HTML, SVG, JavaScript) is a format here,
and any file whose first bytes contain markup is refused, whatever its name says.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Browsers decide by the first 512-1445 bytes whether something "looks like" HTML; a file
# with markup there is a polyglot (e.g. ``%PDF-1.4\n<html><script>``) and never accepted.
MARKUP_SCAN_BYTES = 4096
MARKUP_SIGNATURES = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<svg",
    b"<object",
    b"<embed",
    b"<meta",
    b"<form",
    b"<style",
    b"<link",
    b"<?xml-stylesheet",
    b"javascript:",
)
# An Office file's parts may unpack to at most this many times the upload limit (zip bombs).
MAX_UNPACKED_RATIO = 20


@dataclass(frozen=True)
class FileFormat:
    extension: str  # the extension a file of this format is stored with
    content_type: str
    kind: str  # "pdf", "image", "ooxml" or "odf"
    detail: str = ""  # Pillow format name, OOXML main part or ODF mimetype
    label: str = ""

    @property
    def inline(self) -> bool:
        """Images and PDFs are shown in the browser; everything else is a download."""
        return self.kind in ("pdf", "image")


_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"
FORMATS: dict[str, FileFormat] = {
    "pdf": FileFormat("pdf", "application/pdf", "pdf", label="PDF"),
    "jpg": FileFormat("jpg", "image/jpeg", "image", "JPEG", "JPEG"),
    "jpeg": FileFormat("jpg", "image/jpeg", "image", "JPEG", "JPEG"),
    "png": FileFormat("png", "image/png", "image", "PNG", "PNG"),
    "webp": FileFormat("webp", "image/webp", "image", "WEBP", "WebP"),
    # New GIFs are stored as PNG (their first frame, see images.py); older ones stay GIF.
    "gif": FileFormat("png", "image/gif", "image", "GIF", "GIF"),
    "docx": FileFormat(
        "docx", f"{_OOXML}.wordprocessingml.document", "ooxml", "word/document.xml", "Word"
    ),
    "xlsx": FileFormat(
        "xlsx", f"{_OOXML}.spreadsheetml.sheet", "ooxml", "xl/workbook.xml", "Excel"
    ),
    "pptx": FileFormat(
        "pptx",
        f"{_OOXML}.presentationml.presentation",
        "ooxml",
        "ppt/presentation.xml",
        "PowerPoint",
    ),
    "odt": FileFormat("odt", f"{_ODF}.text", "odf", f"{_ODF}.text", "OpenDocument"),
    "ods": FileFormat("ods", f"{_ODF}.spreadsheet", "odf", f"{_ODF}.spreadsheet", "OpenDocument"),
    "odp": FileFormat("odp", f"{_ODF}.presentation", "odf", f"{_ODF}.presentation", "OpenDocument"),
}


def extension_of(name: str) -> str:
    base = (name or "").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def format_for_name(name: str) -> FileFormat | None:
    """The format a stored file is served as (by its extension); None: unknown."""
    return FORMATS.get(extension_of(name))


def mismatch(fmt: FileFormat, extension: str) -> ValidationError:
    return ValidationError(
        _(
            "Der Inhalt der Datei ist keine echte %(kind)s-Datei, wie die Endung „.%(ext)s“ "
            "behauptet. Bitte laden Sie die Originaldatei hoch."
        ),
        code="mismatch",
        params={"kind": fmt.label, "ext": extension},
    )


def check_no_markup(head: bytes) -> None:
    lowered = head[:MARKUP_SCAN_BYTES].lower()
    if any(signature in lowered for signature in MARKUP_SIGNATURES):
        raise ValidationError(
            _(
                "Die Datei enthält Webseiten-Code (HTML oder Skript) und wird deshalb nicht "
                "angenommen."
            ),
            code="markup",
        )


def check_pdf(stream, fmt: FileFormat, extension: str) -> None:
    from pypdf import PdfReader

    stream.seek(0)
    if stream.read(5) != b"%PDF-":
        raise mismatch(fmt, extension)
    stream.seek(0)
    try:
        reader = PdfReader(stream, strict=False)
        encrypted = reader.is_encrypted and not reader.decrypt("")
        pages = 0 if encrypted else len(reader.pages)
    # pypdf raises many exception types on malformed input (PdfReadError, KeyError,
    # ValueError, RecursionError ...): every one means "not a PDF we can accept".
    except Exception as exc:
        raise mismatch(fmt, extension) from exc
    if encrypted:
        raise ValidationError(
            _(
                "Die PDF-Datei ist mit einem Passwort geschützt. Bitte laden Sie sie ohne "
                "Passwortschutz hoch."
            ),
            code="encrypted",
        )
    if pages < 1:
        raise mismatch(fmt, extension)


def _macro_error() -> ValidationError:
    return ValidationError(
        _(
            "Dateien mit Makros werden nicht angenommen. Bitte speichern Sie die Datei ohne "
            "Makros (z. B. als .docx statt .docm)."
        ),
        code="macros",
    )


def _open_zip(stream, fmt: FileFormat, extension: str, max_bytes: int) -> zipfile.ZipFile:
    stream.seek(0)
    if stream.read(4) != b"PK\x03\x04":
        raise mismatch(fmt, extension)
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise mismatch(fmt, extension) from exc
    if sum(info.file_size for info in infos) > max_bytes * MAX_UNPACKED_RATIO:
        raise mismatch(fmt, extension)
    return archive


def check_ooxml(stream, fmt: FileFormat, extension: str, max_bytes: int) -> None:
    with _open_zip(stream, fmt, extension, max_bytes) as archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names or fmt.detail not in names:
            raise mismatch(fmt, extension)
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise _macro_error()
        try:
            with archive.open("[Content_Types].xml") as handle:
                content_types = handle.read(1024 * 1024)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
            raise mismatch(fmt, extension) from exc
        if b"macroenabled" in content_types.lower():
            raise _macro_error()


def check_odf(stream, fmt: FileFormat, extension: str, max_bytes: int) -> None:
    with _open_zip(stream, fmt, extension, max_bytes) as archive:
        infos = archive.infolist()
        first = infos[0] if infos else None
        if first is None or first.filename != "mimetype" or first.compress_type != 0:
            raise mismatch(fmt, extension)
        try:
            mimetype = archive.read(first).strip()
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
            raise mismatch(fmt, extension) from exc
        names = {info.filename for info in infos}
        if mimetype != fmt.detail.encode() or "content.xml" not in names:
            raise mismatch(fmt, extension)
        if any(name.startswith(("Basic/", "Scripts/")) for name in names):
            raise _macro_error()


def read_head(stream) -> bytes:
    stream.seek(0)
    head = stream.read(MARKUP_SCAN_BYTES)
    stream.seek(0)
    return head
