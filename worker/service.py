"""Units of work with their own transactions: what a task (or an in-process call) runs."""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from sqlalchemy.exc import IntegrityError

from worker.ingest import (
    IngestOutcome,
    Rejection,
    find_known,
    known_outcome,
    page_key,
    prepare,
    record_rejection,
    store,
)
from worker.pages import FetchedPage
from worker.storage.db import session_scope

log = logging.getLogger(__name__)


def ingest(page: FetchedPage) -> IngestOutcome:
    """Ingest one page; safe to repeat and to run concurrently with itself."""
    key = page_key(page)
    with session_scope() as session:
        known = find_known(session, key)
        if known is not None:
            return known_outcome(known)
        session.commit()  # no transaction stays open while the page is cleaned
        prepared = prepare(page, key)
        for attempt in (1, 2):
            try:
                if isinstance(prepared, Rejection):
                    outcome = record_rejection(session, page, prepared)
                else:
                    outcome = store(session, page, prepared)
                session.commit()
                break
            except IntegrityError:
                session.rollback()
                if attempt == 2:
                    raise
                log.info("another worker stored %s first; reading what it stored", page.url)
                known = find_known(session, key)
                if known is not None:
                    return known_outcome(known)
    log.info("ingest %s -> %s", page.url, outcome.status,
             extra={"article_id": outcome.article_id, "source": page.source,
                    "crawl_run_id": page.crawl_run_id})
    return outcome


def outcome_dict(outcome: IngestOutcome) -> dict[str, Any]:
    return asdict(outcome)
