"""Upload policies: which formats a kind of upload accepts, and how large it may be.

Every file field of the portal names one policy (``UploadField(policy="document", ...)``).
A new kind of upload adds one entry to ``POLICIES``; size limits can be changed per policy
with the ``UPLOAD_MAX_MB`` setting (e.g. ``UPLOAD_MAX_MB=image=10,slides=80``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from portal.uploads.formats import FORMATS
from portal.uploads.images import DEFAULT_MAX_PIXELS

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif")
OFFICE_EXTENSIONS = ("docx", "xlsx", "pptx", "odt", "ods", "odp")


@dataclass(frozen=True)
class UploadPolicy:
    name: str
    extensions: tuple[str, ...]
    default_max_mb: int
    max_pixels: int = DEFAULT_MAX_PIXELS

    def __post_init__(self):
        unknown = set(self.extensions) - set(FORMATS)
        if unknown:
            raise ValueError(f"policy {self.name}: no verified format for {sorted(unknown)}")

    @property
    def max_bytes(self) -> int:
        limits = getattr(settings, "UPLOAD_MAX_MB", {}) or {}
        return int(float(limits.get(self.name, self.default_max_mb)) * 1024 * 1024)

    @property
    def accept(self) -> str:
        """The ``accept`` attribute of the file input (the browser's picker filter)."""
        types = dict.fromkeys(FORMATS[ext].content_type for ext in self.extensions)
        return ",".join([*(f".{ext}" for ext in self.extensions), *types])

    @property
    def allowed_display(self) -> str:
        return ", ".join(f".{ext}" for ext in self.extensions)

    def help_text(self) -> str:
        return _("Erlaubt: %(types)s; höchstens %(size)s.") % {
            "types": self.allowed_display,
            "size": filesizeformat(self.max_bytes),
        }


POLICIES: dict[str, UploadPolicy] = {
    policy.name: policy
    for policy in (
        UploadPolicy("image", IMAGE_EXTENSIONS, default_max_mb=10),
        UploadPolicy("logo", IMAGE_EXTENSIONS, default_max_mb=2, max_pixels=16_000_000),
        UploadPolicy("document", ("pdf",), default_max_mb=20),
        UploadPolicy("slides", ("pdf", "pptx", "odp"), default_max_mb=50),
        UploadPolicy("attachment", ("pdf", *OFFICE_EXTENSIONS), default_max_mb=25),
    )
}


def upload_policy(policy: str | UploadPolicy) -> UploadPolicy:
    """The policy of that name; a KeyError names the missing one (a typo fails loudly)."""
    if isinstance(policy, UploadPolicy):
        return policy
    try:
        return POLICIES[policy]
    except KeyError:
        raise KeyError(f"unknown upload policy {policy!r}; known: {sorted(POLICIES)}") from None
