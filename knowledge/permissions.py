"""Who may do what in the library (named predicates)."""

from knowledge.models import Resource, ResourceFile
from partnerships.permissions import editable_partnerships, is_staff


def can_submit_best_practice(user) -> bool:
    """Staff, and editors of at least one partnership (through one of its actors)."""
    return is_staff(user) or editable_partnerships(user).exists()


def can_publish_resource(user) -> bool:
    """Only staff publish; editors' submissions wait "in review"."""
    return is_staff(user) and user.has_perm("knowledge.change_resource")


def submittable_partnerships(user):
    return editable_partnerships(user).order_by("title")


def can_view_resource(user, resource: Resource) -> bool:
    """Published resources are public (from their publication time on); the rest only staff."""
    return is_staff(user) or Resource.objects.published().filter(pk=resource.pk).exists()


def can_view_resource_file(user, resource_file: ResourceFile) -> bool:
    """Every version of a published resource is public: the page lists earlier versions."""
    return can_view_resource(user, resource_file.resource)
