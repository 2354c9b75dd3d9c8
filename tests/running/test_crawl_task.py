"""``crawl_source`` as production runs it: a real Celery worker on the real Redis broker
crawls a local mirror into the real PostgreSQL, one crawl per source at a time, and a
worker killed mid-crawl leaves neither a lock nor a half-stored article behind."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import redis
from sqlalchemy import func, select

from crawler.mirror import MirrorServer, serve
from crawler.samples import build
from tests.conftest import CeleryWorker, apply_settings, truncate_all
from tests.support.smtp import SmtpServer
from tests.support.waiting import wait_for
from worker.crawl_job import LOCK_PREFIX
from worker.storage.db import session_scope
from worker.storage.models import Alert, Article, CrawlRun, Delivery

pytestmark = [pytest.mark.services, pytest.mark.slow]

SOURCE = "railnews"
ALERTING = {"RAILWATCH_GROUPING_WAIT_SECONDS": "0", "RAILWATCH_ALERT_HORIZON_DAYS": "400",
            "RAILWATCH_CRAWL_LOOKBACK_DAYS": "200", "RAILWATCH_DELIVERY_BACKOFF_SECONDS": "0.2"}


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[MirrorServer, int]]:
    """The railnews sample site dated up to today, and how many articles it holds."""
    yield from _site(tmp_path, 12)


@pytest.fixture
def big_site(tmp_path: Path) -> Iterator[tuple[MirrorServer, int]]:
    """More articles than a crawl that is told to stop still has in its download queue."""
    yield from _site(tmp_path, 40)


def _site(tmp_path: Path, articles: int) -> Iterator[tuple[MirrorServer, int]]:
    expected = build(tmp_path / "sites", date.today(), articles_per_source=articles)
    server = serve(tmp_path / "sites" / SOURCE)
    yield server, len(expected[SOURCE])
    server.stop()


@pytest.fixture
def broker(redis_broker: str) -> str:
    url = redis_broker.rsplit("/", 1)[0] + "/11"  # databases 13-15 belong to other suites' workers
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def database(private_postgres: str, monkeypatch: pytest.MonkeyPatch) -> str:
    truncate_all(private_postgres)
    apply_settings(monkeypatch, RAILWATCH_DATABASE_URL=private_postgres)
    return private_postgres


def crawl(worker: CeleryWorker, mirror: MirrorServer) -> None:
    worker.client().send_task("railwatch.crawl.source", args=[SOURCE], kwargs={"base_url": mirror.base_url},
                              queue="crawl")


def runs() -> list[CrawlRun]:
    with session_scope() as session:
        return list(session.scalars(select(CrawlRun).order_by(CrawlRun.id)))


def count(model: type) -> int:
    with session_scope() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_crawl_on_the_worker_stores_the_site_delivers_its_alert_and_a_concurrent_crawl_is_skipped(
        site: tuple[MirrorServer, int], broker: str, database: str, tmp_path: Path) -> None:
    mirror, articles = site
    smtp = SmtpServer().start()
    worker = CeleryWorker(broker, database, "crawl,ingest,alerts", tmp_path / "worker.log",
                          {**ALERTING, "RAILWATCH_APPRISE_URLS": smtp.url(),
                           "RAILWATCH_CRAWL_DOWNLOAD_DELAY": "0"}).start()
    try:
        crawl(worker, mirror)
        crawl(worker, mirror)  # the pool's second process takes it at once: the lock is held
        assert wait_for(lambda: any(r.finished_at and r.verdict != "skipped" for r in runs()), 120), worker.log()
        assert wait_for(lambda: count(Article) == articles, 60), (count(Article), articles, worker.log())
        assert wait_for(lambda: count(Alert) > 0 and len(smtp.messages) == count(Alert), 60), (
            _outbox(), len(smtp.messages), worker.log())
        assert sorted(r.verdict for r in runs()) == ["ok", "skipped"]
        with session_scope() as session:
            alerts = session.scalars(select(Alert)).all()
            # the sample site announces a new Dostyk train limit from the 1st of next month
            assert any(a.type == "crossing_change" and a.scope == "dostyk-alashankou" and a.kind == "train_limit"
                       for a in alerts), [(a.type, a.scope, a.kind) for a in alerts]
            assert {d.state for d in session.scalars(select(Delivery))} == {"sent"}
        subjects = [message["Subject"] for message in smtp.messages]
        assert all(subjects), subjects
        lock = redis.Redis.from_url(broker)
        assert wait_for(lambda: not lock.exists(LOCK_PREFIX + SOURCE), 30), "released once the crawl process exits"
    finally:
        worker.stop()
        smtp.stop()


def test_a_worker_killed_mid_crawl_frees_the_source_and_stores_no_half_article(
        big_site: tuple[MirrorServer, int], broker: str, database: str, tmp_path: Path) -> None:
    mirror, articles = big_site
    slow = {**ALERTING, "RAILWATCH_CRAWL_DOWNLOAD_DELAY": "0.5", "RAILWATCH_CRAWL_AUTOTHROTTLE": "0",
            "RAILWATCH_CRAWL_LOCK_TTL": "3"}
    doomed = CeleryWorker(broker, database, "crawl,ingest,alerts", tmp_path / "doomed.log", slow).start()
    crawl(doomed, mirror)
    assert wait_for(lambda: mirror.mirror.count(".html") >= 3, 60), doomed.log()
    doomed.kill()

    # the orphaned crawl is told its worker died and closes: the mirror stops hearing from it
    assert wait_for(lambda: _quiet(mirror, 3), 60), "the crawl went on after its worker died"
    [orphan] = runs()
    assert orphan.finished_at is not None and (orphan.stats or {}).get("reason") == "shutdown", doomed.log()
    lock = redis.Redis.from_url(broker)
    assert wait_for(lambda: not lock.exists(LOCK_PREFIX + SOURCE), 10), "the dead holder's lock expired"

    survivor = CeleryWorker(broker, database, "crawl,ingest,alerts", tmp_path / "survivor.log",
                            {**slow, "RAILWATCH_CRAWL_DOWNLOAD_DELAY": "0"}).start()
    try:
        assert wait_for(lambda: _ingest_queue_empty(broker), 60), "what the orphan handed off is ingested"
        with session_scope() as session:
            assert all(a.text and a.raw_html for a in session.scalars(select(Article))), "only whole articles"
            stored_before = session.scalar(select(func.count(Article.id))) or 0
        assert 0 < stored_before < articles, "the kill came mid-crawl"
        crawl(survivor, mirror)
        assert wait_for(lambda: sum(r.verdict == "ok" for r in runs()) == 2, 120), survivor.log()
        assert wait_for(lambda: count(Article) == articles, 60), (count(Article), articles, survivor.log())
        assert "skipped" not in [r.verdict for r in runs()], "the source was free again"
    finally:
        survivor.stop()


def _outbox() -> list[tuple[object, ...]]:
    with session_scope() as session:
        return [(a.id, a.type, a.state, [(d.target, d.state, d.last_error) for d in a.deliveries])
                for a in session.scalars(select(Alert))]


def _quiet(mirror: MirrorServer, seconds: float) -> bool:
    heard = len(mirror.mirror.requests)
    time.sleep(seconds)
    return len(mirror.mirror.requests) == heard


def _ingest_queue_empty(broker: str) -> bool:
    return redis.Redis.from_url(broker).llen("ingest") == 0
