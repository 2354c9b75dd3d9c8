"""The outbox in-process on SQLite, against a real SMTP server and apprise's own Telegram
plugin talking to a local Bot API: arrival, faults, exactly once, dead letters, secrets."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest

from alerts.delivery.commands import delivery_states, send_test
from alerts.delivery.outbox import deliver, due_deliveries, open_deliveries
from alerts.delivery.tasks import deliver_here, drain, submit_delivery
from tests.alerts.delivery.cases import store
from tests.alerts.delivery.support import BOT_TOKEN, CHAT_ID, Channels, deliveries, delivery, open_alert
from tests.support.fake_telegram import Reply
from tests.support.smtp import bodies, subject
from worker.settings import get_settings
from worker.storage.db import session_scope
from worker.storage.models import Alert, Delivery

pytestmark = pytest.mark.usefixtures("sqlite_db")


def settle(rounds: int = 60) -> None:
    """What a restarted or periodic runner does: drain until nothing is waiting."""
    import time

    for _ in range(rounds):
        drain()
        if all(d.state in ("sent", "dead") for d in deliveries()):
            return
        time.sleep(0.05)


def test_email_arrives_with_subject_html_text_and_every_link(channels: Channels) -> None:
    [_, email_id] = open_alert(channels, "record_text")
    assert deliver_here(email_id).state == "sent"
    [mail] = channels.smtp.messages
    assert subject(mail) == "[railwatch] Record: Dostyk–Alashankou — freight volume 18.2 million t, 2024"
    parts = bodies(mail)
    assert set(parts) == {"text/plain", "text/html"}
    assert "<b>18.2 million t</b>" in parts["text/html"] and "Freight volume (export to China)" in parts["text/plain"]
    for url in ("https://qazinform.com/news/dostyk-record-18-2-mln-tons?utm=a&x=1",
                "https://rail-news.kz/ru/news/20001-rekord-dostyk.html", "https://www.inform.kz/ru/rekord-dostyk-a1b2c3"):
        assert f'href="{url.replace("&", "&amp;")}"' in parts["text/html"]
        assert url in parts["text/plain"]
    assert "&lt;script&gt;" in parts["text/html"] and "<script>" not in parts["text/html"]
    plain = parts["text/plain"].replace("\r\n", "\n")
    assert plain.startswith("Record: Dostyk–Alashankou\nFreight volume") and "\n " not in plain  # as written


def test_telegram_gets_the_chat_html_parse_mode_and_escaped_text(channels: Channels) -> None:
    [telegram_id, _] = open_alert(channels, "record_text")
    assert deliver_here(telegram_id).state == "sent"
    [message] = channels.telegram.accepted()
    assert (message.token, message.chat_id, message.parse_mode) == (BOT_TOKEN, CHAT_ID, "HTML")
    assert message.text.startswith("<b>Рекорд: Достык — Алашанькоу</b>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in message.text and "<script>" not in message.text
    assert "&lt;b&gt;were&lt;/b&gt;" in message.text
    assert len(message.text) <= 4096


def test_a_long_alert_reaches_telegram_in_one_message_within_4096(channels: Channels) -> None:
    [telegram_id, _] = open_alert(channels, "record_text", quote="Цитата <i>из</i> статьи & ещё. " * 500)
    deliver_here(telegram_id)
    [message] = channels.telegram.accepted()
    assert len(message.text.encode("utf-16-le")) // 2 <= 4096 and message.text.endswith("</a>, 15.01.2025")


def test_opening_deliveries_twice_creates_nothing_twice(channels: Channels) -> None:
    with session_scope() as session:
        alert = session.get(Alert, store(session, "crossing_change"))
        assert alert is not None
        routed = [(channels.telegram_target, "ru"), (channels.email_target, "en")]
        later = datetime.now(UTC) + timedelta(hours=1)
        first = open_deliveries(session, alert, "alert", routed, not_before=later)
        assert [(d.target, d.target_label, d.language, d.state) for d in first] == [
            (t.key, t.label, lang, "pending") for t, lang in routed]
        assert open_deliveries(session, alert, "alert", routed) == []
        assert len(open_deliveries(session, alert, "update", routed[:1])) == 1  # another purpose is another row
        assert due_deliveries(session, datetime.now(UTC)) == [d.id for d in session.query(Delivery)
                                                                .filter(Delivery.purpose == "update")]
    assert BOT_TOKEN not in str([(d.target, d.target_label) for d in deliveries()])


def test_smtp_down_then_up_is_delivered_once_after_it_returns(channels: Channels) -> None:
    channels.smtp.stop()
    [_, email_id] = open_alert(channels)
    first = deliver(email_id)
    assert first.state == "failed" and first.retry_in is not None and first.retry_in > 0
    row = delivery(email_id)
    assert row.attempts == 1 and "Connection error" in (row.last_error or "")
    channels.smtp.start()
    settle()
    assert len(channels.smtp.messages) == 1
    assert delivery(email_id).state == "sent"
    settle()
    assert len(channels.smtp.messages) == 1


def test_telegram_429_honours_retry_after_then_500_is_retried_and_sent_once(channels: Channels) -> None:
    channels.telegram.script(Reply.too_many_requests(1), Reply.server_error())
    [telegram_id, _] = open_alert(channels)
    first = deliver(telegram_id)
    assert first.state == "failed" and first.retry_in is not None and 1.0 <= first.retry_in <= 1.1
    row = delivery(telegram_id)
    assert row.next_attempt_at is not None and row.next_attempt_at - row.updated_at >= timedelta(seconds=1)
    assert deliver(telegram_id).state == "not_due"  # a re-queued task that comes too early waits
    result = deliver_here(telegram_id)  # sleeps out retry_after, meets the 500, backs off, sends
    assert result.state == "sent"
    assert [m.accepted for m in channels.telegram.messages] == [False, False, True]
    assert delivery(telegram_id).attempts == 3


def test_a_refused_message_is_sent_once_more_as_plain_text(channels: Channels) -> None:
    channels.telegram.script(Reply.cannot_parse())
    [telegram_id, _] = open_alert(channels)
    assert deliver_here(telegram_id).state == "sent"
    refused, plain = channels.telegram.messages
    assert "<b>" in refused.text and not refused.accepted
    assert plain.accepted and "<b>" not in plain.text and plain.text.startswith("Алтынколь — Хоргос")
    row = delivery(telegram_id)
    assert row.plain_text and row.state == "sent"


def test_a_message_refused_twice_is_not_retried_forever(channels: Channels) -> None:
    channels.telegram.script(Reply.too_long(), Reply.too_long())
    [telegram_id, _] = open_alert(channels)
    assert deliver_here(telegram_id).state == "dead"
    assert len(channels.telegram.messages) == 2


def test_a_timeout_is_unknown_and_retried_at_most_once(channels: Channels) -> None:
    channels.telegram.script(Reply.slow(2), Reply.slow(2))
    [telegram_id, _] = open_alert(channels)
    first = deliver(telegram_id)
    assert first.state == "unknown"
    row = delivery(telegram_id)
    assert row.timeouts == 1 and row.state == "unknown"
    settle()
    assert delivery(telegram_id).state == "dead"
    assert len(channels.telegram.messages) == 2  # the first try and exactly one more


def test_a_timeout_then_success_is_sent(channels: Channels) -> None:
    channels.telegram.script(Reply.slow(2))
    [telegram_id, _] = open_alert(channels)
    assert deliver_here(telegram_id).state == "sent"
    assert len(channels.telegram.messages) == 2


def test_after_the_last_retry_it_is_dead_and_the_other_targets_hear_of_it(channels: Channels) -> None:
    channels.smtp.stop()
    [telegram_id, email_id] = open_alert(channels)
    result = deliver_here(email_id)
    assert result.state == "dead"
    email = delivery(email_id)
    assert email.attempts == get_settings().delivery_max_attempts == 4
    notice = next(d for d in deliveries() if d.purpose == f"failure:{email_id}")
    assert notice.state == "sent" and notice.target == channels.telegram_target.key and notice.language == "ru"
    [text] = [m.text for m in channels.telegram.accepted()]
    assert "Не удалось доставить уведомление" in text and "mailto://127.0.0.1" in text
    assert deliver_here(telegram_id).state == "sent"  # the alert itself still reaches Telegram
    assert len(channels.telegram.accepted()) == 2


def test_a_refusing_bot_is_dead_at_once(channels: Channels) -> None:
    channels.telegram.script(Reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"}))
    [telegram_id, _] = open_alert(channels)
    assert deliver_here(telegram_id).state == "dead"
    assert len(channels.telegram.messages) == 1
    [notice] = [d for d in deliveries() if d.purpose == f"failure:{telegram_id}"]
    assert notice.state == "sent" and len(channels.smtp.messages) == 1
    assert "Could not deliver alert" in bodies(channels.smtp.messages[0])["text/plain"]


def test_duplicated_and_requeued_sends_go_out_once(channels: Channels) -> None:
    channels.telegram.script(Reply.slow(0.3))  # the first send is still in flight when the duplicates come
    ids = open_alert(channels)
    threads = [threading.Thread(target=deliver, args=(i,)) for i in ids for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for delivery_id in ids:  # re-queued after the fact
        assert deliver(delivery_id).state == "sent"
        assert submit_delivery(delivery_id).state == "sent"
    assert len(channels.telegram.messages) == 1 and len(channels.smtp.messages) == 1


def test_a_restart_drains_what_is_pending_and_resends_nothing_sent(channels: Channels) -> None:
    first = open_alert(channels, "record_text")
    deliver_here(first[0])
    second = open_alert(channels, "crossing_change")  # decided, then the process stopped before sending
    assert [d.state for d in deliveries()] == ["sent", "pending", "pending", "pending"]
    assert sorted(drain()) == sorted([first[1], *second])  # the restart
    assert drain() == []
    assert len(channels.telegram.accepted()) == 2 and len(channels.smtp.messages) == 2


def test_a_worker_dead_between_send_and_mark_is_the_one_window(channels: Channels) -> None:
    """A row left ``sending`` by a dead worker is sent once more after its lease, never
    twice; left ``sending`` again, it is given up, not resent."""
    [telegram_id, _] = open_alert(channels)
    with session_scope() as session:
        row = session.get(Delivery, telegram_id)
        assert row is not None
        row.state, row.attempts, row.updated_at = "sending", 1, datetime.now(UTC) - timedelta(seconds=10)
    assert deliver(telegram_id).state == "busy"  # within the lease: maybe still sending
    with session_scope() as session:
        assert due_deliveries(session, datetime.now(UTC)) == [telegram_id + 1]
        session.get(Delivery, telegram_id).updated_at = datetime.now(UTC) - timedelta(hours=1)  # type: ignore[union-attr]
    settle()
    row = delivery(telegram_id)
    assert row.state == "sent" and row.timeouts == 1 and len(channels.telegram.accepted()) == 1
    with session_scope() as session:  # the resend's worker died too
        again = session.get(Delivery, telegram_id)
        assert again is not None
        again.state, again.updated_at = "sending", datetime.now(UTC) - timedelta(hours=1)
    settle()
    assert delivery(telegram_id).state == "dead" and len(channels.telegram.accepted()) == 1
    assert [d.state for d in deliveries() if d.purpose == f"failure:{telegram_id}"] == ["sent"]  # by email


def test_a_long_wait_in_process_is_left_to_the_drain(channels: Channels) -> None:
    channels.telegram.script(Reply.too_many_requests(30))
    [telegram_id, _] = open_alert(channels)
    result = deliver_here(telegram_id, max_sleep=5)
    assert result.state == "failed" and result.retry_in is not None and result.retry_in >= 30
    with session_scope() as session:
        assert telegram_id not in due_deliveries(session, datetime.now(UTC))
        assert telegram_id in due_deliveries(session, datetime.now(UTC) + timedelta(seconds=34))


def test_secrets_never_reach_the_logs(channels: Channels, caplog: pytest.LogCaptureFixture) -> None:
    from worker.logs import setup_logging

    setup_logging(level="DEBUG", json_logs=True)  # the most talkative configuration a user can choose
    logging.getLogger().addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    for name in ("apprise", "urllib3"):  # as if a test runner or a user had turned everything up
        logging.getLogger(name).setLevel(logging.NOTSET)
    channels.telegram.script(Reply.too_many_requests(1), Reply.server_error())
    [telegram_id, email_id] = open_alert(channels)
    assert deliver_here(telegram_id).state == "sent"
    channels.smtp.stop()
    assert deliver(email_id).state == "failed"
    report = send_test(get_settings(), targets=[channels.telegram_target])
    assert report == [(channels.telegram_target.label, True, "")]
    stored = "".join(f"{d.last_error} {d.target_label}" for d in deliveries())
    for place in (caplog.text, stored):
        assert BOT_TOKEN not in place and BOT_TOKEN.split(":")[1] not in place
    assert channels.telegram_target.label.split("?")[0] in caplog.text  # the privacy form is what we log
    assert any(r.levelno == logging.DEBUG and r.name == "alerts.delivery.outbox" for r in caplog.records)


def test_test_command_reports_per_target_and_list_shows_states(channels: Channels) -> None:
    channels.smtp.stop()
    report = send_test(get_settings())
    assert [(label.split("://")[0], ok) for label, ok, _ in report] == [("tgram", True), ("mailto", False)]
    assert "Connection error" in report[1][2]
    [telegram_id, email_id] = open_alert(channels)
    deliver_here(telegram_id)
    with session_scope() as session:
        [states] = delivery_states(session).values()
    assert [(s["id"], s["state"], s["purpose"]) for s in states] == [(telegram_id, "sent", "alert"),
                                                                     (email_id, "pending", "alert")]


def test_no_targets_configured_leaves_nothing_to_send(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import apply_settings

    apply_settings(monkeypatch, RAILWATCH_APPRISE_URLS=None)
    with session_scope() as session:
        alert = session.get(Alert, store(session, "crossing_change"))
        assert open_deliveries(session, alert, "alert", []) == []  # type: ignore[arg-type]
    assert drain() == [] and send_test(get_settings()) == []
