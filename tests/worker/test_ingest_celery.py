"""The same ingest path on a real Celery worker, over the real Redis broker, into PostgreSQL."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from tests.conftest import FIXTURES, CeleryWorker, apply_settings
from tests.support.tcp_proxy import TcpProxy
from worker.dispatch import submit_ingest
from worker.pages import FetchedPage
from worker.storage.db import session_scope
from worker.storage.models import Article

pytestmark = pytest.mark.services

PAGES = FIXTURES / "pages"
URL = "https://rail-news.kz/ru/news/21162-kpp-xorgos-uvelicil-perevozki-do-222-mln-tonn.html"


def khorgos_page(url: str = URL) -> FetchedPage:
    return FetchedPage(url=url, source="railnews",
                       body=(PAGES / "railnews_ru_khorgos.html").read_bytes())


def count_articles() -> int:
    with session_scope() as session:
        return session.scalar(select(func.count(Article.id))) or 0


def test_ingest_runs_on_the_worker_into_postgres(on_celery: CeleryWorker) -> None:
    result = submit_ingest(khorgos_page())
    outcome = result.get(timeout=60)
    assert outcome["status"] == "stored"
    with session_scope() as session:
        article = session.get(Article, outcome["article_id"])
        assert article is not None
        assert article.title == "КПП Хоргос увеличил перевозки до 22,2 млн тонн"
        assert article.extractor_version
    # the task is idempotent: running it again changes nothing
    assert submit_ingest(khorgos_page()).get(timeout=60)["status"] == "known"
    assert count_articles() == 1


def test_same_page_submitted_concurrently_is_stored_once(on_celery: CeleryWorker) -> None:
    results = [submit_ingest(khorgos_page(URL + suffix))
               for suffix in ("", "?utm_source=x", "#a", "?amp=1", "?fbclid=1", "")]
    statuses = sorted(r.get(timeout=60)["status"] for r in results)
    assert statuses == ["known"] * 5 + ["stored"]
    assert count_articles() == 1


def test_database_briefly_unreachable_task_retried_article_stored_once(
    celery_worker: CeleryWorker, postgres_db: str, redis_broker: str,
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    target = urlsplit(postgres_db)
    proxy = TcpProxy(target.hostname or "127.0.0.1", target.port or 5432).start()
    proxied = postgres_db.replace(target.netloc, f"{target.username}@127.0.0.1:{proxy.port}")
    queue = f"outage-{proxy.port}"
    worker = CeleryWorker(redis_broker, proxied, queue, tmp_path / "worker.log").start()
    try:
        proxy.cut()
        from worker.tasks import ingest_article

        result = ingest_article.apply_async(args=[khorgos_page().to_payload()], queue=queue)
        time.sleep(3)  # the worker tries, fails to connect, schedules a retry
        proxy.restore()
        outcome = result.get(timeout=120)
    finally:
        worker.stop()
        proxy.stop()
    assert outcome["status"] == "stored"
    assert "Retry in" in worker.log()
    apply_settings(monkeypatch, RAILWATCH_DATABASE_URL=postgres_db)
    assert count_articles() == 1


def test_in_process_mode_rides_out_a_database_outage(
    postgres_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = urlsplit(postgres_db)
    proxy = TcpProxy(target.hostname or "127.0.0.1", target.port or 5432).start()
    proxied = postgres_db.replace(target.netloc, f"{target.username}@127.0.0.1:{proxy.port}")
    apply_settings(monkeypatch, RAILWATCH_DATABASE_URL=proxied)
    proxy.cut()
    threading.Timer(2.0, proxy.restore).start()
    try:
        outcome = submit_ingest(khorgos_page())
    finally:
        time.sleep(0.1)
        proxy.stop()
    assert outcome.status == "stored"
    apply_settings(monkeypatch, RAILWATCH_DATABASE_URL=postgres_db)
    assert count_articles() == 1
