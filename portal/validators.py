"""Validators shared by the portal's public forms."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def validate_single_line(value: str) -> None:
    """Reject line breaks and control characters (header injection in names, subjects)."""
    if _CONTROL.search(value or ""):
        raise ValidationError(
            _("Bitte ohne Zeilenumbrüche oder Steuerzeichen eingeben."), code="single_line"
        )
