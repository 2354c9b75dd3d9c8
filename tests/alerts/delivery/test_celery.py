"""Delivery on a real Celery worker (Redis broker, PostgreSQL), against the real SMTP
server and apprise's Telegram plugin on the local Bot API: the same faults as in-process,
retried by Celery, plus duplicated tasks and a worker restart."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.alerts.delivery.conftest import DeliveryWorker
from tests.alerts.delivery.support import BOT_TOKEN, CHAT_ID, Channels, deliveries, delivery, open_alert
from tests.support.fake_telegram import Reply
from tests.support.smtp import bodies, subject
from tests.support.waiting import wait_for
from worker.storage.db import session_scope
from worker.storage.models import Delivery

pytestmark = pytest.mark.services

DELIVER = "railwatch.alerts.deliver"


def settled(*ids: int) -> bool:
    states = {d.id: d.state for d in deliveries()}
    return all(states.get(i) in ("sent", "dead") for i in ids)


def quiet(seconds: float = 1.5) -> None:
    """Give the worker time to send anything it (wrongly) still would."""
    time.sleep(seconds)


def test_an_alert_reaches_email_and_telegram_from_the_worker(on_celery: DeliveryWorker,
                                                             worker_channels: Channels) -> None:
    ids = open_alert(worker_channels, "record_text")
    for delivery_id in ids:
        on_celery.send(DELIVER, delivery_id)
    assert wait_for(lambda: settled(*ids)), on_celery.log()
    quiet()
    [message] = worker_channels.telegram.accepted()
    assert (message.chat_id, message.parse_mode) == (CHAT_ID, "HTML")
    assert "&lt;script&gt;" in message.text and "<b>Рекорд: Достык — Алашанькоу</b>" in message.text
    assert len(message.text) <= 4096
    [mail] = worker_channels.smtp.messages
    assert subject(mail).startswith("[railwatch] Record: Dostyk–Alashankou")
    assert "https://rail-news.kz/ru/news/20001-rekord-dostyk.html" in bodies(mail)["text/plain"]
    assert [d.state for d in deliveries()] == ["sent", "sent"]


def test_smtp_down_then_up_is_delivered_once_by_the_worker(on_celery: DeliveryWorker,
                                                           worker_channels: Channels) -> None:
    worker_channels.smtp.stop()
    [_, email_id] = open_alert(worker_channels)
    on_celery.send(DELIVER, email_id)
    assert wait_for(lambda: delivery(email_id).attempts >= 2, every=0.02), on_celery.log()
    assert delivery(email_id).state in ("failed", "sending")
    worker_channels.smtp.start()
    assert wait_for(lambda: settled(email_id)), on_celery.log()
    quiet()
    assert delivery(email_id).state == "sent" and len(worker_channels.smtp.messages) == 1


def test_telegram_429_and_500_are_retried_by_celery_and_sent_once(on_celery: DeliveryWorker,
                                                                 worker_channels: Channels) -> None:
    worker_channels.telegram.script(Reply.too_many_requests(1), Reply.server_error())
    [telegram_id, _] = open_alert(worker_channels)
    on_celery.send(DELIVER, telegram_id)
    assert wait_for(lambda: settled(telegram_id)), on_celery.log()
    quiet()
    first, second, third = worker_channels.telegram.messages
    assert [m.accepted for m in (first, second, third)] == [False, False, True]
    assert second.at - first.at >= 1.0  # retry_after honoured
    assert delivery(telegram_id).attempts == 3


def test_a_refused_message_is_sent_as_plain_text_by_the_worker(on_celery: DeliveryWorker,
                                                               worker_channels: Channels) -> None:
    worker_channels.telegram.script(Reply.cannot_parse())
    [telegram_id, _] = open_alert(worker_channels)
    on_celery.send(DELIVER, telegram_id)
    assert wait_for(lambda: settled(telegram_id)), on_celery.log()
    refused, plain = worker_channels.telegram.messages
    assert "<b>" in refused.text and "<b>" not in plain.text and plain.accepted
    assert delivery(telegram_id).plain_text


def test_a_timeout_is_retried_once_by_the_worker_then_dead_letter(on_celery: DeliveryWorker,
                                                                 worker_channels: Channels) -> None:
    worker_channels.telegram.script(Reply.slow(2), Reply.slow(2))
    [telegram_id, _] = open_alert(worker_channels)
    on_celery.send(DELIVER, telegram_id)
    assert wait_for(lambda: settled(telegram_id) and len(worker_channels.smtp.messages) == 1), on_celery.log()
    quiet(2.5)
    assert len(worker_channels.telegram.messages) == 2
    row = delivery(telegram_id)
    assert (row.state, row.timeouts) == ("dead", 1)
    assert "Could not deliver alert" in bodies(worker_channels.smtp.messages[0])["text/plain"]


def test_after_the_last_retry_the_worker_tells_the_other_targets(on_celery: DeliveryWorker,
                                                                worker_channels: Channels) -> None:
    worker_channels.smtp.stop()
    [telegram_id, email_id] = open_alert(worker_channels)
    on_celery.send(DELIVER, email_id)
    assert wait_for(lambda: settled(email_id) and len(worker_channels.telegram.accepted()) == 1), on_celery.log()
    row = delivery(email_id)
    assert (row.state, row.attempts) == ("dead", 5)
    [notice] = [d for d in deliveries() if d.purpose == f"failure:{email_id}"]
    assert notice.state == "sent"
    assert "Не удалось доставить уведомление" in worker_channels.telegram.accepted()[0].text
    assert delivery(telegram_id).state == "pending"  # nobody asked to send the alert itself


def test_duplicated_and_requeued_tasks_send_once(on_celery: DeliveryWorker, worker_channels: Channels) -> None:
    worker_channels.telegram.script(Reply.slow(0.5))  # still in flight when the duplicates arrive
    ids = open_alert(worker_channels)
    for _ in range(5):
        for delivery_id in ids:
            on_celery.send(DELIVER, delivery_id)
    on_celery.send("railwatch.alerts.drain")
    assert wait_for(lambda: settled(*ids)), on_celery.log()
    quiet()
    for delivery_id in ids:  # and once more after they were sent
        on_celery.send(DELIVER, delivery_id)
    quiet()
    assert len(worker_channels.telegram.messages) == 1 and len(worker_channels.smtp.messages) == 1
    assert [d.attempts for d in deliveries()] == [1, 1]


def test_a_restarted_worker_drains_what_is_pending_and_resends_nothing_sent(
        on_celery: DeliveryWorker, worker_channels: Channels) -> None:
    sent = open_alert(worker_channels, "record_text")
    for delivery_id in sent:
        on_celery.send(DELIVER, delivery_id)
    assert wait_for(lambda: settled(*sent)), on_celery.log()
    on_celery.stop()
    try:
        pending = open_alert(worker_channels, "crossing_change")  # decided while the worker was down
        on_celery.send(DELIVER, pending[0])  # one task queued, one not queued at all
        crashed = open_alert(worker_channels, "source_blocked")
        with session_scope() as session:  # a worker died between sending and marking it sent
            row = session.get(Delivery, crashed[0])
            assert row is not None
            row.state, row.attempts, row.updated_at = "sending", 1, datetime.now(UTC) - timedelta(hours=1)
    finally:
        on_celery.start()  # and its start-up drain sends what is due
    assert wait_for(lambda: settled(*sent, *pending, *crashed)), on_celery.log()
    quiet()
    assert len(worker_channels.telegram.accepted()) == 3  # record, crossing change, the crash resent once
    assert len(worker_channels.smtp.messages) == 3
    assert delivery(crashed[0]).timeouts == 1
    assert {d.state for d in deliveries()} == {"sent"}


def test_the_worker_logs_no_secret_even_at_debug(on_celery: DeliveryWorker, worker_channels: Channels) -> None:
    worker_channels.telegram.script(Reply.too_many_requests(1))
    [telegram_id, _] = open_alert(worker_channels)
    on_celery.send(DELIVER, telegram_id)
    assert wait_for(lambda: settled(telegram_id)), on_celery.log()
    log = on_celery.full_log()
    assert " DEBUG" in log or "DEBUG/" in log  # the worker runs at -l DEBUG
    assert "tgram://1...1/" + CHAT_ID in log  # our lines name the target by its privacy form
    assert BOT_TOKEN not in log and BOT_TOKEN.split(":")[1] not in log
    stored = "".join(f"{d.last_error} {d.target_label}" for d in deliveries())
    assert BOT_TOKEN.split(":")[1] not in stored
