"""Who may do what with the register — named predicates, imported by views and other apps.

Roles: anonymous visitor, logged-in person without a role, editor (or manager) of an actor,
staff (see ``portal.permissions``: staff powers in this session, and the model permission
from the Netzwerkstelle group). Editors act on their own actors and on the partnerships
those actors belong to as partners or brokers — on both sides.
"""

from django.db.models import QuerySet

from partnerships.models import Actor, ActorEditor, Partnership
from portal.permissions import is_active_user, staff_may


def editable_actors(user) -> QuerySet[Actor]:
    """The actors the user may edit (staff who may change actors: all)."""
    if staff_may(user, "partnerships.change_actor"):
        return Actor.objects.all()
    if not is_active_user(user):
        return Actor.objects.none()
    return Actor.objects.for_editor(user)


def editable_partnerships(user) -> QuerySet[Partnership]:
    if staff_may(user, "partnerships.change_partnership"):
        return Partnership.objects.all()
    if not is_active_user(user):
        return Partnership.objects.none()
    return Partnership.objects.for_editor(user)


def is_editor_of(user, actor: Actor) -> bool:
    if not is_active_user(user):
        return False
    return ActorEditor.objects.filter(user=user, actor=actor).exists()


def is_editor(user) -> bool:
    """The user edits at least one actor."""
    if not is_active_user(user):
        return False
    return ActorEditor.objects.filter(user=user).exists()


def _edits_a_member(user, partnership: Partnership) -> bool:
    if not is_active_user(user) or partnership.pk is None:
        return False
    return ActorEditor.objects.filter(
        user=user, actor__memberships__partnership=partnership
    ).exists()


def can_view_partnership(user, partnership: Partnership) -> bool:
    """Published records are public; drafts and records in review only for their editors
    and staff."""
    if partnership.is_published:
        return True
    return staff_may(user, "partnerships.view_partnership") or _edits_a_member(user, partnership)


def can_edit_actor(user, actor: Actor) -> bool:
    return staff_may(user, "partnerships.change_actor") or is_editor_of(user, actor)


def can_edit_partnership(user, partnership: Partnership) -> bool:
    """Staff who may change partnerships; an editor of any member actor (partner or broker)
    in every state."""
    return staff_may(user, "partnerships.change_partnership") or _edits_a_member(user, partnership)


def can_publish_partnership(user) -> bool:
    """Only staff publish or send back (the admin's actions)."""
    return staff_may(user, "partnerships.change_partnership")


def can_propose_partnership(user) -> bool:
    """Editors (of any actor) and staff may propose new partnerships."""
    return staff_may(user, "partnerships.add_partnership") or is_editor(user)


def can_request_access(user, actor: Actor) -> bool:
    return is_active_user(user) and not is_editor_of(user, actor)


def can_view_actor(user, actor: Actor) -> bool:
    """Actor profiles (reference data included) are public, and so are their logos."""
    return True


def can_view_partnership_item(user, item) -> bool:
    """An image or document of a partnership: visible exactly when the partnership is."""
    return can_view_partnership(user, item.partnership)


# --- what the public sees of a sensitive place (a community near the front line) ----------


def exact_location_is_public(*, is_sensitive: bool) -> bool:
    """A sensitive place is never shown where it is: the map puts it at its oblast's
    centre, a portrait's own map leaves it out."""
    return not is_sensitive


def contact_is_public(actor: Actor) -> bool:
    """A sensitive place's contact details are never published."""
    return not actor.is_sensitive and bool(actor.contact_email)
