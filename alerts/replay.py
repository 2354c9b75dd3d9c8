"""Replaying stored history through the rules, in publication order.

After a backfill (or a rules change) this rebuilds the alerts: articles published
before the horizon only build history, newer ones alert. Alerts that already exist
are joined, not repeated, so a replay can be run again safely.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.config import RulesConfig
from alerts.decide import evaluate_article
from worker.storage.models import Alert, Article


@dataclass(slots=True)
class ReplayReport:
    articles: int = 0
    opened: list[int] = field(default_factory=list)
    revised: list[int] = field(default_factory=list)


def articles_in_publication_order(session: Session, since: date | None) -> list[int]:
    query = select(Article.id).order_by(Article.published_on.is_(None), Article.published_on, Article.id)
    if since is not None:
        query = query.where(Article.published_on >= since)
    return list(session.scalars(query))


def replay(session: Session, *, since: date | None, rules: RulesConfig, now: datetime,
           horizon: timedelta, progress: Callable[[int, int], None] | None = None) -> ReplayReport:
    """Evaluate every stored article in publication order; the caller commits (or, for a
    dry run, rolls back). Opened alerts are due at once: the grouping already happened."""
    report = ReplayReport()
    ids = articles_in_publication_order(session, since)
    for n, article_id in enumerate(ids, 1):
        for grouped in evaluate_article(session, article_id, rules=rules, now=now, horizon=horizon,
                                        wait=timedelta(0)):
            if grouped.created:
                report.opened.append(grouped.alert.id)
            elif grouped.revised and grouped.alert.id not in report.opened:
                report.revised.append(grouped.alert.id)
        report.articles = n
        if progress:
            progress(n, len(ids))
    return report


def alerts_by_id(session: Session, ids: list[int]) -> list[Alert]:
    return list(session.scalars(select(Alert).where(Alert.id.in_(ids)).order_by(Alert.id))) if ids else []
