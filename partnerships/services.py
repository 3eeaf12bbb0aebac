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
# An actor without coordinates is not on the map; it is never placed at 0,0. Coordinates come
# from the reference data, from the offline gazetteer (a guess staff should check) or from a
# person; neither the reference import nor the gazetteer replaces what a person entered.

COORDINATES_CORRECTED = "Koordinaten von Hand korrigiert"
COORDINATES_CONFIRMED = "Koordinaten aus dem Ortsverzeichnis geprüft"
COORDINATES_LOOKED_UP = "Koordinaten im Ortsverzeichnis nachgeschlagen"
COORDINATES_NOT_FOUND = "Im Ortsverzeichnis nicht gefunden"


def actor_coordinates_validate(*, latitude: float | None, longitude: float | None) -> None:
    """Both values, in range, not 0,0. Errors are keyed by field where they belong to one."""
    errors = {}
    if latitude is None:
        errors["latitude"] = _("Bitte den Breitengrad angeben.")
    elif not -90 <= latitude <= 90:
        errors["latitude"] = _(
            "Der Breitengrad muss zwischen -90 und 90 liegen (Norden positiv, z. B. 51,43)."
        )
    if longitude is None:
        errors["longitude"] = _("Bitte den Längengrad angeben.")
    elif not -180 <= longitude <= 180:
        errors["longitude"] = _(
            "Der Längengrad muss zwischen -180 und 180 liegen (Osten positiv, z. B. 6,76)."
        )
    if errors:
        raise ValidationError(errors)
    if latitude == 0 and longitude == 0:
        raise ValidationError(
            _("Die Koordinaten 0,0 liegen im Atlantik – bitte prüfen."), code="null_island"
        )


def _save_coordinates(*, actor: Actor, by, reason: str) -> None:
    actor._history_user = by
    actor._change_reason = reason
    actor.save(update_fields=["latitude", "longitude", "coordinate_source", "updated_at"])
    actor_changed(actor=actor)


@transaction.atomic
def actor_coordinates_correct(*, actor: Actor, latitude: float, longitude: float, by) -> Actor:
    """Staff enter the coordinates by hand (source "manual"; kept by later imports)."""
    actor_coordinates_validate(latitude=latitude, longitude=longitude)
    actor.latitude, actor.longitude = latitude, longitude
    actor.coordinate_source = Actor.CoordinateSource.MANUAL
    _save_coordinates(actor=actor, by=by, reason=COORDINATES_CORRECTED)
    return actor


@transaction.atomic
def actor_coordinates_confirm(*, actor: Actor, by) -> Actor:
    """Staff checked the gazetteer's guess: it counts as entered by hand from now on."""
    if actor.coordinate_source != Actor.CoordinateSource.GAZETTEER or actor.latitude is None:
        raise ValidationError(
            _("Nur Koordinaten aus dem Ortsverzeichnis können bestätigt werden."),
            code="not_gazetteer",
        )
    actor.coordinate_source = Actor.CoordinateSource.MANUAL
    _save_coordinates(actor=actor, by=by, reason=COORDINATES_CONFIRMED)
    return actor


def actor_coordinates_lookup(*, actor: Actor, by=None):
    """Look the actor up in the offline gazetteer by name, aliases and country.

    Found: its coordinates, source "gazetteer" (a guess for staff to check). Not found: the
    coordinates stay empty and the source says "not found", so the admin lists it — never
    0,0. Returns the gazetteer's place or None. Coordinates from the reference data or
    entered by a person are not replaced (ValidationError).
    """
    from partnerships.geocoding import lookup

    protected = (Actor.CoordinateSource.REFERENCE, Actor.CoordinateSource.MANUAL)
    if actor.coordinate_source in protected and actor.latitude is not None:
        raise ValidationError(
            _(
                "Diese Koordinaten stammen aus den Referenzdaten oder wurden von Hand "
                "eingetragen; das Ortsverzeichnis ersetzt sie nicht."
            ),
            code="protected",
        )
    place = lookup(names=[actor.name, *actor.alias_list], country=actor.country)
    with transaction.atomic():
        if place is None:
            if (
                actor.latitude is None
                and actor.coordinate_source != Actor.CoordinateSource.NOT_FOUND
            ):
                actor.longitude = None
                actor.coordinate_source = Actor.CoordinateSource.NOT_FOUND
                _save_coordinates(actor=actor, by=by, reason=COORDINATES_NOT_FOUND)
            return None
        found = (place.latitude, place.longitude, Actor.CoordinateSource.GAZETTEER)
        if (actor.latitude, actor.longitude, actor.coordinate_source) != found:
            actor.latitude, actor.longitude, actor.coordinate_source = found
            _save_coordinates(actor=actor, by=by, reason=COORDINATES_LOOKED_UP)
    return place


