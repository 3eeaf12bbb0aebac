"""Business rules that change the register. Views, admin actions, tasks and commands call these."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from partnerships.models import Actor, Partnership, PartnershipMember

PUBLISHED_VERSION_KEY = "partnerships:published-version"


# --- cache version of the published register ------------------------------------------------


def published_version() -> int:
    """The version of the published register (part of every cache key of the map data)."""
    version = cache.get(PUBLISHED_VERSION_KEY)
    if version is None:
        version = int(timezone.now().timestamp() * 1000)
        cache.add(PUBLISHED_VERSION_KEY, version, timeout=None)
        version = cache.get(PUBLISHED_VERSION_KEY, version)
    return version


def published_data_changed() -> None:
    """Invalidate cached map data and downloads once the surrounding transaction commits."""

    def bump():
        try:
            cache.incr(PUBLISHED_VERSION_KEY)
        except ValueError:
            cache.set(PUBLISHED_VERSION_KEY, int(timezone.now().timestamp() * 1000), None)

    transaction.on_commit(bump)


def partnership_changed(*, partnership: Partnership) -> None:
    if partnership.is_published:
        published_data_changed()


def actor_changed(*, actor: Actor) -> None:
    if actor.memberships.filter(
        partnership__publication_state=Partnership.Publication.PUBLISHED
    ).exists():
        published_data_changed()


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
    title = title or partnership_title_from_members(actors=partners)
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
    *, partnership: Partnership, kind: str, date=None, precision: str = "year", note: str = ""
) -> Partnership:
    """Change the kind and keep the previous one in the kind-change history."""
    if kind == partnership.kind:
        return partnership
    partnership.kind_changes.create(
        from_kind=partnership.kind, to_kind=kind, date=date, precision=precision, note=note
    )
    partnership.kind = kind
    partnership.save()
    partnership_changed(partnership=partnership)
    return partnership


# --- coordinates ----------------------------------------------------------------------------


def actor_geocode(*, actor: Actor, save: bool = True) -> bool:
    """Fill missing coordinates from the offline gazetteer. False if the name is unknown."""
    from partnerships.geocoding import lookup

    if actor.latitude is not None and actor.longitude is not None:
        return True
    place = lookup(names=[actor.name, *actor.alias_list], country=actor.country)
    if place is None:
        return False
    actor.latitude, actor.longitude = place.latitude, place.longitude
    actor.coordinate_source = Actor.CoordinateSource.GAZETTEER
    if save:
        actor.save(update_fields=["latitude", "longitude", "coordinate_source", "updated_at"])
        actor_changed(actor=actor)
    return True


# --- daily digest of editors' changes -------------------------------------------------------


def digest_changes(*, start, end) -> list[dict]:
    """Editors' (non-staff) changes to the register in [start, end), oldest first."""
    from partnerships.models import Milestone, Project

    changes = []
    for model, label in (
        (Partnership, _("Partnerschaft")),
        (Actor, _("Akteur")),
        (Milestone, _("Meilenstein")),
        (Project, _("Projekt")),
    ):
        history = (
            model.history.filter(
                history_date__gte=start,
                history_date__lt=end,
                history_user__isnull=False,
                history_user__is_staff=False,
            )
            .select_related("history_user")
            .order_by("history_date")
        )
        for record in history:
            if model in (Partnership, Actor):
                admin_object_id = record.id
                admin_model = model._meta.model_name
            else:
                admin_object_id = record.partnership_id
                admin_model = "partnership"
            changes.append(
                {
                    "what": str(label),
                    "title": str(record.title if hasattr(record, "title") else record.name),
                    "type": record.get_history_type_display(),
                    "user": record.history_user.email,
                    "date": record.history_date,
                    "history_url": f"/admin/partnerships/{admin_model}/{admin_object_id}/history/",
                }
            )
    changes.sort(key=lambda c: c["date"])
    return changes


def daily_digest_send(*, day) -> bool:
    """Email staff the editors' changes of the day before ``day``, once per day."""
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from partnerships.models import DigestRun
    from portal.emails import send_email
    from portal.services import staff_notification_recipients

    run, _created = DigestRun.objects.get_or_create(day=day)
    claimed = DigestRun.objects.filter(pk=run.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    tz = ZoneInfo(settings.TIME_ZONE)
    end = datetime.combine(day, time.min, tzinfo=tz)
    start = end - timedelta(days=1)
    changes = digest_changes(start=start, end=end)
    recipients = staff_notification_recipients()
    if not changes or not recipients:
        return False
    try:
        send_email(
            template_prefix="partnerships/emails/daily_digest",
            to=recipients,
            context={"changes": changes, "day": start.date()},
            language=settings.LANGUAGE_CODE,
        )
    except BaseException:
        DigestRun.objects.filter(pk=run.pk).update(sent_at=None)
        raise
    return True
