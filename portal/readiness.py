"""Readiness: is every part the portal needs working? (``/readyz/``, admin "Systemstatus",
``manage.py readiness``). ``/healthz/`` stays the cheap liveness probe of the web process.

Each component is ``ok``, ``degraded`` (the portal works, with less: the cache's Redis is
down, emails failed for good and wait for staff) or ``fail`` (something people rely on does
not happen: no database, no broker, no worker, beat silent, emails stuck). The answer holds
counts and ages only, no personal data.

Signs of life: beat's process records each publish (``portal.celery``, throttled); a worker
records the ``portal.heartbeat`` task that beat sends every minute, and answers Celery's
``inspect ping`` (a short timeout, the first reply is enough).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

OK, DEGRADED, FAIL = "ok", "degraded", "fail"
HEARTBEAT_SECONDS = 60  # beat sends portal.heartbeat this often (settings.CELERY_BEAT_SCHEDULE)
STALE_AFTER = timedelta(seconds=3 * HEARTBEAT_SECONDS)


@dataclass
class Component:
    name: str
    status: str
    detail: str = ""
    seconds: float | None = None  # age of the last sign of life, where there is one


def heartbeat_record(*, name: str) -> None:
    from portal.models import Heartbeat

    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})


def _age(name: str) -> float | None:
    from portal.models import Heartbeat

    at = Heartbeat.objects.filter(name=name).values_list("at", flat=True).first()
    return None if at is None else round((timezone.now() - at).total_seconds(), 1)


def _in_process() -> bool:
    """The embedded mode: tasks run eagerly, there is no broker, worker or beat."""
    return bool(settings.CELERY_TASK_ALWAYS_EAGER) and settings.CELERY_BROKER_URL == "memory://"


def check_database() -> Component:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - reported, not raised
        return Component("database", FAIL, type(error).__name__)
    return Component("database", OK)


def check_cache() -> Component:
    ping = getattr(cache, "ping", None)
    if ping is None:
        return Component("cache", OK, "local memory")
    if ping():
        return Component("cache", OK)
    return Component("cache", DEGRADED, "Redis unreachable: pages are built uncached")


def check_broker() -> Component:
    if _in_process():
        return Component("broker", OK, "in-process")
    from portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
    except Exception as error:  # noqa: BLE001
        return Component("broker", FAIL, type(error).__name__)
    return Component("broker", OK)


def check_worker(*, broker_ok: bool) -> Component:
    if _in_process():
        return Component("worker", OK, "in-process")
    age = _age("worker")
    answered = False
    if broker_ok:
        from portal.celery import app

        try:
            answered = bool(app.control.inspect(timeout=1.0, limit=1).ping())
        except Exception:  # noqa: BLE001 - no answer is the answer
            answered = False
    if answered:
        return Component("worker", OK, "answers ping", age)
    if age is not None and age <= STALE_AFTER.total_seconds():
        return Component("worker", OK, "heartbeat", age)
    return Component("worker", FAIL, "no worker answers", age)


def check_beat() -> Component:
    if _in_process():
        return Component("beat", OK, "in-process")
    age = _age("beat")
    if age is not None and age <= STALE_AFTER.total_seconds():
        return Component("beat", OK, "", age)
    return Component("beat", FAIL, "no run recorded recently", age)


def check_outbox() -> Component:
    from portal.selectors import outbox_backlog

    stuck = outbox_backlog(older_than=timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT))
    waiting = outbox_backlog()
    if stuck:
        return Component("outbox", FAIL, f"{waiting} waiting, {stuck} for too long")
    return Component("outbox", OK, f"{waiting} waiting")


def check_failed_deliveries() -> Component:
    from portal.selectors import failed_emails_count

    failed = failed_emails_count()
    if failed:
        return Component("failed_deliveries", DEGRADED, f"{failed} failed, staff must act")
    return Component("failed_deliveries", OK, "0 failed")


def report() -> dict:
    """Every component and the overall status (the worst of them)."""
    started = time.monotonic()
    database = check_database()
    components = [database, check_cache()]
    broker = check_broker()
    components += [broker, check_worker(broker_ok=broker.status == OK)]
    if database.status == OK:
        components += [check_beat(), check_outbox(), check_failed_deliveries()]
    else:
        components += [
            Component(name, FAIL, "database unreachable")
            for name in ("beat", "outbox", "failed_deliveries")
        ]
    statuses = {c.status for c in components}
    overall = FAIL if FAIL in statuses else DEGRADED if DEGRADED in statuses else OK
    return {
        "status": overall,
        "components": [asdict(c) for c in components],
        "checked_in_ms": round((time.monotonic() - started) * 1000),
    }
