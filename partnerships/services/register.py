"""The register itself: partnerships and actors are created, edited, reviewed and published."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from partnerships.models import Actor, Partnership, PartnershipMember
from partnerships.services.published import (
    actor_changed,
    partnership_changed,
    published_data_changed,
)
from portal import languages
from portal.models import Horizon, Theme
from portal.services import model_set_fields

# --- slugs ----------------------------------------------------------------------------------


def unique_slug(*, model, base: str, exclude_pk=None, max_length: int = 200) -> str:
    base = slugify(base)[:max_length] or "eintrag"
    slug = base
    n = 2
    qs = model.objects.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug


def partnership_title_from_members(*, actors: Iterable[Actor]) -> str:
    return " – ".join(a.name for a in actors)


def partnership_titles_from_members(*, actors: Iterable[Actor]) -> dict[str, str]:
    """The generated title in every language ("Billerbeck – Малин" on uk), by column."""
    actors = list(actors)
    return {
        f"title_{code}": " – ".join(
            getattr(a, f"name_{code}", "") or getattr(a, f"name_{languages.SOURCE}", "") or a.name
            for a in actors
        )
        for code in languages.CODES
    }


# --- partnerships ---------------------------------------------------------------------------


def partnership_validate_members(*, actor_ids: list[int]) -> None:
    """At least two different partners; an actor appears only once."""
    if len(actor_ids) != len(set(actor_ids)):
        raise ValidationError(
            _("Ein Akteur darf nur einmal Mitglied derselben Partnerschaft sein."),
            code="duplicate_member",
        )
    if len(set(actor_ids)) < 2:
        raise ValidationError(
            _("Eine Partnerschaft braucht mindestens zwei verschiedene Partner."),
            code="too_few_members",
        )


@transaction.atomic
def partnership_create(
    *,
    kind: str,
    partners: list[Actor],
    brokers: Iterable[Actor] = (),
    title: str = "",
    publication_state: str = Partnership.Publication.DRAFT,
    **fields,
) -> Partnership:
    brokers = list(brokers)
    partnership_validate_members(actor_ids=[a.pk for a in partners + brokers])
    if len(partners) < 2:
        raise ValidationError(
            _("Eine Partnerschaft braucht mindestens zwei verschiedene Partner."),
            code="too_few_members",
        )
    if not title:
        generated = partnership_titles_from_members(actors=partners)
        title = generated[f"title_{languages.SOURCE}"]
        fields = {**generated, **fields}
    partnership = Partnership(kind=kind, title=title, publication_state=publication_state, **fields)
    partnership.slug = unique_slug(model=Partnership, base=title)
    if publication_state == Partnership.Publication.PUBLISHED:
        partnership.published_at = timezone.now()
    partnership.full_clean()
    partnership.save()
    members = [
        PartnershipMember(partnership=partnership, actor=a, role="partner", position=i)
        for i, a in enumerate(partners)
    ] + [
        PartnershipMember(partnership=partnership, actor=a, role="broker", position=100 + i)
        for i, a in enumerate(brokers)
    ]
    for m in members:
        m.save()
    partnership_changed(partnership=partnership)
    return partnership


@transaction.atomic
def partnership_publish(*, partnership: Partnership, by=None) -> Partnership:
    """Publish (staff only). Checks that the record is complete enough to be shown."""
    partnership_validate_members(
        actor_ids=list(
            partnership.members.filter(role=PartnershipMember.Role.PARTNER).values_list(
                "actor_id", flat=True
            )
        )
    )
    partnership.publication_state = Partnership.Publication.PUBLISHED
    partnership.review_comment = ""
    if partnership.published_at is None:
        partnership.published_at = timezone.now()
    if by is not None:
        partnership._history_user = by
    partnership.save()
    published_data_changed()
    return partnership


@transaction.atomic
def partnership_send_back(*, partnership: Partnership, comment: str, by=None) -> Partnership:
    """Return a record to the editors as a draft, with staff's comment."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Bitte schreiben Sie eine kurze Begründung."), code="comment")
    was_published = partnership.is_published
    partnership.publication_state = Partnership.Publication.DRAFT
    partnership.review_comment = comment
    if by is not None:
        partnership._history_user = by
    partnership.save()
    if was_published:
        published_data_changed()
    return partnership


