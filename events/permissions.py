"""Who may see what of the events (named predicates)."""

from events.models import Event
from portal.permissions import staff_may


def can_view_event(user, event: Event) -> bool:
    """Published and cancelled events are public (as their pages are); drafts only for staff."""
    return event.status != Event.Status.DRAFT or staff_may(user, "events.view_event")
