"""Give each pytest-xdist worker its own Redis database and cache prefix.

Loaded by the Makefile with ``-p tests.xdist_env`` before Django's settings are read: the
tests clear the cache, kill and restart Celery workers and count queued tasks, so two
workers must not share the broker or the cache. pytest-django already gives each worker
its own test database (``test_<name>_gw0``, ...). Without xdist this does nothing.
"""

import os

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_URL"):
    _index = int(_worker.removeprefix("gw"))
    _base, _, _db = os.environ["REDIS_URL"].rpartition("/")
    os.environ["REDIS_URL"] = f"{_base}/{(int(_db or 0) - _index) % 16}"
    os.environ["CACHE_KEY_PREFIX"] = f"{os.environ.get('CACHE_KEY_PREFIX', 'test')}-{_worker}"
