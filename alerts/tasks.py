"""Celery tasks of the alerts queue: thin wrappers around ``alerts.service``.

The deliver and drain tasks live with the outbox in ``alerts.delivery.tasks``; importing
it here registers them wherever this module is loaded (the worker autodiscovers it).
"""

from __future__ import annotations

import alerts.delivery.tasks  # noqa: F401  (registers railwatch.alerts.deliver and .drain)
from alerts.service import evaluate, release, watch
from worker.celery_app import app
from worker.retry import TRANSIENT_ERRORS
from worker.settings import get_settings


@app.task(name="railwatch.alerts.evaluate", autoretry_for=TRANSIENT_ERRORS, retry_backoff=2,
          retry_backoff_max=300, retry_jitter=True, max_retries=get_settings().task_max_retries)
def evaluate_article(article_id: int) -> list[int]:
    """Decide the alerts of one stored article; schedule their release after the grouping wait."""
    changed = evaluate(article_id)
    wait = get_settings().grouping_wait_seconds
    if changed and wait > 0:
        release_due.apply_async(countdown=wait + 1)
    return changed


@app.task(name="railwatch.alerts.release", autoretry_for=TRANSIENT_ERRORS, retry_backoff=2,
          retry_backoff_max=300, retry_jitter=True, max_retries=get_settings().task_max_retries)
def release_due() -> list[int]:
    """Open and send the deliveries of alerts whose grouping wait is over (also run by beat)."""
    return release()


@app.task(name="railwatch.alerts.watch_sources", autoretry_for=TRANSIENT_ERRORS, retry_backoff=2,
          retry_backoff_max=300, retry_jitter=True, max_retries=get_settings().task_max_retries)
def watch_sources() -> list[int]:
    """Operational alerts for blocked or silent sources (run by beat)."""
    opened = watch()
    wait = get_settings().grouping_wait_seconds
    if opened and wait > 0:
        release_due.apply_async(countdown=wait + 1)
    return opened
