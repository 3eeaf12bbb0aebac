"""Who may do what in the partner search — named predicates.

Public profiles are readable by everyone without their contact; a profile's contact person,
its suggestions and its cases belong to staff and to the editors of its actor.
"""

from partnerships.matchmaking.models import SearchProfile
from partnerships.models import Actor
from partnerships.permissions import is_editor_of
from portal.permissions import staff_may


def can_view_staff_suggestions(user) -> bool:
    """Suggestions for any actor (the actor pages' list) are for the office only."""
    return staff_may(user, "matchmaking.view_searchprofile")


def shows_suggestions_link(user, actor: Actor) -> bool:
    """The actor page links to the office's suggestions for actors of either side."""
    return actor.country in ("DE", "UA") and can_view_staff_suggestions(user)


def can_create_profile(user, actor: Actor) -> bool:
    return actor.country in ("DE", "UA") and (
        staff_may(user, "matchmaking.add_searchprofile") or is_editor_of(user, actor)
    )


def can_edit_profile(user, profile: SearchProfile) -> bool:
    """Staff, or an editor of the profile's actor (this includes seeing its contact)."""
    return staff_may(user, "matchmaking.change_searchprofile") or is_editor_of(user, profile.actor)


def can_view_public_profile(profile: SearchProfile) -> bool:
    return profile.visibility == SearchProfile.Visibility.PUBLIC and not profile.is_expired
