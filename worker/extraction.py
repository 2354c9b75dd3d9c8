"""Article -> facts and events: run the extractor on a stored article, store its output.

Re-running replaces the article's facts and events, so ``railwatch reextract``
after an extractor improvement leaves no stale rows behind.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete
from sqlalchemy.orm import Session

from worker.storage.models import Article, Event, Fact

log = logging.getLogger(__name__)


def store_extraction(session: Session, article: Article, replace: bool = True) -> tuple[int, int]:
    """Extract and store; returns (facts, events) counts. ``replace=False`` for a new
    article, which has nothing to replace."""
    from worker.facts import EXTRACTOR_VERSION, extract

    result = extract(article.text, published=article.published_on, language=article.language)
    if replace:
        session.execute(delete(Fact).where(Fact.article_id == article.id))
        session.execute(delete(Event).where(Event.article_id == article.id))
    for position, fact in enumerate(result.facts):
        start, end = fact.period if fact.period else (None, None)
        session.add(Fact(
            article_id=article.id, position=position, metric=fact.metric,
            value=float(fact.value), scope=fact.scope, direction=fact.direction,
            period_start=start, period_end=end, effective=fact.effective,
            change_pct=fact.change_pct, record=fact.record, quote=fact.quote,
        ))
    for position, event in enumerate(result.events):
        session.add(Event(
            article_id=article.id, position=position, type=event.type, scope=event.scope,
            kind=event.kind, effective=event.effective, quote=event.quote,
        ))
    article.extractor_version = EXTRACTOR_VERSION
    session.flush()
    return len(result.facts), len(result.events)
