"""Alerts as rows for people and scripts (``railwatch alerts list``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from worker.storage.models import Alert, AlertSource, Article


def alert_rows(session: Session, *, since: Any = None, limit: int | None = None) -> Iterator[dict[str, Any]]:
    query = (select(Alert).order_by(Alert.id)
             .options(selectinload(Alert.sources).selectinload(AlertSource.article).selectinload(Article.source),
                      selectinload(Alert.deliveries)))
    if since is not None:
        query = query.where(Alert.created_at >= since)
    if limit:
        query = query.limit(limit)
    for alert in session.scalars(query):
        yield alert_row(alert)


def alert_row(alert: Alert) -> dict[str, Any]:
    period = ({"start": alert.period_start.isoformat(), "end": alert.period_end.isoformat()}
              if alert.period_start and alert.period_end else None)
    previous_period = ({"start": alert.previous_period_start.isoformat(),
                        "end": alert.previous_period_end.isoformat()}
                       if alert.previous_period_start and alert.previous_period_end else None)
    return {
        "id": alert.id,
        "type": alert.type,
        "basis": alert.basis,
        "scope": alert.scope,
        "metric": alert.metric,
        "direction": alert.direction,
        "period": period,
        "value": alert.value,
        "previous": ({"value": alert.previous_value, "period": previous_period,
                      "article_id": alert.previous_article_id}
                     if alert.previous_value is not None else None),
        "kind": alert.kind,
        "effective": alert.effective.isoformat() if alert.effective else None,
        "revision": alert.revision,
        "state": alert.state,
        "sources": [{"article_id": s.article_id, "source": s.article.source.name, "url": s.article.url,
                     "language": s.article.language} for s in alert.sources],
        "created": alert.created_at.isoformat(),
        "deliveries": [{"target": d.target_label, "revision": d.revision, "purpose": d.purpose,
                        "state": d.state, "attempts": d.attempts} for d in alert.deliveries],
    }
