"""``upload_check``: the one place that decides whether an uploaded file is accepted."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from portal.uploads import formats
from portal.uploads.images import image_strip_metadata
from portal.uploads.policies import UploadPolicy, upload_policy

_CACHE_ATTRIBUTE = "_portal_upload_checked"


@dataclass(frozen=True)
class CheckedUpload:
    """An accepted upload: what to store (images re-encoded), under which extension."""

    extension: str
    content_type: str
    content: File
    size: int
    original_name: str


def _size_of(uploaded) -> int:
    size = getattr(uploaded, "size", None)
    if size is None:
        uploaded.seek(0, 2)
        size = uploaded.tell()
        uploaded.seek(0)
    return size


def upload_check(uploaded, *, policy: str | UploadPolicy) -> CheckedUpload:
    """Check ``uploaded`` (an UploadedFile or any django File) against ``policy``.

    Raises ``ValidationError`` with a message for the person who uploaded it (codes:
    ``empty``, ``too_large``, ``extension``, ``markup``, ``mismatch``, ``encrypted``,
    ``macros``, ``not_image``, ``image_too_large``). The result is remembered on the file
    object, so the form, the model and the storage step check each upload once.
    """
    policy = upload_policy(policy)
    cached = getattr(uploaded, _CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] == policy.name:
        return cached[1]
    size = _size_of(uploaded)
    if size == 0:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    if size > policy.max_bytes:
        raise ValidationError(
            _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s."),
            code="too_large",
            params={"size": filesizeformat(size), "max": filesizeformat(policy.max_bytes)},
        )
    original_name = (uploaded.name or "").replace("\\", "/").rsplit("/", 1)[-1]
    extension = formats.extension_of(original_name)
    if extension not in policy.extensions:
        raise ValidationError(
            _("Dateien vom Typ „%(ext)s“ sind hier nicht erlaubt. Erlaubt sind: %(allowed)s."),
            code="extension",
            params={
                "ext": f".{extension}" if extension else _("ohne Endung"),
                "allowed": policy.allowed_display,
            },
        )
    fmt = formats.FORMATS[extension]
    formats.check_no_markup(formats.read_head(uploaded))
    content: File = uploaded
    content_type = fmt.content_type
    try:
        if fmt.kind == "image":
            stripped = image_strip_metadata(uploaded, max_pixels=policy.max_pixels)
            if stripped.source_format != fmt.detail:
                raise formats.mismatch(fmt, extension)
            content = ContentFile(stripped.content)
            content_type = stripped.content_type
            size = len(stripped.content)
        elif fmt.kind == "pdf":
            formats.check_pdf(uploaded, fmt, extension)
        elif fmt.kind == "ooxml":
            formats.check_ooxml(uploaded, fmt, extension, policy.max_bytes)
        elif fmt.kind == "odf":
            formats.check_odf(uploaded, fmt, extension, policy.max_bytes)
    finally:
        uploaded.seek(0)
    result = CheckedUpload(
        extension=fmt.extension,
        content_type=content_type,
        content=content,
        size=size,
        original_name=original_name[:255],
    )
    setattr(uploaded, _CACHE_ATTRIBUTE, (policy.name, result))
    return result


@deconstructible(path="portal.uploads.UploadValidator")
class UploadValidator:
    """Validator for form and model file fields: ``validators=[UploadValidator("image")]``.

    Files already stored (a model saved earlier) are not checked again, so editing other
    fields of an old record never fails because of its file.
    """

    def __init__(self, policy: str):
        self.policy = upload_policy(policy).name

    def __call__(self, value) -> None:
        if not value:
            return
        if isinstance(value, FieldFile):
            if getattr(value, "_committed", True):
                return
            value = value.file
        upload_check(value, policy=self.policy)

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadValidator) and other.policy == self.policy

    def __hash__(self) -> int:
        return hash(("UploadValidator", self.policy))
