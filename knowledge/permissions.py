"""Who may do what in the library (named predicates)."""

from partnerships.permissions import editable_partnerships
from portal.permissions import staff_may


def can_submit_best_practice(user) -> bool:
    """Staff, and editors of at least one partnership (through one of its actors)."""
    return staff_may(user, "knowledge.add_resource") or editable_partnerships(user).exists()


def can_publish_resource(user) -> bool:
    """Only staff publish; editors' submissions wait "in review"."""
    return staff_may(user, "knowledge.change_resource")


def can_view_unpublished_resources(user) -> bool:
    return staff_may(user, "knowledge.view_resource")


def can_view_unpublished_guides(user) -> bool:
    return staff_may(user, "knowledge.view_guide")


def submittable_partnerships(user):
    return editable_partnerships(user).order_by("title")
