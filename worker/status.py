"""Is railwatch well? The database, the broker, each source's crawls, the outbox.

``railwatch status`` prints this and exits non-zero when something needs attention,
so a container health check or cron can act on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from worker.settings import Settings
from worker.storage.db import get_engine
from worker.storage.models import Article, CrawlRun, Delivery, Source

QUEUES = ("ingest", "alerts", "crawl")


@dataclass(slots=True)
class SourceStatus:
    name: str
    last_run: datetime | None = None
    last_verdict: str | None = None
    last_new_article: datetime | None = None
    new_last_day: int = 0


@dataclass(slots=True)
class Status:
    database: str = "unknown"
    broker: str = "not configured (in-process)"
    queues: dict[str, int] = field(default_factory=dict)
    sources: list[SourceStatus] = field(default_factory=list)
    deliveries: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_database(settings: Settings) -> str | None:
    """None when the database answers and its schema is current, else what is wrong."""
    try:
        with get_engine(settings.database_url).connect() as connection:
            connection.execute(text("SELECT 1"))
        from worker.storage.migrate import current_revision, head_revision

        current, head = current_revision(settings.database_url), head_revision()
        if current != head:
            return f"schema at {current}, code expects {head}: run `railwatch db upgrade`"
    except Exception as error:
        return f"unreachable: {type(error).__name__}: {str(error).splitlines()[0][:200]}"
    return None


def check_broker(settings: Settings) -> tuple[str | None, dict[str, int]]:
    if settings.broker_url is None:
        return None, {}
    import redis

    try:
        client = redis.Redis.from_url(settings.broker_url, socket_connect_timeout=3, socket_timeout=3)
        client.ping()
        return None, {queue: int(client.llen(queue)) for queue in QUEUES}
    except Exception as error:
        return f"unreachable: {type(error).__name__}: {error}", {}


def gather(settings: Settings, session: Session | None, now: datetime, *,
           expected_interval: dict[str, timedelta] | None = None) -> Status:
    status = Status()
    db_problem = check_database(settings)
    status.database = db_problem or "ok"
    if db_problem:
        status.problems.append(f"database {db_problem}")
    broker_problem, status.queues = check_broker(settings)
    if settings.broker_url is not None:
        status.broker = broker_problem or "ok"
        if broker_problem:
            status.problems.append(f"broker {broker_problem}")
    if session is None or db_problem:
        return status
    status.sources = _sources(session, now)
    for source in status.sources:
        if source.last_verdict in ("blocked", "failed"):
            status.problems.append(f"source {source.name}: last crawl {source.last_verdict}")
        interval = (expected_interval or {}).get(source.name)
        if interval and source.last_run and now - source.last_run > 3 * interval:
            status.problems.append(f"source {source.name}: no crawl since {source.last_run:%Y-%m-%d %H:%M}")
    status.deliveries = {state: count for state, count in session.execute(
        select(Delivery.state, func.count()).group_by(Delivery.state))}
    if status.deliveries.get("dead"):
        status.problems.append(f"{status.deliveries['dead']} deliveries dead-lettered")
    stuck = session.scalar(select(func.count()).select_from(Delivery).where(
        Delivery.state.in_(("pending", "failed", "unknown")), Delivery.created_at < now - timedelta(hours=1)))
    if stuck:
        status.problems.append(f"{stuck} deliveries pending for more than an hour")
    return status


def _sources(session: Session, now: datetime) -> list[SourceStatus]:
    names = set(session.scalars(select(CrawlRun.source).distinct())) | set(session.scalars(select(Source.name)))
    names |= set(registry_source_names())
    found: list[SourceStatus] = []
    for name in sorted(names):
        entry = SourceStatus(name)
        run = session.scalars(select(CrawlRun).where(CrawlRun.source == name)
                              .order_by(CrawlRun.started_at.desc()).limit(1)).first()
        if run is not None:
            entry.last_run, entry.last_verdict = run.started_at, run.verdict
        of_source = (Source.name == name, Article.duplicate_of_id.is_(None))
        entry.last_new_article = session.scalar(
            select(func.max(Article.created_at)).select_from(Article).join(Source).where(*of_source))
        entry.new_last_day = session.scalar(
            select(func.count(Article.id)).select_from(Article).join(Source)
            .where(*of_source, Article.created_at >= now - timedelta(days=1))) or 0
        found.append(entry)
    return found


def registry_source_names() -> list[str]:
    try:
        from crawler.sources import source_names
    except ImportError:
        return []
    return list(source_names())


def as_dict(status: Status) -> dict[str, Any]:
    return {
        "healthy": status.healthy, "database": status.database, "broker": status.broker,
        "queues": status.queues, "deliveries": status.deliveries, "problems": status.problems,
        "sources": [{"name": s.name, "last_run": s.last_run.isoformat() if s.last_run else None,
                     "last_verdict": s.last_verdict,
                     "last_new_article": s.last_new_article.isoformat() if s.last_new_article else None,
                     "new_last_day": s.new_last_day} for s in status.sources],
    }
