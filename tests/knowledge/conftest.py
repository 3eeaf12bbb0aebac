import pytest

from knowledge import services
from tests.knowledge.factories import ResourceFactory


@pytest.fixture
def make_resource(db):
    """Create a resource and index it (as the admin and the services do)."""

    def make(**kwargs):
        m2m = {name: kwargs.pop(name) for name in ("themes", "horizons") if name in kwargs}
        resource = ResourceFactory(**kwargs)
        return services.resource_save_relations(resource=resource, **m2m)

    return make


@pytest.fixture(autouse=True)
def _german_content_language():
    """Factories write the German columns; a previous request may have left another
    language active in this thread."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.activate("de")
