"""Who may do what in the Bedarfsbörse — named predicates.

An item belongs to its actor's editors; a match to the editors of both sides. Staff (with
the model permission, ``portal.permissions.staff_may``) see and do everything. The public
sees published items without contact data, documents or the match.
"""

from __future__ import annotations

from partnerships.exchange.models import Item, Match, State
from partnerships.models import Actor, ActorEditor
from partnerships.permissions import is_editor_of
from portal.permissions import is_active_user, staff_may

PUBLIC_STATES = (State.PUBLISHED,)


def is_exchange_staff(user) -> bool:
    return staff_may(user, "exchange.change_item")


def can_view_all(user) -> bool:
    return staff_may(user, "exchange.view_item")


def own_actor_ids(user) -> set[int]:
    if not is_active_user(user):
        return set()
    return set(ActorEditor.objects.filter(user=user).values_list("actor_id", flat=True))


def can_post(user, *, actor: Actor, kind: str) -> bool:
    """Needs come from Ukrainian actors, offers from NRW actors — by their editors or by
    staff on their behalf."""
    if actor.country != Item.SIDE.get(kind):
        return False
    return staff_may(user, "exchange.add_item") or is_editor_of(user, actor)


def can_edit_item(user, item: Item) -> bool:
    return is_exchange_staff(user) or is_editor_of(user, item.actor)


def is_party(user, match: Match) -> bool:
    if not is_active_user(user):
        return False
    return ActorEditor.objects.filter(
        user=user, actor_id__in=[match.donor_id, match.recipient_id]
    ).exists()


def can_view_match(user, match: Match) -> bool:
    return can_view_all(user) or is_party(user, match)


def can_view_item(user, item: Item) -> bool:
    """Published items are public; everything else for its editors, its match partner and
    staff."""
    if item.state in PUBLIC_STATES:
        return True
    if can_view_all(user) or (is_active_user(user) and is_editor_of(user, item.actor)):
        return True
    match = current_match(item)
    return match is not None and is_party(user, match)


def can_view_item_file(user, photo) -> bool:
    return can_view_item(user, photo.item)


def can_view_item_document(user, document) -> bool:
    item = document.item
    if can_view_all(user) or is_editor_of(user, item.actor):
        return True
    match = current_match(item)
    return match is not None and is_party(user, match)


def can_view_match_file(user, obj) -> bool:
    match = obj if isinstance(obj, Match) else obj.match
    return can_view_match(user, match)


def current_match(item: Item) -> Match | None:
    field = "need" if item.kind == Item.Kind.NEED else "offer"
    return Match.objects.current().filter(**{field: item}).first()


def can_respond(user, *, item: Item, actor: Actor) -> bool:
    """Reserve ``item`` for ``actor`` of the other side: the item's editors (choosing a
    suggestion), the other actor's editors (answering the item), or staff."""
    if actor.country == item.actor.country or actor.country not in Item.SIDE.values():
        return False
    return is_exchange_staff(user) or is_editor_of(user, item.actor) or is_editor_of(user, actor)


def exact_location_public(actor: Actor) -> bool:
    from partnerships.permissions import exact_location_is_public

    return exact_location_is_public(is_sensitive=actor.is_sensitive)