@transaction.atomic
def partnership_submit_for_review(*, partnership: Partnership, by=None) -> Partnership:
    if partnership.publication_state == Partnership.Publication.DRAFT:
        partnership.publication_state = Partnership.Publication.REVIEW
        if by is not None:
            partnership._history_user = by
        partnership.save()
    return partnership


@transaction.atomic
def partnership_change_kind(
    *,
    partnership: Partnership,
    kind: str,
    date=None,
    precision: str = "year",
    note: str = "",
    by=None,
) -> Partnership:
    """Change the kind and keep the previous one in the kind-change history.

    ``partnership.kind`` must still be the stored kind; other unsaved changes on the
    instance are saved with it (the admin form saves everything in one history row)."""
    if kind == partnership.kind:
        return partnership
    partnership.kind_changes.create(
        from_kind=partnership.kind, to_kind=kind, date=date, precision=precision, note=note
    )
    partnership.kind = kind
    if by is not None:
        partnership._history_user = by
    partnership.save()
    partnership_changed(partnership=partnership)
    return partnership


# --- editors: content -----------------------------------------------------------------------


@transaction.atomic
def actor_update(*, actor: Actor, by, **fields) -> Actor:
    """Set the given profile fields (e.g. ``description_uk=...``) as an editor's change."""
    model_set_fields(actor, fields)
    if actor.claimed_at is None:
        actor.claimed_at = timezone.now()
    actor._history_user = by
    actor.full_clean()
    actor.save()
    actor_changed(actor=actor)
    return actor


@transaction.atomic
def partnership_update(
    *,
    partnership: Partnership,
    by,
    horizons: Iterable[Horizon] | None = None,
    themes: Iterable[Theme] | None = None,
    **fields,
) -> Partnership:
    """Set the given portrait fields (e.g. ``summary_uk=...``); ``horizons``/``themes``
    replace the current ones when given. Edits of a published portrait go live at once
    (staff see them in the digest)."""
    model_set_fields(partnership, fields)
    partnership._history_user = by
    partnership.full_clean()
    partnership.save()
    if horizons is not None:
        partnership.horizons.set(horizons)
    if themes is not None:
        partnership.themes.set(themes)
    partnership_changed(partnership=partnership)
    return partnership


class PartnershipExists(ValidationError):
    """The proposed partnership is in the register already (same partners)."""

    def __init__(self, partnership: Partnership):
        super().__init__(_("Diese Partnerschaft ist schon eingetragen."), code="exists")
        self.partnership = partnership


def partnership_with_partners(*, actors: list[Actor]) -> Partnership | None:
    """The partnership whose partners (brokers aside) are exactly ``actors``, if any."""
    wanted = {actor.pk for actor in actors}
    candidates = Partnership.objects.all()
    for actor in actors:
        candidates = candidates.filter(members__actor=actor)
    for candidate in candidates.distinct().prefetch_related("members"):
        if {m.actor_id for m in candidate.partner_members} == wanted:
            return candidate
    return None


@transaction.atomic
def partnership_propose(*, own_actor: Actor, partner: Actor, kind: str, summary: str, by):
    """An editor proposes a new partnership of their actor; it goes to staff for review.
    Raises ``PartnershipExists`` (pointing to it) when these partners have one already."""
    existing = partnership_with_partners(actors=[own_actor, partner])
    if existing is not None:
        raise PartnershipExists(existing)
    partnership = partnership_create(
        kind=kind,
        partners=[own_actor, partner],
        publication_state=Partnership.Publication.REVIEW,
        summary=summary,
    )
    partnership.history.filter(history_user__isnull=True).update(history_user=by)
    return partnership
