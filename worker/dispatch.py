"""Run a unit of work where the settings say: in this process, or on a Celery worker.

Callers (the spider, the CLI) don't know which; the in-process path applies the
same retry policy the Celery tasks have.
"""

from __future__ import annotations

import logging
from typing import Any

from worker.ingest import IngestOutcome
from worker.pages import FetchedPage
from worker.retry import call_with_retries
from worker.settings import get_settings

log = logging.getLogger(__name__)


def submit_ingest(page: FetchedPage) -> Any:
    """Hand a fetched page to the ingest path (and a stored article on to the alert rules).
    In-process: returns the outcome. With a broker: returns the Celery ``AsyncResult``."""
    settings = get_settings()
    if settings.in_process:
        return ingest_now(page)
    from worker.tasks import ingest_article

    return ingest_article.apply_async(args=[page.to_payload()])


def ingest_now(page: FetchedPage) -> IngestOutcome:
    from worker.service import ingest

    outcome = call_with_retries(ingest, get_settings().task_max_retries, page)
    if needs_evaluation(outcome) and outcome.article_id is not None:
        try:
            submit_evaluation(outcome.article_id)
        except Exception:  # the article is stored; a failing rule must not stop a crawl
            log.exception("alert evaluation failed for article %s", outcome.article_id)
    return outcome


def needs_evaluation(outcome: IngestOutcome) -> bool:
    """An article with facts or events may alert; a copy may join its original's alerts."""
    if outcome.article_id is None:
        return False
    return outcome.status == "duplicate" or (outcome.status == "stored" and bool(outcome.facts or outcome.events))


def submit_evaluation(article_id: int) -> Any:
    """Run the alert rules on a stored article, here or on the alerts queue."""
    if get_settings().in_process:
        from alerts.service import evaluate

        return call_with_retries(evaluate, get_settings().task_max_retries, article_id)
    from alerts.tasks import evaluate_article

    return evaluate_article.apply_async(args=[article_id])