def actor_geocode(*, actor: Actor, by=None) -> bool:
    """Fill missing coordinates from the offline gazetteer. False if the name is unknown
    (the actor is then marked "not found" for staff)."""
    if actor.latitude is not None and actor.longitude is not None:
        return True
    return actor_coordinates_lookup(actor=actor, by=by) is not None


def actor_coordinates_edited(*, actor: Actor) -> None:
    """Coordinates a person typed in (e.g. in the admin's change form) count as "manual", so
    the reference import and the gazetteer leave them alone. Call before saving."""
    if actor.latitude is not None and actor.longitude is not None:
        actor.coordinate_source = Actor.CoordinateSource.MANUAL


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


# --- editors: invitations and access requests -----------------------------------------------


def _send_once(*, model, pk: int, stamp_field: str, send) -> bool:
    """Claim ``stamp_field`` (NULL → now) and send; release the claim if sending fails."""
    claimed = model.objects.filter(pk=pk, **{f"{stamp_field}__isnull": True}).update(
        **{stamp_field: timezone.now()}
    )
    if not claimed:
        return False
    try:
        send(model.objects.get(pk=pk))
    except BaseException:
        model.objects.filter(pk=pk).update(**{stamp_field: None})
        raise
    return True


@transaction.atomic
def invitation_create(
    *, email: str, actor: Actor, role: str = "editor", language: str = "de", by=None
):
    from partnerships.models import Invitation
    from partnerships.tasks import send_invitation

    invitation = Invitation.objects.create(
        email=email.strip().lower(), actor=actor, role=role, language=language, invited_by=by
    )
    transaction.on_commit(lambda: send_invitation.delay(invitation.pk))
    return invitation


def invitation_send(*, invitation_id: int) -> bool:
    from django.urls import reverse
    from django.utils import translation

    from partnerships.models import Invitation
    from portal.emails import send_email

    def send(invitation):
        with translation.override(invitation.language):
            path = reverse("partnerships:invitation_accept", kwargs={"token": invitation.token})
        send_email(
            template_prefix="partnerships/emails/invitation",
            to=[invitation.email],
            context={"invitation": invitation, "accept_path": path},
            language=invitation.language,
        )

    return _send_once(model=Invitation, pk=invitation_id, stamp_field="sent_at", send=send)


class InvitationError(Exception):
    pass


