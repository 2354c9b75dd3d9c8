"""Delivery fixtures: a real SMTP server and a fake Telegram Bot API (shared by the
in-process tests and the Celery worker), targets pointing at them, quick retries,
and a Celery worker of our own that runs ``alerts.delivery.tasks``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import pytest
import redis
from celery import Celery

from alerts.delivery.targets import load_targets
from tests.alerts.delivery.support import Channels, channel_env
from tests.conftest import ROOT, CeleryWorker, apply_settings
from tests.support.fake_telegram import FakeTelegram
from tests.support.smtp import SmtpServer
from worker.settings import get_settings

# On the worker a test watches from outside: retries slow enough to see a channel come back.
WORKER_RETRIES = {"RAILWATCH_DELIVERY_BACKOFF_SECONDS": "0.2", "RAILWATCH_DELIVERY_BACKOFF_CAP_SECONDS": "1.0",
                  "RAILWATCH_DELIVERY_MAX_ATTEMPTS": "5"}


@pytest.fixture(scope="session")
def telegram_server() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def telegram(telegram_server: FakeTelegram) -> Iterator[FakeTelegram]:
    telegram_server.reset()
    yield telegram_server
    telegram_server.reset()


@pytest.fixture
def smtp(smtp_server: SmtpServer) -> Iterator[SmtpServer]:
    if not smtp_server.running:
        smtp_server.start()
    smtp_server.reset()
    yield smtp_server
    if not smtp_server.running:
        smtp_server.start()
    smtp_server.reset()


@pytest.fixture
def channels(telegram: FakeTelegram, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> Channels:
    apply_settings(monkeypatch, **channel_env(telegram, smtp))
    return Channels(telegram, smtp, load_targets(get_settings()))


# --- a Celery worker that runs the delivery tasks ------------------------------------------

class DeliveryWorker(CeleryWorker):
    """The shared fixture's worker, plus ``-I alerts.delivery.tasks`` (the app's
    autodiscovery imports ``alerts.tasks`` only) and DEBUG logging (the level at
    which apprise and urllib3 would print the bot token)."""

    def start(self) -> DeliveryWorker:
        env = {**os.environ, "RAILWATCH_BROKER_URL": self.broker, "RAILWATCH_DATABASE_URL": self.database,
               "RAILWATCH_LOG_JSON": "0", **self.extra_env}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "worker.celery_app", "worker", "-I", "alerts.delivery.tasks",
             "-Q", self.queues, "-c", "2", "-l", "DEBUG", "-n", self.name, "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=self.log_path.open("wb"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"celery worker exited:\n{self.log()}")
            nodes = [host for reply in self.client().control.ping(timeout=0.5) for host in reply
                     if self.name.split("@")[0] in host]
            if nodes:
                self.node = nodes[0]
                return self
        raise RuntimeError(f"celery worker did not start in 60 s:\n{self.log()}")

    _client: Celery | None = None
    node = ""

    def client(self) -> Celery:
        if self._client is None:
            self._client = super().client()
        return self._client

    def full_log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def send(self, task: str, *args: object) -> None:
        self.client().send_task(task, args=list(args), queue="alerts")

    def quiesce(self, timeout: float = 30.0) -> None:
        """Wait until the worker holds no task (retries with a countdown included), so
        nothing of one test runs into the next. No answer is not an answer of idleness."""
        inspect = self.client().control.inspect(timeout=1.0, destination=[self.node])
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            held = [inspect.active(), inspect.reserved(), inspect.scheduled()]
            if all(answer and not any(answer.values()) for answer in held):
                return
            time.sleep(0.2)
        raise AssertionError(f"the worker did not go idle in {timeout} s:\n{self.log()}")


@pytest.fixture(scope="session")
def redis_broker(redis_broker: str) -> str:  # type: ignore[override]
    """A Redis database of our own: the shared worker (if another test started it)
    must not take our tasks."""
    broker = redis_broker.rsplit("/", 1)[0] + "/13"
    redis.Redis.from_url(broker).flushdb()
    return broker


@pytest.fixture(scope="session")
def celery_worker(redis_broker: str, postgres_server: str, telegram_server: FakeTelegram, smtp_server: SmtpServer,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[DeliveryWorker]:
    """Overrides the shared worker for these tests (``on_celery`` uses it)."""
    worker = DeliveryWorker(redis_broker, postgres_server, "alerts", tmp_path_factory.mktemp("celery") / "worker.log",
                            env={**channel_env(telegram_server, smtp_server), **WORKER_RETRIES,
                                 "RAILWATCH_GROUPING_WAIT_SECONDS": "0", "RAILWATCH_LOG_LEVEL": "DEBUG"})
    worker.name = f"delivery-{uuid.uuid4().hex[:8]}@%h"
    yield worker.start()
    worker.stop()


@pytest.fixture
def worker_channels(on_celery: DeliveryWorker, telegram: FakeTelegram, smtp: SmtpServer,
                    monkeypatch: pytest.MonkeyPatch) -> Iterator[Channels]:
    """This test's process sees the worker's targets; the worker is idle before it (its
    start-up drain may have met rows of an earlier test) and after it."""
    apply_settings(monkeypatch, **{**channel_env(telegram, smtp), **WORKER_RETRIES})
    on_celery.quiesce()
    yield Channels(telegram, smtp, load_targets(get_settings()))
    on_celery.quiesce()
