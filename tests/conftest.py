"""Shared fixtures. The suite runs on PostgreSQL and Redis (see the Makefile's `test`)."""

import pytest
from django.core.cache import cache

from tests.factories import StaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _german_by_default():
    """Start every test in German, the source language, whatever a previous test activated
    (modeltranslation writes ``name`` into the active language's column)."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached pages must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


def _reference_rows_restore(rows: str) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    # After a flush post_migrate recreated content types and permissions with new ids;
    # replace them with the serialized originals that the restored rows refer to.
    ContentType.objects.all().delete()
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(rows)


@pytest.fixture(scope="session", autouse=True)
def _restore_reference_rows(django_db_setup, django_db_blocker):
    """Transactional tests flush the database after each test, including the rows that data
    migrations created (staff group, consent texts, taxonomy, ...); put them back right after
    every such flush, so that every later test — transactional or not, in whatever order
    pytest-xdist hands out the files — finds them.

    (Django's ``serialized_rollback`` restores before the next test instead, and not for
    tests whose body runs in another context, such as Playwright's greenlet, so one mechanism
    serves all. Do not mark tests ``serialized_rollback=True`` as well: Django's own
    deserialization would collide with the rows restored here.)
    """
    from django.db import connection
    from django.test import TransactionTestCase

    with django_db_blocker.unblock():
        rows = connection.creation.serialize_db_to_string()
    flush = TransactionTestCase._fixture_teardown

    def flush_and_restore(test_case):
        flush(test_case)
        with django_db_blocker.unblock():
            _reference_rows_restore(rows)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", flush_and_restore)
        yield


@pytest.fixture(autouse=True)
def _celery_may_wait_for_results():
    """A test that started a Celery worker in this process leaves Celery's global "inside a
    worker" flag set; eager tasks of later tests must not inherit it."""
    from celery import _state

    _state._set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff_user(db):
    return StaffFactory()
