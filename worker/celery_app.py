"""The Celery application: Redis broker from settings, JSON only, late acks.

Tasks are thin wrappers (``worker/tasks.py``) around plain functions; with no
broker configured nothing here is used and the same functions run in-process.
"""

from __future__ import annotations

import logging
import sys
from contextvars import Token
from typing import Any

from celery import Celery, Task
from celery.signals import setup_logging, task_postrun, task_prerun, worker_process_init

from worker.settings import Settings, get_settings

QUEUE_INGEST = "ingest"
QUEUE_ALERTS = "alerts"
QUEUE_CRAWL = "crawl"


def create_app(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    app = Celery("railwatch")
    app.conf.update(
        broker_url=settings.broker_url or "memory://",
        result_backend=settings.effective_result_backend,
        result_expires=24 * 3600,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        # A task is acknowledged after it ran, and re-queued if its worker dies:
        # with idempotent tasks this gives at-least-once work without losses.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_time_limit=settings.task_time_limit,
        task_soft_time_limit=settings.task_soft_time_limit,
        task_default_queue=QUEUE_INGEST,
        task_routes={
            "railwatch.ingest.*": {"queue": QUEUE_INGEST},
            "railwatch.alerts.*": {"queue": QUEUE_ALERTS},
            "railwatch.crawl.*": {"queue": QUEUE_CRAWL},
        },
        worker_prefetch_multiplier=1,
        worker_max_tasks_per_child=settings.worker_max_tasks_per_child,
        worker_max_memory_per_child=settings.worker_max_memory_per_child_kb,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        # Longer than the longest task (a crawl), or Redis hands it to a second worker.
        broker_transport_options={"visibility_timeout": max(3600, settings.crawl_time_limit + 600)},
        timezone="UTC",
        enable_utc=True,
    )
    app.autodiscover_tasks(["worker", "alerts"], related_name="tasks", force=False)
    from worker.schedule import beat_schedule

    app.conf.beat_schedule = beat_schedule()
    return app


@worker_process_init.connect
def _fresh_pools_after_fork(**_: Any) -> None:
    """Connection pools must not be shared with the parent process after a fork."""
    from worker.storage.db import dispose_engines

    dispose_engines()


@setup_logging.connect
def _railwatch_logging(loglevel: int | str | None = None, **_: Any) -> None:
    """The worker logs like the rest of railwatch: JSON off a terminal, ids on every line."""
    from worker.logs import setup_logging as configure

    level = logging.getLevelName(loglevel) if isinstance(loglevel, int) else loglevel
    configure(level, stream=sys.__stderr__)


_TASK_ID_ARGUMENT = {"railwatch.alerts.evaluate": "article_id", "railwatch.alerts.deliver": "delivery_id",
                     "railwatch.crawl.source": "source"}
"""The id a task's first argument is, for its log lines."""
_task_contexts: dict[str, Token[dict[str, Any]]] = {}


@task_prerun.connect
def _enter_log_context(task_id: str, task: Task, args: tuple[Any, ...] = (), **_: Any) -> None:
    from worker.logs import push_context

    ids: dict[str, Any] = {"task_id": task_id, "task": task.name}
    first = args[0] if args else None
    if isinstance(first, dict):  # a FetchedPage payload
        ids.update(source=first.get("source"), url=first.get("url"))
    elif task.name in _TASK_ID_ARGUMENT:
        ids[_TASK_ID_ARGUMENT[task.name]] = first
    _task_contexts[task_id] = push_context(**ids)


@task_postrun.connect
def _leave_log_context(task_id: str, **_: Any) -> None:
    from worker.logs import pop_context

    token = _task_contexts.pop(task_id, None)
    if token is not None:
        pop_context(token)


app = create_app()
