"""Helpers of the delivery tests: the token that must never leak, targets as a user
writes them, stored alerts with their deliveries opened, waiting for the outcome."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from alerts.delivery.outbox import open_deliveries
from alerts.delivery.targets import Target
from tests.alerts.delivery.cases import store
from tests.support.fake_telegram import FakeTelegram
from tests.support.smtp import SmtpServer
from worker.storage.db import session_scope
from worker.storage.models import Alert, Delivery

BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
"""Shaped like a real bot token (it is not one): what must never reach a log."""
CHAT_ID = "-1001234567890"

# Quick retries; timeouts short enough for a slow fake reply to time out in a second.
FAST = {"RAILWATCH_DELIVERY_BACKOFF_SECONDS": "0.05", "RAILWATCH_DELIVERY_BACKOFF_CAP_SECONDS": "0.2",
        "RAILWATCH_DELIVERY_MAX_ATTEMPTS": "4"}


def telegram_url(chat: str = CHAT_ID) -> str:
    return f"tgram://{BOT_TOKEN}/{chat}/?rto=1&cto=0.25"


@dataclass
class Channels:
    telegram: FakeTelegram
    smtp: SmtpServer
    targets: list[Target]

    @property
    def telegram_target(self) -> Target:
        return next(t for t in self.targets if t.kind == "telegram")

    @property
    def email_target(self) -> Target:
        return next(t for t in self.targets if t.kind == "email")


def channel_env(telegram: FakeTelegram, smtp: SmtpServer) -> dict[str, str]:
    """Targets as a user configures them: a Telegram chat and a mailbox, in one variable."""
    return {"RAILWATCH_APPRISE_URLS": f"{telegram_url()}\n{smtp.url()}",
            "RAILWATCH_TELEGRAM_API_URL": telegram.api_base, **FAST}


def open_alert(channels: Channels, name: str = "crossing_change", **overrides: object) -> list[int]:
    """Store an alert and open its deliveries: Russian to Telegram, English by email."""
    languages = {"telegram": "ru", "email": "en"}
    with session_scope() as session:
        alert_id = store(session, name, **overrides)
        alert = session.get(Alert, alert_id)
        assert alert is not None
        rows = open_deliveries(session, alert, "alert", [(t, languages[t.kind]) for t in channels.targets])
        return [row.id for row in rows]


def deliveries() -> list[Delivery]:
    with session_scope() as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.id)))


def delivery(delivery_id: int) -> Delivery:
    with session_scope() as session:
        row = session.get(Delivery, delivery_id)
        assert row is not None
        return row
