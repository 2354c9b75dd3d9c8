"""Celery tasks: thin, named, idempotent wrappers around ``worker.service``."""

from __future__ import annotations

from datetime import date
from typing import Any

from worker.celery_app import app
from worker.crawl_job import CrawlRequest, run_crawl
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


@app.task(
    name="railwatch.crawl.source",
    time_limit=get_settings().crawl_time_limit + 180,
    soft_time_limit=get_settings().crawl_time_limit + 120,
)
def crawl_source(source: str, since: str | None = None, until: str | None = None,
                 ways: list[str] | None = None, base_url: str | None = None) -> dict[str, Any]:
    """Crawl one source in a child process (one crawl per source at a time)."""
    request = CrawlRequest(source=source, since=date.fromisoformat(since) if since else None,
                           until=date.fromisoformat(until) if until else None, ways=tuple(ways or ()),
                           base_url=base_url)
    result = run_crawl(request)
    return {"source": result.source, "status": result.status, "returncode": result.returncode}
