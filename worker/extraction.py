"""Article text -> facts and events: run the extractor, write its output as rows.

Extraction is pure and runs while the page is prepared (outside any transaction);
writing replaces an article's rows, so ``railwatch reextract`` after an extractor
improvement leaves nothing stale behind.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, update
from sqlalchemy.orm import Session

from worker.storage.models import Article, Event, Fact

if TYPE_CHECKING:
    from worker.facts import Extraction


def extract_facts(text: str, published: date | None, language: str | None, title: str | None = None) -> Extraction:
    """The headline leads the text, as the extractor expects: it often carries the news."""
    from worker.facts import extract

    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return extract(text, published=published, language=language)


def extractor_version() -> str:
    from worker.facts import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def write_extraction(session: Session, article_id: int, extraction: Extraction, *, replace: bool) -> None:
    """Insert the rows of ``extraction`` (after deleting the article's old ones if ``replace``)."""
    if replace:
        session.execute(delete(Fact).where(Fact.article_id == article_id))
        session.execute(delete(Event).where(Event.article_id == article_id))
        session.execute(update(Article).where(Article.id == article_id)
                        .values(extractor_version=extractor_version()))
    facts = [_fact_row(article_id, position, fact) for position, fact in enumerate(extraction.facts)]
    events = [_event_row(article_id, position, event) for position, event in enumerate(extraction.events)]
    if facts:
        session.execute(insert(Fact), facts)
    if events:
        session.execute(insert(Event), events)


def reextract(session: Session, article: Article) -> tuple[int, int]:
    """Run the current extractor again on a stored article; returns (facts, events)."""
    extraction = extract_facts(article.text, article.published_on, article.language, article.title)
    write_extraction(session, article.id, extraction, replace=True)
    return len(extraction.facts), len(extraction.events)


def _fact_row(article_id: int, position: int, fact: Any) -> dict[str, Any]:
    start, end = fact.period if fact.period else (None, None)
    return {"article_id": article_id, "position": position, "metric": fact.metric,
            "value": float(fact.value), "scope": fact.scope, "direction": fact.direction,
            "period_start": start, "period_end": end, "effective": fact.effective,
            "change_pct": fact.change_pct, "record": fact.record, "quote": fact.quote,
            "extra": {"replaced": True} if getattr(fact, "replaced", False) else None}


def _event_row(article_id: int, position: int, event: Any) -> dict[str, Any]:
    return {"article_id": article_id, "position": position, "type": event.type, "scope": event.scope,
            "kind": event.kind, "effective": event.effective, "quote": event.quote, "extra": None}
