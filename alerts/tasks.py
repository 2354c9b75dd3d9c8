"""Celery tasks of the alerts queue: thin wrappers around ``alerts.service``."""

from __future__ import annotations

from celery import Task

from alerts.outbox import deliver
from alerts.service import drain, evaluate, release, watch
from alerts.targets import load_targets
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


@app.task(name="railwatch.alerts.deliver", bind=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=2,
          retry_backoff_max=300, retry_jitter=True, max_retries=None)
def deliver_alert(self: Task, delivery_id: int) -> str:
    """Send one delivery; the row decides whether and when (a duplicate task sends nothing)."""
    settings = get_settings()
    result = deliver(delivery_id, load_targets(settings), settings=settings)
    if result.state in ("failed", "unknown", "pending", "not_due") and result.retry_in is not None:
        raise self.retry(countdown=max(1.0, result.retry_in), max_retries=None)
    return result.state


@app.task(name="railwatch.alerts.drain", autoretry_for=TRANSIENT_ERRORS, retry_backoff=2, retry_backoff_max=300,
          retry_jitter=True, max_retries=get_settings().task_max_retries)
def drain_outbox() -> list[int]:
    """Dispatch every due delivery (beat runs it; it also drains after a restart)."""
    return drain()
