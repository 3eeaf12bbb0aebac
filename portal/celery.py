"""The Celery application. Workers start with ``celery -A portal worker``.

Every task of the portal is a :class:`PortalTask`: ``task.delay_on_commit(...)`` queues it
once the current transaction commits (Celery's Django task), and a broker that cannot be
reached then is logged instead of failing the request whose data is already committed.
Work that must not be lost is recorded in the database and picked up by a periodic task
(the outbox of emails: ``portal/outbox.py``).

Workers and beat log through Celery's handlers, with the portal's redaction of secret links
(``portal/log_redaction.py``) added to each.
"""

import logging
import os
import time
from functools import partial

from celery import Celery, signals
from celery.contrib.django.task import DjangoTask
from django.db import transaction
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

logger = logging.getLogger(__name__)

# What publishing raises when the broker is down or unreachable.
BROKER_ERRORS = (OperationalError, OSError)


class PortalTask(DjangoTask):
    def _publish_or_log(self, publish, *args, **kwargs) -> bool:
        try:
            publish(*args, **kwargs)
        except BROKER_ERRORS as exc:
            logger.error("Task %s not queued, the broker is unreachable: %s", self.name, exc)
            return False
        return True

    def apply_async_or_log(self, args=None, kwargs=None, **options) -> bool:
        """Publish now; False (and a log line) if the broker cannot be reached."""
        return self._publish_or_log(self.apply_async, args, kwargs, **options)

    def apply_async_on_commit(self, args=None, kwargs=None, **options) -> None:
        transaction.on_commit(partial(self.apply_async_or_log, args, kwargs, **options))

    def delay_on_commit(self, *args, **kwargs) -> None:
        transaction.on_commit(partial(self._publish_or_log, self.delay, *args, **kwargs))


app = Celery("portal", task_cls=PortalTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def redact_worker_logs(logger: logging.Logger, **kwargs) -> None:
    """Workers and beat replace the root logger's handlers with Celery's own (and give the
    task logger one): each gets the redaction filter of ``LOGGING``, so no secret link
    reaches a worker's log, printed output included (Celery logs it)."""
    from portal.log_redaction import RedactTokensFilter

    for handler in logger.handlers:
        if not any(isinstance(f, RedactTokensFilter) for f in handler.filters):
            handler.addFilter(RedactTokensFilter())


_beat = {"running": False, "recorded": 0.0}


@signals.beat_init.connect
def _beat_started(**kwargs) -> None:
    _beat["running"] = True


@signals.worker_ready.connect
def _worker_started(**kwargs) -> None:
    try:
        from portal.readiness import heartbeat_record

        heartbeat_record(name="worker")
    except Exception:
        logger.exception("the worker's sign of life not recorded")


@signals.before_task_publish.connect
def _beat_alive(**kwargs) -> None:
    """In beat's process: each publish is a sign of life (one write per 30 s at most)."""
    if not _beat["running"] or time.monotonic() - _beat["recorded"] < 30:
        return
    _beat["recorded"] = time.monotonic()
    try:
        from portal.readiness import heartbeat_record

        heartbeat_record(name="beat")
    except Exception:  # a database hiccup must not stop beat
        logger.exception("beat's sign of life not recorded")
