"""Article -> alerts: run the rules on a stored article and group what they find.

The place a record or a crossing change is decided. Articles published before the
horizon only build history: their facts are stored, nothing alerts.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.config import RulesConfig
from alerts.grouping import Grouped, group
from alerts.rules import candidates_for
from worker.storage.models import AlertSource, Article

log = logging.getLogger(__name__)


def evaluate_article(session: Session, article_id: int, *, rules: RulesConfig, now: datetime,
                     horizon: timedelta, wait: timedelta) -> list[Grouped]:
    article = session.get(Article, article_id)
    if article is None:
        return []
    if article.duplicate_of_id is not None:
        _attach_copy(session, article)
        return []
    if not within_horizon(article, now, horizon):
        log.debug("article %s is older than the horizon: history only", article.id)
        return []
    published = article.published_on or article.fetched_at.date()
    decided = [group(session, replace(candidate, published=published), rules, now, wait)
               for candidate in candidates_for(session, article, rules)]
    copies = session.scalars(select(Article).where(Article.duplicate_of_id == article.id)).all()
    for copy in copies:  # copies stored before their original was evaluated
        _attach_copy(session, copy)
    for grouped in decided:
        log.info("alert %s %s (%s) from article %s", grouped.alert.id,
                 "opened" if grouped.created else "revised" if grouped.revised else "joined",
                 grouped.alert.type, article.id,
                 extra={"alert_id": grouped.alert.id, "article_id": article.id})
    return decided


def within_horizon(article: Article, now: datetime, horizon: timedelta) -> bool:
    published = article.published_on or article.fetched_at.date()
    return published >= (now - horizon).date()


def _attach_copy(session: Session, copy: Article) -> None:
    """A copy of an article at another URL is one more outlet for the original's alerts."""
    alert_ids = session.scalars(select(AlertSource.alert_id)
                                .where(AlertSource.article_id == copy.duplicate_of_id)).all()
    for alert_id in set(alert_ids):
        exists = session.scalars(select(AlertSource.id).where(
            AlertSource.alert_id == alert_id, AlertSource.article_id == copy.id)).first()
        if exists is None:
            session.add(AlertSource(alert_id=alert_id, article_id=copy.id))
    session.flush()
