"""Stored articles with given facts and events, for rule tests (no extractor involved)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from worker.storage.models import Article, Event, Fact, Source

_numbers = itertools.count(1)


def source(session: Session, name: str) -> Source:
    found = session.query(Source).filter_by(name=name).one_or_none()
    if found is None:
        found = Source(name=name)
        session.add(found)
        session.flush()
    return found


def article(session: Session, *, published: date, outlet: str = "railnews", language: str = "ru",
            facts: list[dict[str, Any]] = (), events: list[dict[str, Any]] = (),  # type: ignore[assignment]
            duplicate_of: Article | None = None) -> Article:
    n = next(_numbers)
    stored = Article(
        source_id=source(session, outlet).id, url=f"https://{outlet}.example/news/{n}",
        canonical_url=f"https://{outlet}.example/news/{n}", language=language, title=f"Article {n}",
        published_at=datetime.combine(published, datetime.min.time(), tzinfo=UTC), published_on=published,
        fetched_at=datetime.now(UTC), text=f"text {n}", text_length=6, content_hash=f"{n:064d}",
        raw_html=b"", raw_size=0, duplicate_of_id=duplicate_of.id if duplicate_of else None,
    )
    session.add(stored)
    session.flush()
    for position, spec in enumerate(facts):
        period = spec.get("period")
        session.add(Fact(
            article_id=stored.id, position=position, metric=spec["metric"], value=spec["value"],
            scope=spec["scope"], direction=spec.get("direction", "total"),
            period_start=period[0] if period else None, period_end=period[1] if period else None,
            effective=spec.get("effective"), change_pct=spec.get("change_pct"),
            record=spec.get("record", False), quote=spec.get("quote", f"quote of fact {position}"),
        ))
    for position, spec in enumerate(events):
        session.add(Event(article_id=stored.id, position=position, type=spec["type"], scope=spec["scope"],
                          kind=spec["kind"], effective=spec.get("effective"),
                          quote=spec.get("quote", f"quote of event {position}")))
    session.flush()
    session.expire(stored)
    return stored


def year(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def months(y: int, first: int, last: int) -> tuple[date, date]:
    import calendar

    return date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1])
