"""Shared fixtures. The suite runs on PostgreSQL and Redis (see the Makefile's `test`)."""

import pytest
from django.core.cache import cache

from tests.factories import StaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached pages must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff_user(db):
    return StaffFactory()
