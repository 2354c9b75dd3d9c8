"""Celery tasks: thin, named, idempotent wrappers around ``worker.service``."""

from __future__ import annotations

from typing import Any

from worker.celery_app import app
from worker.dispatch import needs_evaluation
from worker.pages import FetchedPage
from worker.retry import TRANSIENT_ERRORS
from worker.service import ingest, outcome_dict
from worker.settings import get_settings


@app.task(
    name="railwatch.ingest.article",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=get_settings().task_max_retries,
)
def ingest_article(payload: dict[str, Any]) -> dict[str, Any]:
    """Clean and store one fetched page (a ``FetchedPage`` payload); a stored article
    goes on to the alert rules on the alerts queue."""
    outcome = ingest(FetchedPage.from_payload(payload))
    if needs_evaluation(outcome):
        from alerts.tasks import evaluate_article

        evaluate_article.apply_async(args=[outcome.article_id])
    return outcome_dict(outcome)
