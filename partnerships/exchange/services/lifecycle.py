"""The lifecycle of needs and offers — one table of allowed steps, one function that takes a
step. Every step is checked (state and who), taken under a row lock, and recorded (``Step``:
user and time) on each item it moves: a match moves its need and its offer together.

draft → published → in talks (reserved for one partner: a ``Match``) → agreed → in transit
(goods only) → handed over (handover record) → use reported → closed; withdrawn by the
owner before the goods are on their way; expired when ``valid_until`` passes unanswered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.exchange.models import (
    HandoverPhoto,
    Item,
    Match,
    State,
    Step,
)
from partnerships.exchange.permissions import is_exchange_staff, is_party
from partnerships.exchange.selectors import aggregates_forget
from partnerships.models import Actor, ActorEditor
from portal.permissions import is_active_user


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    who: str  # owner | respond | party | donor | recipient | system


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(
            "publish", gettext_lazy("veröffentlichen"), (State.DRAFT,), State.PUBLISHED, "owner"
        ),
        Action(
            "withdraw",
            gettext_lazy("zurückziehen"),
            (State.DRAFT, State.PUBLISHED, State.IN_TALKS),
            State.WITHDRAWN,
            "owner",
        ),
        Action(
            "reserve", gettext_lazy("reservieren"), (State.PUBLISHED,), State.IN_TALKS, "respond"
        ),
        Action(
            "release", gettext_lazy("wieder freigeben"), (State.IN_TALKS,), State.PUBLISHED, "party"
        ),
        Action("agree", gettext_lazy("vereinbart"), (State.IN_TALKS,), State.AGREED, "party"),
        Action("ship", gettext_lazy("ist unterwegs"), (State.AGREED,), State.IN_TRANSIT, "donor"),
        Action(
            "hand_over",
            gettext_lazy("Übergabe erfassen"),
            (State.AGREED, State.IN_TRANSIT),
            State.HANDED_OVER,
            "party",
        ),
        Action(
            "report_use",
            gettext_lazy("Verwendung berichten"),
            (State.HANDED_OVER,),
            State.USE_REPORTED,
            "recipient",
        ),
        Action("close", gettext_lazy("abschließen"), (State.USE_REPORTED,), State.CLOSED, "party"),
        Action("expire", gettext_lazy("abgelaufen"), (State.PUBLISHED,), State.EXPIRED, "system"),
    )
}
_MATCHED = (State.AGREED, State.IN_TRANSIT, State.HANDED_OVER, State.USE_REPORTED)
# Steps with their own form (the generic step button does not offer them).
FORM_ACTIONS = frozenset({"reserve", "hand_over", "report_use"})


class TransitionRefused(Exception):
    """The step is not allowed from the item's state (the message says why)."""


def _editor_actor_ids(user) -> set[int]:
    if not is_active_user(user):
        return set()
    return set(ActorEditor.objects.filter(user=user).values_list("actor_id", flat=True))


def roles(user, *, item: Item, match: Match | None, editor_ids: set[int] | None = None) -> set:
    """What ``user`` is for this item: staff, owner (edits its actor), donor or recipient
    (edits that side of its current match)."""
    found = set()
    if user is None:
        return {"system"}
    if is_exchange_staff(user):
        found.add("staff")
    ids = _editor_actor_ids(user) if editor_ids is None else editor_ids
    if item.actor_id in ids:
        found.add("owner")
    if match is not None:
        if match.donor_id in ids:
            found.add("donor")
        if match.recipient_id in ids:
            found.add("recipient")
    return found


def _may(action: Action, found: set) -> bool:
    if action.who == "system":
        return "system" in found
    if "staff" in found or "system" in found:
        return True
    if action.who == "owner":
        return "owner" in found
    if action.who == "party":
        return bool(found & {"donor", "recipient"})
    if action.who == "respond":
        return True  # checked against the chosen partner in ``item_reserve``
    return action.who in found


def allowed_actions(user, *, item: Item, match: Match | None) -> list[Action]:
    """The steps this user may take now (for the buttons)."""
    found = roles(user, item=item, match=match) - {"system"}
    result = []
    for action in ACTIONS.values():
        if item.state not in action.sources or action.who == "system":
            continue
        if action.who == "respond" and not found:
            continue
        if action.name == "ship" and not item.is_shipped:
            continue
        if _may(action, found):
            result.append(action)
    return result


