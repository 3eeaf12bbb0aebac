"""Search profiles: saved by editors (Mein Bereich), staff (admin) and the demo data."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from partnerships.matchmaking.models import PROFILE_VALIDITY_DAYS, SearchProfile
from portal.services import model_set_fields, model_set_relations

TEXT_FIELDS = ("needs", "offers")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Text as typed, without control characters (line breaks and tabs stay); shown as
    Markdown sanitised by nh3, like the portraits."""
    return _CONTROL.sub("", value or "").strip()


def search_profile_normalise(*, profile: SearchProfile) -> None:
    """Clean every language of the texts, the kind list and the contact line fields."""
    for field in TEXT_FIELDS:
        for lang, _name in settings.LANGUAGES:
            name = f"{field}_{lang}"
            setattr(profile, name, clean_text(getattr(profile, name)))
    profile.seeks_kinds = sorted(set(profile.seeks_kinds or []))
    profile.languages = sorted(set(profile.languages or []))
    profile.contact_email = (profile.contact_email or "").strip().lower()


@transaction.atomic
def search_profile_save(
    *,
    profile: SearchProfile,
    by=None,
    preferred_regions: Iterable | None = None,
    excluded_regions: Iterable | None = None,
    themes: Iterable | None = None,
    horizons: Iterable | None = None,
    need_themes: Iterable | None = None,
    offer_themes: Iterable | None = None,
    **fields,
) -> SearchProfile:
    """Create or update a profile: set the given fields (e.g. ``needs_uk=...``); a relation
    given (objects or ids) replaces the current one, None leaves it as it is."""
    model_set_fields(profile, fields)
    if profile.pk is None and by is not None and by.is_authenticated:
        profile.created_by = by
    search_profile_normalise(profile=profile)
    if by is not None and by.is_authenticated:
        profile._history_user = by
    profile.full_clean()
    profile.save()
    model_set_relations(
        profile,
        preferred_regions=preferred_regions,
        excluded_regions=excluded_regions,
        themes=themes,
        horizons=horizons,
        need_themes=need_themes,
        offer_themes=offer_themes,
    )
    return profile


@transaction.atomic
def search_profile_extend(*, profile: SearchProfile, by=None) -> SearchProfile:
    """Valid for another twelve months from today; a new reminder will be due."""
    profile.valid_until = timezone.localdate() + timedelta(days=PROFILE_VALIDITY_DAYS)
    profile.expiry_reminder_sent_at = None
    if by is not None:
        profile._history_user = by
    profile.save(update_fields=["valid_until", "expiry_reminder_sent_at", "updated_at"])
    return profile


@transaction.atomic
def search_profile_delete(*, profile: SearchProfile, by=None) -> None:
    if by is not None:
        profile._history_user = by
    profile.delete()
