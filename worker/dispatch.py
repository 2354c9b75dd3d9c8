"""Run a unit of work where the settings say: in this process, or on a Celery worker.

Callers (the spider, the CLI) don't know which; the in-process path applies the
same retry policy the Celery tasks have.
"""

from __future__ import annotations

from typing import Any

from worker.ingest import IngestOutcome
from worker.pages import FetchedPage
from worker.retry import call_with_retries
from worker.settings import get_settings


def submit_ingest(page: FetchedPage) -> Any:
    """Hand a fetched page to the ingest path. In-process: returns the outcome.
    With a broker: returns the Celery ``AsyncResult`` (the work happens elsewhere)."""
    settings = get_settings()
    if settings.in_process:
        return ingest_now(page)
    from worker.tasks import ingest_article

    return ingest_article.apply_async(args=[page.to_payload()])


def ingest_now(page: FetchedPage) -> IngestOutcome:
    from worker.service import ingest

    return call_with_retries(ingest, get_settings().task_max_retries, page)
