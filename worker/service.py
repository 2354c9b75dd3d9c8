"""Units of work with their own transaction: what a task (or an in-process call) runs."""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from worker.ingest import IngestOutcome, ingest_page
from worker.pages import FetchedPage
from worker.storage.db import session_scope

log = logging.getLogger(__name__)


def ingest(page: FetchedPage) -> IngestOutcome:
    """Ingest one page in its own transaction; safe to repeat."""
    with session_scope() as session:
        outcome = ingest_page(session, page)
    log.info("ingest %s -> %s", page.url, outcome.status,
             extra={"article_id": outcome.article_id, "source": page.source})
    return outcome


def outcome_dict(outcome: IngestOutcome) -> dict[str, Any]:
    return asdict(outcome)
