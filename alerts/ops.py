"""Operational alerts: a source that is blocked, or has yielded nothing for too long.

They go through the same grouping and outbox as news alerts: one alert per episode
(a blocked streak, a dry spell), sent once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alerts.candidates import fingerprint
from worker.storage.models import Alert, Article, CrawlRun, Source

log = logging.getLogger(__name__)

DEFAULT_QUIET_LIMIT = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class SourceExpectation:
    name: str
    quiet_limit: timedelta = DEFAULT_QUIET_LIMIT
    """How long the source may go without a new article before someone should look."""


def watch_sources(session: Session, sources: Iterable[SourceExpectation], now: datetime,
                  wait: timedelta) -> list[Alert]:
    """Open an alert for each newly blocked or newly stale source; the caller commits."""
    opened: list[Alert] = []
    for source in sources:
        runs = list(session.scalars(select(CrawlRun).where(CrawlRun.source == source.name,
                                                           CrawlRun.verdict.is_not(None),
                                                           CrawlRun.verdict != "skipped")
                                    .order_by(CrawlRun.started_at.desc()).limit(50)))
        if not runs:
            continue  # never crawled: nothing to say yet
        if runs[0].verdict == "blocked":
            streak_start = runs[0]
            for run in runs[1:]:
                if run.verdict != "blocked":
                    break
                streak_start = run
            alert = _open_once(session, "source_blocked", source.name, streak_start.started_at, now, wait,
                               {"since": streak_start.started_at.isoformat(), "verdict": "blocked",
                                "error": runs[0].error})
            if alert is not None:
                opened.append(alert)
        last_new = session.scalar(select(func.max(Article.created_at)).select_from(Article).join(Source)
                                  .where(Source.name == source.name))
        first_run = min(run.started_at for run in runs)
        quiet_since = last_new or first_run
        if now - quiet_since > source.quiet_limit:
            alert = _open_once(session, "source_stale", source.name, quiet_since, now, wait,
                               {"last_new_article": last_new.isoformat() if last_new else None,
                                "quiet_limit_hours": source.quiet_limit.total_seconds() / 3600})
            if alert is not None:
                opened.append(alert)
    return opened


def _open_once(session: Session, kind: str, source: str, episode_start: datetime, now: datetime,
               wait: timedelta, details: dict[str, object]) -> Alert | None:
    key = fingerprint((kind, source, episode_start.isoformat()))
    if session.scalars(select(Alert.id).where(Alert.fingerprint == key)).first() is not None:
        return None
    alert = Alert(fingerprint=key, type=kind, basis="ops", scope=source, revision=1, state="grouping",
                  send_after=now + wait, details=details, created_at=now, updated_at=now)
    session.add(alert)
    session.flush()
    log.warning("operational alert: %s %s", kind, source, extra={"alert_id": alert.id})
    return alert
