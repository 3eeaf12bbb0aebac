"""Who may do what with the register — named predicates, imported by views and other apps.

Roles: anonymous visitor, logged-in person without a role, editor (or manager) of an actor,
staff (``is_staff`` with the Netzwerkstelle group's permissions). Editors act on their own
actors and on the partnerships those actors belong to as partners or brokers — on both sides.
"""

from django.db.models import QuerySet

from partnerships.models import Actor, ActorEditor, Partnership


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def editable_actors(user) -> QuerySet[Actor]:
    """The actors the user may edit (staff: all)."""
    if not (user and user.is_authenticated and user.is_active):
        return Actor.objects.none()
    return Actor.objects.for_editor(user)


def editable_partnerships(user) -> QuerySet[Partnership]:
    if not (user and user.is_authenticated and user.is_active):
        return Partnership.objects.none()
    return Partnership.objects.for_editor(user)


def is_editor_of(user, actor: Actor) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return ActorEditor.objects.filter(user=user, actor=actor).exists()


def is_editor(user) -> bool:
    """The user edits at least one actor."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return ActorEditor.objects.filter(user=user).exists()


def can_view_partnership(user, partnership: Partnership) -> bool:
    """Published records are public; drafts and records in review only for their editors."""
    if partnership.is_published:
        return True
    return can_edit_partnership(user, partnership)


def can_edit_actor(user, actor: Actor) -> bool:
    return is_staff(user) or is_editor_of(user, actor)


def can_edit_partnership(user, partnership: Partnership) -> bool:
    """Staff always; an editor of any member actor (partner or broker) in every state."""
    if is_staff(user):
        return True
    if not (user and user.is_authenticated and user.is_active) or partnership.pk is None:
        return False
    return ActorEditor.objects.filter(
        user=user, actor__memberships__partnership=partnership
    ).exists()


def can_publish_partnership(user, partnership: Partnership) -> bool:
    """Only staff publish or send back."""
    return is_staff(user)


def can_propose_partnership(user) -> bool:
    """Editors (of any actor) and staff may propose new partnerships."""
    return is_staff(user) or is_editor(user)


def can_request_access(user, actor: Actor) -> bool:
    return bool(user and user.is_authenticated and user.is_active and not is_editor_of(user, actor))


def can_view_actor(user, actor: Actor) -> bool:
    """Actor profiles (reference data included) are public, and so are their logos."""
    return True


def can_view_partnership_item(user, item) -> bool:
    """An image or document of a partnership: visible exactly when the partnership is."""
    return can_view_partnership(user, item.partnership)
