"""Who may do what in the library (named predicates)."""

from partnerships.permissions import editable_partnerships, is_staff


def can_submit_best_practice(user) -> bool:
    """Staff, and editors of at least one partnership (through one of its actors)."""
    return is_staff(user) or editable_partnerships(user).exists()


def can_publish_resource(user) -> bool:
    """Only staff publish; editors' submissions wait "in review"."""
    return is_staff(user) and user.has_perm("knowledge.change_resource")


def submittable_partnerships(user):
    return editable_partnerships(user).order_by("title")
