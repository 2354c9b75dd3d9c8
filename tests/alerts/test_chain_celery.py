"""The whole chain on a real Celery worker, the real Redis broker and PostgreSQL: an
article is ingested, its facts decide an alert, the alert reaches a real SMTP server and
the Telegram plugin's local Bot API — once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import redis
from sqlalchemy import func, select

from tests.alerts.conftest import BOT_TOKEN, CHAT_ID
from tests.conftest import FIXTURES, CeleryWorker, apply_settings, truncate_all
from tests.support.fake_telegram import FakeTelegram
from tests.support.smtp import SmtpServer
from tests.support.waiting import wait_for
from worker.pages import FetchedPage
from worker.storage.db import session_scope
from worker.storage.models import Alert, AlertSource, Delivery

pytestmark = pytest.mark.services

RECORD_TEXT = (FIXTURES / "pages" / "kazinform_en_dostyk.html").read_bytes()
RECORD_URL = "https://qazinform.com/news/dostyk-alashankou-handles-record-18-mln-tons-of-cargo-4f2a9c"


@pytest.fixture
def alerting_worker(private_postgres: str, redis_broker: str, telegram: FakeTelegram, smtp: SmtpServer,
                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A worker of its own (its own Redis database) with delivery targets configured."""
    broker = redis_broker.rsplit("/", 1)[0] + "/14"
    redis.Redis.from_url(broker).flushdb()
    truncate_all(private_postgres)
    env = {"RAILWATCH_APPRISE_URLS": f"tgram://{BOT_TOKEN}/{CHAT_ID}/ {smtp.url()}",
           "RAILWATCH_TELEGRAM_API_URL": telegram.api_base, "RAILWATCH_GROUPING_WAIT_SECONDS": "0",
           "RAILWATCH_ALERT_HORIZON_DAYS": "100000", "RAILWATCH_DELIVERY_BACKOFF_SECONDS": "0.2"}
    worker = CeleryWorker(broker, private_postgres, "ingest,alerts", tmp_path / "worker.log", env).start()
    apply_settings(monkeypatch, RAILWATCH_DATABASE_URL=private_postgres)
    yield worker
    worker.stop()


def ingest(worker: CeleryWorker, url: str, body: bytes, source: str = "kazinform") -> None:
    page = FetchedPage(url=url, source=source, body=body)
    worker.client().send_task("railwatch.ingest.article", args=[page.to_payload()], queue="ingest")


def test_article_to_email_and_telegram_on_the_worker(alerting_worker: CeleryWorker, telegram: FakeTelegram,
                                                     smtp: SmtpServer) -> None:
    ingest(alerting_worker, RECORD_URL, RECORD_TEXT)
    assert wait_for(lambda: len(smtp.messages) == 1 and len(telegram.accepted()) == 1), alerting_worker.log()
    [message] = telegram.accepted()
    assert message.chat_id == CHAT_ID and message.parse_mode == "HTML"
    assert "Достык — Алашанькоу" in message.text and "18 млн т" in message.text
    with session_scope() as session:
        [alert] = session.scalars(select(Alert)).all()
        assert (alert.type, alert.scope, alert.metric, alert.value) == (
            "volume_record", "dostyk-alashankou", "freight_tonnes", 18_000_000)
        assert {d.state for d in session.scalars(select(Delivery))} == {"sent"}


def test_same_event_from_three_outlets_in_two_languages_is_one_alert(
        alerting_worker: CeleryWorker, telegram: FakeTelegram, smtp: SmtpServer) -> None:
    russian = (FIXTURES / "pages" / "railnews_dostyk_record_ru.html").read_bytes()
    ingest(alerting_worker, RECORD_URL, RECORD_TEXT)
    ingest(alerting_worker, "https://rail-news.kz/ru/news/20001-rekord-dostyk.html", russian, source="railnews")
    ingest(alerting_worker, "https://www.inform.kz/ru/rekord-dostyk-18-mln-tonn-a1b2c3", russian.replace(
        b"Rail-news.kz", b"Kazinform"), source="kazinform")

    def three_sources() -> bool:
        with session_scope() as session:
            return (session.scalar(select(func.count(AlertSource.id))) or 0) >= 3
    assert wait_for(three_sources), alerting_worker.log()
    time.sleep(2)  # anything else the worker would send, it sends now
    with session_scope() as session:
        assert session.scalar(select(func.count(Alert.id))) == 1
    assert len(telegram.accepted()) == 1 and len(smtp.messages) == 1


def test_same_article_ingested_twice_concurrently_is_one_alert(
        alerting_worker: CeleryWorker, telegram: FakeTelegram, smtp: SmtpServer) -> None:
    for _ in range(4):
        ingest(alerting_worker, RECORD_URL, RECORD_TEXT)
    assert wait_for(lambda: len(smtp.messages) >= 1), alerting_worker.log()
    time.sleep(2)
    with session_scope() as session:
        assert session.scalar(select(func.count(Alert.id))) == 1
    assert len(telegram.accepted()) == 1 and len(smtp.messages) == 1