@transaction.atomic
def invitation_accept(*, token: str, user):
    """Make ``user`` editor of the invited actor. The invitation is for one email address."""
    from partnerships.models import ActorEditor, Invitation

    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None:
        raise InvitationError(_("Diese Einladung gibt es nicht (mehr)."))
    if invitation.accepted_at is not None:
        if invitation.accepted_by_id == user.pk:
            return invitation
        raise InvitationError(_("Diese Einladung wurde bereits angenommen."))
    if invitation.email.lower() != user.email.lower():
        raise InvitationError(
            _(
                "Die Einladung gilt für eine andere E-Mail-Adresse. Bitte melden Sie sich mit "
                "der Adresse an, an die die Einladung ging."
            )
        )
    ActorEditor.objects.get_or_create(
        user=user, actor=invitation.actor, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    _claim(actor=invitation.actor)
    return invitation


def _claim(*, actor: Actor) -> None:
    if actor.claimed_at is None:
        Actor.objects.filter(pk=actor.pk, claimed_at__isnull=True).update(claimed_at=timezone.now())


@transaction.atomic
def access_request_create(*, user, actor: Actor, message: str = ""):
    from partnerships.models import AccessRequest, ActorEditor
    from partnerships.tasks import notify_staff_access_request

    if ActorEditor.objects.filter(user=user, actor=actor).exists():
        raise ValidationError(_("Sie sind bereits Redakteur*in dieses Profils."), code="already")
    if AccessRequest.objects.filter(user=user, actor=actor, status="pending").exists():
        raise ValidationError(
            _("Sie haben für dieses Profil schon eine Anfrage gestellt; wir melden uns."),
            code="pending",
        )
    request = AccessRequest.objects.create(user=user, actor=actor, message=message.strip())
    transaction.on_commit(lambda: notify_staff_access_request.delay(request.pk))
    return request


@transaction.atomic
def access_request_decide(*, access_request, approve: bool, by=None, note: str = ""):
    """Approve (→ editor) or refuse a pending request; the requester gets an email."""
    from partnerships.models import AccessRequest, ActorEditor
    from partnerships.tasks import send_access_request_decision

    locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if locked.status != AccessRequest.Status.PENDING:
        return locked
    locked.status = AccessRequest.Status.APPROVED if approve else AccessRequest.Status.REFUSED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.decision_note = note
    locked.save()
    if approve:
        ActorEditor.objects.get_or_create(user=locked.user, actor=locked.actor)
        _claim(actor=locked.actor)
    transaction.on_commit(lambda: send_access_request_decision.delay(locked.pk))
    return locked


def access_request_send_decision(*, access_request_id: int) -> bool:
    from partnerships.models import AccessRequest
    from portal.emails import send_email

    def send(req):
        send_email(
            template_prefix="partnerships/emails/access_decision",
            to=[req.user.email],
            context={"access_request": req},
            language=req.user.language or "de",
        )

    return _send_once(
        model=AccessRequest, pk=access_request_id, stamp_field="notified_at", send=send
    )


def access_request_notify_staff(*, access_request_id: int) -> None:
    from django.conf import settings

    from partnerships.models import AccessRequest
    from portal.emails import send_email
    from portal.services import staff_notification_recipients

    req = AccessRequest.objects.select_related("user", "actor").get(pk=access_request_id)
    recipients = staff_notification_recipients()
    if recipients and req.status == AccessRequest.Status.PENDING:
        send_email(
            template_prefix="partnerships/emails/access_request_staff",
            to=recipients,
            context={"access_request": req},
            language=settings.LANGUAGE_CODE,
        )


# --- editors: content -----------------------------------------------------------------------


@transaction.atomic
def actor_update(*, actor: Actor, data: dict, by) -> Actor:
    for name, value in data.items():
        setattr(actor, name, value)
    if actor.claimed_at is None:
        actor.claimed_at = timezone.now()
    actor._history_user = by
    actor.full_clean()
    actor.save()
    actor_changed(actor=actor)
    return actor


@transaction.atomic
def partnership_update(*, partnership: Partnership, data: dict, by, m2m: dict | None = None):
    """Edits of a portrait go live at once when published (staff see them in the digest)."""
    for name, value in data.items():
        setattr(partnership, name, value)
    partnership._history_user = by
    partnership.full_clean()
    partnership.save()
    for name, values in (m2m or {}).items():
        getattr(partnership, name).set(values)
    partnership_changed(partnership=partnership)
    return partnership


@transaction.atomic
def partnership_propose(*, own_actor: Actor, partner: Actor, kind: str, summary: str, by):
    """An editor proposes a new partnership of their actor; it goes to staff for review."""
    partnership = partnership_create(
        kind=kind,
        partners=[own_actor, partner],
        publication_state=Partnership.Publication.REVIEW,
        summary=summary,
    )
    partnership.history.filter(history_user__isnull=True).update(history_user=by)
    return partnership
