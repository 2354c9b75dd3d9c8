"""Released alerts reach a real SMTP server and apprise's real Telegram plugin (local Bot API)
exactly once per target; the fault cases live in tests/alerts/delivery."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from alerts.delivery.outbox import deliver
from alerts.delivery.targets import load_targets
from alerts.delivery.tasks import drain
from alerts.service import release
from tests.alerts.conftest import BOT_TOKEN, CHAT_ID, Channels, stored_alert
from tests.support.fake_telegram import Reply
from tests.support.smtp import bodies, subject
from worker.settings import get_settings
from worker.storage.db import session_scope
from worker.storage.models import Delivery


def deliveries() -> list[Delivery]:
    with session_scope() as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.id)))


def drain_until_settled(rounds: int = 40) -> None:
    """What the runner does: drain due deliveries until none is left waiting."""
    for _ in range(rounds):
        drain()
        if all(d.state in ("sent", "dead") for d in deliveries()):
            return
        time.sleep(0.06)


def test_alert_reaches_telegram_and_email(sqlite_db: str, channels: Channels) -> None:
    stored_alert()
    ids = release()
    assert len(ids) == 2
    [message] = channels.telegram.accepted()
    assert message.token == BOT_TOKEN and message.chat_id == CHAT_ID
    assert message.parse_mode == "HTML"
    assert "<b>Алтынколь — Хоргос: изменение лимита поездов</b>" in message.text
    assert "&lt;b&gt;from 8 to 15&lt;/b&gt; trains per day &amp; more" in message.text  # scraped text escaped
    assert "Было: 8 поездов в сутки → стало: <b>15 поездов в сутки</b>" in message.text
    assert "С 01.03.2025" in message.text
    assert '<a href="https://ktz.example/news/' in message.text
    assert len(message.text) <= 4096
    [mail] = channels.smtp.messages
    assert subject(mail) == ("[railwatch] Алтынколь — Хоргос: изменение лимита поездов — "
                             "15 поездов в сутки с 01.03.2025")
    parts = bodies(mail)
    assert set(parts) == {"text/plain", "text/html"}
    assert "https://ktz.example/news/" in parts["text/plain"]
    assert '<a href="https://ktz.example/news/' in parts["text/html"]
    assert [d.state for d in deliveries()] == ["sent", "sent"]
    # released again, drained again: nothing is sent twice
    assert release() == []
    drain()
    assert len(channels.telegram.accepted()) == 1 and len(channels.smtp.messages) == 1


def test_unparsable_message_is_sent_once_as_plain_text(sqlite_db: str, channels: Channels) -> None:
    channels.telegram.script(Reply.cannot_parse())
    stored_alert()
    release()
    drain_until_settled()
    first, second = channels.telegram.messages
    assert "<b>" in first.text and not first.accepted
    assert second.accepted and "<b>Алтынколь" not in second.text
    telegram = next(d for d in deliveries() if d.target_label.startswith("tgram"))
    assert telegram.plain_text and telegram.state == "sent"


def test_dead_letter_tells_the_other_targets(sqlite_db: str, channels: Channels) -> None:
    channels.smtp.stop()
    alert_id = stored_alert()
    release()
    drain_until_settled()
    rows = deliveries()
    email = next(d for d in rows if d.target_label.startswith("mailto"))
    assert email.state == "dead" and email.attempts == get_settings().delivery_max_attempts
    notice = next(d for d in rows if d.purpose == f"failure:{email.id}")
    assert notice.state == "sent" and notice.alert_id == alert_id
    assert len(channels.telegram.accepted()) == 2
    assert "Не удалось доставить уведомление" in channels.telegram.accepted()[1].text
    assert "mailto://" in channels.telegram.accepted()[1].text


def test_a_duplicated_or_requeued_send_never_sends_twice(sqlite_db: str, channels: Channels) -> None:
    stored_alert()
    from alerts.release import release_due
    from alerts.service import current_rules

    with session_scope() as session:
        ids = release_due(session, datetime.now(UTC), current_rules(), load_targets(get_settings()))
    targets = load_targets(get_settings())
    for _ in range(3):
        for delivery_id in ids:
            deliver(delivery_id, targets=targets)
    assert len(channels.telegram.accepted()) == 1 and len(channels.smtp.messages) == 1


def test_a_restart_drains_pending_and_resends_nothing_sent(sqlite_db: str, channels: Channels) -> None:
    stored_alert()
    from alerts.release import release_due
    from alerts.service import current_rules

    with session_scope() as session:  # decided, then the process stopped before sending
        release_due(session, datetime.now(UTC), current_rules(), load_targets(get_settings()))
    assert {d.state for d in deliveries()} == {"pending"}
    drain()  # the restart
    drain()
    assert len(channels.telegram.accepted()) == 1 and len(channels.smtp.messages) == 1


def test_crash_between_send_and_mark_is_the_only_window(sqlite_db: str, channels: Channels) -> None:
    """A row left 'sending' by a dead worker is resent once after its lease, never more."""
    stored_alert()
    from alerts.release import release_due
    from alerts.service import current_rules

    with session_scope() as session:
        [telegram_id, _] = release_due(session, datetime.now(UTC), current_rules(), load_targets(get_settings()))
        row = session.get(Delivery, telegram_id)
        assert row is not None
        row.state, row.attempts = "sending", 1
        row.updated_at = datetime.now(UTC) - timedelta(hours=1)
    drain()
    drain()
    rows = {d.id: d for d in deliveries()}
    assert rows[telegram_id].state == "sent" and rows[telegram_id].timeouts == 1
    assert len(channels.telegram.accepted()) == 1


def test_no_targets_still_decides_and_stores(sqlite_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import apply_settings

    apply_settings(monkeypatch, RAILWATCH_APPRISE_URLS=None)
    alert_id = stored_alert()
    assert release() == []
    with session_scope() as session:
        from worker.storage.models import Alert

        alert = session.get(Alert, alert_id)
        assert alert is not None and alert.state == "ready"


def test_secrets_never_reach_the_logs(sqlite_db: str, channels: Channels, caplog: pytest.LogCaptureFixture) -> None:
    from worker.logs import setup_logging

    setup_logging(level="DEBUG", json_logs=True)  # the most talkative configuration a user can choose
    logging.getLogger().addHandler(caplog.handler)
    caplog.handler.setLevel(logging.DEBUG)
    channels.telegram.script(Reply.too_many_requests(1))
    stored_alert()
    release()
    drain_until_settled()
    assert channels.telegram.accepted()
    everything = caplog.text + "".join(str(d.last_error) for d in deliveries())
    assert BOT_TOKEN not in everything
    assert BOT_TOKEN.split(":")[1] not in everything
    assert "tgram://1...w1" in caplog.text or "tgram://" in caplog.text  # the privacy form is what we log
