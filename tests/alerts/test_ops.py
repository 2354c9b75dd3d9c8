"""Operational alerts: blocked streaks and dry spells, one alert per episode."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from alerts.ops import SourceExpectation, watch_sources
from tests.alerts.factories import article
from worker.storage.db import session_scope
from worker.storage.models import Alert, CrawlRun

NOW = datetime(2025, 8, 1, 12, tzinfo=UTC)
WAIT = timedelta(0)


def run(session, source: str, hours_ago: float, verdict: str) -> None:  # type: ignore[no-untyped-def]
    started = NOW - timedelta(hours=hours_ago)
    session.add(CrawlRun(source=source, started_at=started, finished_at=started + timedelta(minutes=1),
                         verdict=verdict))
    session.flush()


def test_a_blocked_streak_alerts_once_and_a_new_streak_again(sqlite_db: str) -> None:
    expected = [SourceExpectation("kazinform")]
    with session_scope() as session:
        article(session, published=date(2025, 8, 1), outlet="kazinform")  # fresh articles: not stale
        run(session, "kazinform", 5, "ok")
        run(session, "kazinform", 3, "blocked")
        run(session, "kazinform", 2, "blocked")
        [alert] = watch_sources(session, expected, NOW, WAIT)
        assert (alert.type, alert.basis, alert.scope) == ("source_blocked", "ops", "kazinform")
        run(session, "kazinform", 1, "blocked")
        assert watch_sources(session, expected, NOW, WAIT) == []  # same streak
        run(session, "kazinform", 0.8, "ok")
        run(session, "kazinform", 0.5, "blocked")
        [again] = watch_sources(session, expected, NOW, WAIT)
        assert again.id != alert.id


def test_a_source_quiet_for_longer_than_expected_is_stale(sqlite_db: str) -> None:
    with session_scope() as session:
        run(session, "ktz", 1, "ok")
        run(session, "railnews", 1, "empty")
        article(session, published=date(2025, 7, 25), outlet="ktz")
        stored = session.scalars(select(Alert)).all()
        assert stored == []
        ktz_article_created = NOW - timedelta(days=3)
        from worker.storage.models import Article

        for a in session.scalars(select(Article)):
            a.created_at = ktz_article_created
        opened = watch_sources(session, [SourceExpectation("ktz"), SourceExpectation("railnews", timedelta(days=7)),
                                         SourceExpectation("never-crawled")], NOW, WAIT)
        assert [(a.type, a.scope) for a in opened] == [("source_stale", "ktz")]
        assert watch_sources(session, [SourceExpectation("ktz")], NOW, WAIT) == []