def _check(action: Action, item: Item) -> None:
    if item.state not in action.sources:
        raise TransitionRefused(
            _("„%(action)s“ ist im Stand „%(state)s“ nicht möglich.")
            % {"action": action.label, "state": item.get_state_display()}
        )


def _move(items: list[Item], action: Action, *, by, match: Match | None, note: str = "") -> None:
    now = timezone.now()
    for item in items:
        from_state = item.state
        item.state = action.target
        item.state_changed_at = now
        fields = ["state", "state_changed_at", "updated_at"]
        if action.target == State.PUBLISHED and item.published_at is None:
            item.published_at = now
            fields.append("published_at")
        if action.target == State.HANDED_OVER:
            item.met_at = now
            fields.append("met_at")
        item.save(update_fields=fields)
        Step.objects.create(
            item=item,
            match=match,
            action=action.name,
            from_state=from_state,
            to_state=action.target,
            by=by if by is not None and getattr(by, "pk", None) else None,
            at=now,
            note=note[:500],
        )


def _locked(item: Item) -> Item:
    return Item.objects.select_for_update().get(pk=item.pk)


def current_match(item: Item) -> Match | None:
    field = "need" if item.kind == Item.Kind.NEED else "offer"
    return (
        Match.objects.current()
        .select_related("need", "offer", "donor", "recipient")
        .filter(**{field: item})
        .first()
    )


