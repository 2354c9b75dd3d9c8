"""Delivery fixtures: a real SMTP server, a fake Telegram Bot API, targets pointing at them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from tests.conftest import apply_settings
from tests.support.fake_telegram import FakeTelegram
from tests.support.smtp import SmtpServer
from worker.storage.db import session_scope
from worker.storage.models import Alert, AlertSource

BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
CHAT_ID = "-1001234567890"


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    yield server
    server.stop()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    yield server
    server.stop()


@dataclass
class Channels:
    telegram: FakeTelegram
    smtp: SmtpServer


@pytest.fixture
def channels(telegram: FakeTelegram, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> Channels:
    """Targets configured as a user would, through RAILWATCH_APPRISE_URLS; quick retries."""
    apply_settings(
        monkeypatch,
        RAILWATCH_APPRISE_URLS=f"tgram://{BOT_TOKEN}/{CHAT_ID}/?rto=2&cto=2 {smtp.url()}",
        RAILWATCH_TELEGRAM_API_URL=telegram.api_base,
        RAILWATCH_DELIVERY_BACKOFF_SECONDS="0.05",
        RAILWATCH_DELIVERY_BACKOFF_CAP_SECONDS="0.2",
        RAILWATCH_DELIVERY_MAX_ATTEMPTS="4",
        RAILWATCH_GROUPING_WAIT_SECONDS="0",
    )
    return Channels(telegram, smtp)


def stored_alert(**overrides: object) -> int:
    """A crossing-change alert with one source article, ready to be released."""
    from tests.alerts.factories import article

    with session_scope() as session:
        source = article(session, published=date(2025, 2, 19), outlet="ktz",
                         facts=[{"metric": "train_limit_per_day", "value": 15, "scope": "altynkol-khorgos",
                                 "direction": "export", "effective": date(2025, 3, 1)}])
        source.title = "Kazakhstan, China to double trains at Altynkol <from March 1> & more"
        values: dict[str, object] = {
            "fingerprint": f"test-{datetime.now(UTC).timestamp()}", "type": "crossing_change", "basis": "text",
            "scope": "altynkol-khorgos", "kind": "train_limit", "metric": "train_limit_per_day",
            "direction": "export", "value": 15.0, "previous_value": 8.0, "effective": date(2025, 3, 1),
            "quote": "The sides agreed to double handover of trains <b>from 8 to 15</b> trains per day & more.",
            "state": "grouping", "send_after": datetime(2000, 1, 1, tzinfo=UTC), "revision": 1,
            "details": {"old_value": 8, "new_value": 15, "metric": "train_limit_per_day"},
        }
        values.update(overrides)
        alert = Alert(**values)
        session.add(alert)
        session.flush()
        session.add(AlertSource(alert_id=alert.id, article_id=source.id))
        return alert.id
