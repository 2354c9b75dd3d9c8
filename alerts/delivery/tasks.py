"""Deliveries on the alerts queue, or in this process when there is no broker.

Retries live in one layer. On a broker it is Celery: ``railwatch.alerts.deliver``
re-queues itself with the wait the outbox row asks for (Telegram's ``retry_after``,
or exponential backoff with jitter). In-process it is :func:`deliver_here`, which
sleeps the same waits. Either way the row, not the task, counts attempts and
decides, so a duplicated or re-queued task sends nothing twice; and
``railwatch.alerts.drain`` (when a worker starts, and from beat) re-dispatches
whatever is due, so a restart resends nothing sent and leaves nothing pending.

The tasks are classes registered by name (``app.register_task``): this module owns
``railwatch.alerts.deliver`` and ``railwatch.alerts.drain`` whichever module the
worker imports first.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from celery import Task
from celery.signals import worker_ready

from alerts.delivery.outbox import DeliveryResult, deliver, due_deliveries
from alerts.delivery.policy import RetryPolicy
from alerts.delivery.targets import Target, load_targets
from worker.celery_app import app
from worker.retry import TRANSIENT_ERRORS, backoff_delay, call_with_retries
from worker.settings import get_settings
from worker.storage.db import session_scope

log = logging.getLogger(__name__)

IN_PROCESS_MAX_SLEEP = 60.0
"""In-process, a longer wait is not slept through (it would stall the crawl that
submitted the alert): the row keeps its due time and the next drain sends it."""

_AGAIN = ("failed", "unknown", "pending")
EARLY_RETRY_LIMIT = 300.0
"""A task that finds its row not yet due (another worker's clock runs ahead) comes back
when it is; longer waits (quiet hours) are the drain's."""


class DeliverTask(Task):
    name = "railwatch.alerts.deliver"
    max_retries = None  # the row counts attempts and gives up; Celery must not stop first

    def run(self, delivery_id: int) -> str:
        """Send one delivery; the row decides whether and when."""
        try:
            result = deliver(delivery_id)
        except TRANSIENT_ERRORS as error:  # the database, not the channel
            raise self.retry(exc=error, countdown=backoff_delay(self.request.retries),
                             max_retries=get_settings().task_max_retries) from error
        for opened in result.opened:
            self.apply_async(args=[opened])
        again = result.state in _AGAIN or (result.state == "not_due" and (result.retry_in or 0) <= EARLY_RETRY_LIMIT)
        if again and result.retry_in is not None:
            raise self.retry(countdown=max(0.0, result.retry_in))
        return result.state


class DrainTask(Task):
    name = "railwatch.alerts.drain"

    def run(self) -> list[int]:
        """Dispatch every due delivery (beat runs it; so does a worker's start-up)."""
        return drain()


deliver_task = app.register_task(DeliverTask())
drain_task = app.register_task(DrainTask())


@worker_ready.connect
def _drain_at_start(**_: Any) -> None:
    """A restarted worker sends what is due at once, without waiting for beat."""
    drain_task.apply_async()


def submit_delivery(delivery_id: int) -> Any:
    """Send one delivery here (no broker: returns its :class:`DeliveryResult`) or on
    the alerts queue (returns the Celery ``AsyncResult``)."""
    if get_settings().in_process:
        return deliver_here(delivery_id)
    return deliver_task.apply_async(args=[delivery_id])


def drain(now: datetime | None = None) -> list[int]:
    """Submit every delivery that is due: pending after a restart, a retry whose wait
    is over, the end of quiet hours, a row a dead worker left ``sending``."""
    with session_scope() as session:
        due = due_deliveries(session, now or datetime.now(UTC))
    for delivery_id in due:
        submit_delivery(delivery_id)
    return due


def deliver_here(delivery_id: int, *, targets: list[Target] | None = None, policy: RetryPolicy | None = None,
                 max_sleep: float = IN_PROCESS_MAX_SLEEP) -> DeliveryResult:
    """The in-process retry loop: send, sleep the wait the row asks for, send again,
    until sent, dead, or a wait longer than ``max_sleep``; then the failure notices
    it opened. Returns the first delivery's last result."""
    settings = get_settings()
    targets = load_targets(settings) if targets is None else targets
    queue = [delivery_id]
    first: DeliveryResult | None = None
    while queue:
        current = queue.pop(0)
        while True:
            result = call_with_retries(deliver, settings.task_max_retries, current, targets=targets, policy=policy)
            queue.extend(result.opened)
            waiting = result.state in _AGAIN or result.state == "not_due"
            if not waiting or result.retry_in is None or result.retry_in > max_sleep:
                break
            time.sleep(result.retry_in)
        first = first or result
    assert first is not None
    return first

