"""Validation of uploaded attachments: real type (magic bytes) against the extension, size."""

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024

# extension -> the MIME types ``filetype`` may report for a genuine file of that kind
ALLOWED_TYPES: dict[str, set[str]] = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    "odt": {"application/vnd.oasis.opendocument.text"},
    "ods": {"application/vnd.oasis.opendocument.spreadsheet"},
    "odp": {"application/vnd.oasis.opendocument.presentation"},
    "doc": {"application/msword", "application/x-ole-storage"},
    "xls": {"application/vnd.ms-excel", "application/msword", "application/x-ole-storage"},
    "ppt": {"application/vnd.ms-powerpoint", "application/msword", "application/x-ole-storage"},
}


def attachment_extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_attachment(uploaded) -> str:
    """Check an uploaded file; return its MIME type or raise ValidationError.

    The type is read from the file's content, not trusted from the browser or the name.
    """
    size = uploaded.size or 0
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(MAX_ATTACHMENT_BYTES)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    extension = attachment_extension(uploaded.name)
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Dateien vom Typ „.%(ext)s“ sind nicht erlaubt. Erlaubt sind: %(allowed)s.")
            % {
                "ext": extension or "?",
                "allowed": ", ".join(f".{e}" for e in sorted(ALLOWED_TYPES)),
            },
            code="extension",
        )
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(position)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES[extension]:
        raise ValidationError(
            _(
                "Der Inhalt der Datei passt nicht zur Endung „.%(ext)s“ (erkannt: %(found)s). "
                "Bitte laden Sie eine echte .%(ext)s-Datei hoch."
            )
            % {"ext": extension, "found": kind.extension if kind else _("unbekannt")},
            code="mismatch",
        )
    return kind.mime