def _match_items(match: Match) -> list[Item]:
    ids = [pk for pk in (match.need_id, match.offer_id) if pk is not None]
    return list(Item.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


@transaction.atomic
def item_step(*, item: Item, action: str, by, note: str = "") -> Item:
    """Take a simple step (publish, withdraw, release, agree, ship, close, expire). Steps of
    a matched item move every item of its match. ``by=None``: the system (beat tasks)."""
    step = ACTIONS[action]
    if action in FORM_ACTIONS:
        raise TransitionRefused(_("Dieser Schritt braucht ein eigenes Formular."))
    item = _locked(item)
    _check(step, item)
    match = current_match(item) if item.state in (State.IN_TALKS, *_MATCHED) else None
    if not _may(step, roles(by, item=item, match=match)):
        raise PermissionDenied
    if action == "ship" and not item.is_shipped:
        raise TransitionRefused(_("Know-how und Austausch werden nicht verschickt."))
    if match is None:
        _move([item], step, by=by, match=None, note=note)
        return item
    items = _match_items(match)
    for other in items:
        _check(step, other)
    now = timezone.now()
    if action in ("release", "withdraw"):
        match.released_at = now
        match.save(update_fields=["released_at"])
        others = [i for i in items if i.pk != item.pk]
        _move([i for i in items if i.pk == item.pk], step, by=by, match=match, note=note)
        if others:
            # the partner's item goes back to the list
            _move(others, ACTIONS["release"], by=by, match=match, note=note)
    else:
        _move(items, step, by=by, match=match, note=note)
        if action == "close":
            match.closed_at = now
            match.save(update_fields=["closed_at"])
    item.refresh_from_db()
    return item


@transaction.atomic
def item_reserve(*, item: Item, partner: Actor, by, counterpart: Item | None = None) -> Match:
    """Reserve a published item for one partner of the other side (an offer for a need, a
    need for an offer, or an actor without an item): both move to "in talks"."""
    from partnerships.exchange.permissions import can_respond

    step = ACTIONS["reserve"]
    item = _locked(item)
    if counterpart is not None:
        counterpart = _locked(counterpart)
        if counterpart.kind == item.kind or counterpart.actor_id != partner.pk:
            raise TransitionRefused(_("Bedarf und Angebot passen nicht zusammen."))
        _check(step, counterpart)
    _check(step, item)
    if partner.country == item.actor.country or partner.country not in Item.SIDE.values():
        raise TransitionRefused(_("Der Partner muss auf der anderen Seite sein."))
    if by is not None and not can_respond(by, item=item, actor=partner):
        raise PermissionDenied
    need, offer = (item, counterpart) if item.kind == Item.Kind.NEED else (counterpart, item)
    donor, recipient = (
        (partner, item.actor) if item.kind == Item.Kind.NEED else (item.actor, partner)
    )
    match = Match.objects.create(
        need=need, offer=offer, donor=donor, recipient=recipient, created_by=by
    )
    _move([i for i in (need, offer) if i is not None], step, by=by, match=match)
    return match


@transaction.atomic
def handover_record(
    *,
    match: Match,
    by,
    handed_over_on: date,
    people: str,
    note: str = "",
    protocol=None,
    photos=(),
) -> Match:
    """The handover: date, who handed over and received, a signed protocol or photos (at
    least one of the two). The items count as met from now on."""
    from partnerships.exchange.services.items import clean_text

    step = ACTIONS["hand_over"]
    match = Match.objects.select_for_update().get(pk=match.pk)
    if match.released_at is not None:
        raise TransitionRefused(_("Diese Vermittlung wurde freigegeben."))
    items = _match_items(match)
    for item in items:
        _check(step, item)
        if item.state == State.AGREED and item.is_shipped:
            raise TransitionRefused(_("Sachgüter sind erst unterwegs, dann übergeben."))
    if not _may(step, roles(by, item=items[0], match=match)):
        raise PermissionDenied
    if handed_over_on > timezone.localdate():
        raise TransitionRefused(_("Das Datum der Übergabe liegt in der Zukunft."))
    if handed_over_on < match.created_at.date():
        raise TransitionRefused(_("Das Datum der Übergabe liegt vor der Vermittlung."))
    if protocol is None and not photos:
        raise TransitionRefused(_("Bitte ein Übergabeprotokoll oder Fotos anhängen."))
    match.handed_over_on = handed_over_on
    match.handed_over_at = timezone.now()
    match.handover_people = clean_text(people)[:300]
    match.handover_note = clean_text(note)
    if protocol is not None:
        match.handover_protocol.save("protocol.pdf", protocol, save=False)
    match.save()
    for photo in photos:
        record = HandoverPhoto(match=match)
        record.file.save("photo", photo, save=False)
        record.save()
    _move(items, step, by=by, match=match, note=note)
    # met on the day of the handover (the aggregates count by its year)
    met_at = timezone.make_aware(datetime.combine(handed_over_on, time(12)))
    Item.objects.filter(pk__in=[i.pk for i in items]).update(met_at=met_at)
    # the public aggregates count it: now, and again once committed (a list read meanwhile
    # may have cached the old counts)
    aggregates_forget()
    transaction.on_commit(aggregates_forget)
    return match


@transaction.atomic
def handover_photo_remove(*, photo: HandoverPhoto, by) -> None:
    """A side (or staff) removes one photo of the handover until the use is reported; the
    handover keeps its protocol or at least one photo."""
    from partnerships.exchange.services.items import file_delete

    match = Match.objects.select_for_update().get(pk=photo.match_id)
    if not (is_exchange_staff(by) or is_party(by, match)):
        raise PermissionDenied
    if match.use_reported_at is not None or match.closed_at is not None:
        raise ValidationError(_("Nach dem Verwendungsbericht bleibt die Übergabe, wie sie ist."))
    if not match.handover_protocol and match.handover_photos.count() <= 1:
        raise ValidationError(_("Die Übergabe braucht ein Protokoll oder mindestens ein Foto."))
    file_delete(photo)


@transaction.atomic
def use_report_submit(*, match: Match, by, report: str) -> Match:
    """The recipient says how the help is used."""
    from partnerships.exchange.services.items import clean_text

    step = ACTIONS["report_use"]
    match = Match.objects.select_for_update().get(pk=match.pk)
    items = _match_items(match)
    for item in items:
        _check(step, item)
    if not _may(step, roles(by, item=items[0], match=match)):
        raise PermissionDenied
    report = clean_text(report)
    if not report:
        raise TransitionRefused(_("Bitte beschreiben Sie, wie die Hilfe verwendet wird."))
    match.use_report = report
    match.use_reported_at = timezone.now()
    match.save(update_fields=["use_report", "use_reported_at"])
    _move(items, step, by=by, match=match)
    return match


def items_expire(*, today: date | None = None) -> int:
    """Beat: published items past ``valid_until`` expire (each recorded as a system step)."""
    today = today or timezone.localdate()
    count = 0
    for item in Item.objects.filter(state=State.PUBLISHED, valid_until__lt=today).only("pk"):
        try:
            item_step(item=item, action="expire", by=None)
        except TransitionRefused:
            continue
        count += 1
    return count
