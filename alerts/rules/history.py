"""Reading stored figures: the history a new figure is compared against.

Only original articles count (a duplicate repeats its original), never the article
being evaluated, and only articles published no later than it: replaying history in
publication order sees what was known at the time.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from worker.storage.models import Article, Fact


def series_facts(session: Session, article: Article, scope: str, metric: str,
                 direction: str) -> Select[Fact, date | None, int]:
    """Facts of one series from other original articles published up to ``article``."""
    query = (
        select(Fact, Article.published_on, Article.id)
        .join(Article, Fact.article_id == Article.id)
        .where(Fact.scope == scope, Fact.metric == metric, Fact.direction == direction,
               Article.duplicate_of_id.is_(None), Article.id != article.id)
    )
    if article.published_on is not None:
        query = query.where((Article.published_on <= article.published_on)
                            | Article.published_on.is_(None))
    return query
