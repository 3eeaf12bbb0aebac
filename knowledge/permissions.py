"""Who may do what in the library (named predicates)."""

from knowledge.models import Resource, ResourceFile
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


def can_view_resource(user, resource: Resource) -> bool:
    """Published resources are public (from their publication time on); the rest only staff."""
    return (
        can_view_unpublished_resources(user)
        or Resource.objects.published().filter(pk=resource.pk).exists()
    )


def can_view_resource_file(user, resource_file: ResourceFile) -> bool:
    """Every version of a published resource is public: the page lists earlier versions."""
    return can_view_resource(user, resource_file.resource)
