"""Shared fixtures: databases (SQLite per test, a fresh PostgreSQL database per session),
the Redis broker, and a real Celery worker process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import redis
from celery import Celery

from tests.support.services import reachable, require
from worker.settings import get_settings, reset_settings
from worker.source_profiles import profile_for
from worker.storage.db import dispose_engines, get_engine
from worker.storage.migrate import upgrade
from worker.storage.models import Base

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def apply_settings(monkeypatch: pytest.MonkeyPatch, **env: str | None) -> None:
    """Set RAILWATCH_* variables for this test and forget cached settings and pools."""
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    reset_settings()
    profile_for.cache_clear()
    dispose_engines()


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test sees the developer's .env or broker, or writes railwatch.db in the repo."""
    monkeypatch.chdir(tmp_path)
    apply_settings(monkeypatch, RAILWATCH_BROKER_URL=None, RAILWATCH_DATABASE_URL=None)
    yield
    reset_settings()
    dispose_engines()


@pytest.fixture
def sqlite_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'railwatch.db'}"
    apply_settings(monkeypatch, RAILWATCH_DATABASE_URL=url)
    upgrade(url)
    return url


# --- PostgreSQL -------------------------------------------------------------------------

@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A database of our own on the real server, created for this session and dropped after."""
    settings = get_settings()
    require("PostgreSQL", reachable(settings.test_postgres_url, 5432), settings.test_postgres_url, settings)
    with new_database(settings.test_postgres_url) as url:
        yield url


@pytest.fixture(scope="module")
def private_postgres(postgres_server: str) -> Iterator[str]:
    """A database for one module's own workers. The session's workers outlive the tests
    that used them, and a retry one still holds would act on rows of the shared database
    that by then belong to another test."""
    with new_database(get_settings().test_postgres_url) as url:
        yield url


@contextmanager
def new_database(base: str) -> Iterator[str]:
    name = f"railwatch_test_{uuid.uuid4().hex[:10]}"
    admin = _libpq(base)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = _with_database(base, name)
    upgrade(url)
    try:
        yield url
    finally:
        dispose_engines()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_db(postgres_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    truncate_all(postgres_server)
    apply_settings(monkeypatch, RAILWATCH_DATABASE_URL=postgres_server)
    return postgres_server


def truncate_all(url: str) -> None:
    """Empty every table but ``sources``: source rows are never deleted in railwatch,
    and processes (a Celery worker) remember their ids."""
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables if t.name != "sources")
    with get_engine(url).begin() as connection:
        connection.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


# --- Redis and Celery --------------------------------------------------------------------

@pytest.fixture(scope="session")
def redis_broker() -> str:
    settings = get_settings()
    url = settings.test_redis_url
    require("Redis", reachable(url, 6379), url, settings)
    redis.Redis.from_url(url).flushdb()
    return url


class CeleryWorker:
    """A real ``celery worker`` process on the Redis broker, writing to PostgreSQL."""

    def __init__(self, broker: str, database: str, queues: str, log_path: Path,
                 env: dict[str, str] | None = None) -> None:
        self.broker, self.database, self.queues = broker, database, queues
        self.log_path = log_path
        self.extra_env = env or {}
        self.name = f"test-{uuid.uuid4().hex[:8]}@%h"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> CeleryWorker:
        env = {**os.environ, "RAILWATCH_BROKER_URL": self.broker,
               "RAILWATCH_DATABASE_URL": self.database, "RAILWATCH_LOG_JSON": "0",
               "RAILWATCH_GROUPING_WAIT_SECONDS": os.environ.get("RAILWATCH_GROUPING_WAIT_SECONDS", "0"),
               **self.extra_env}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "worker.celery_app", "worker",
             "-Q", self.queues, "-c", "2", "-l", "INFO", "-n", self.name,
             "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=self.log_path.open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True,  # kill() takes its pool processes with it
        )
        app = self.client()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"celery worker exited:\n{self.log()}")
            replies = app.control.ping(timeout=0.5)
            if any(self.name.split("@")[0] in host for reply in replies for host in reply):
                return self
        raise RuntimeError(f"celery worker did not start in 60 s:\n{self.log()}")

    def client(self) -> Celery:
        """A Celery app on this worker's broker, for sending it tasks by name."""
        from worker.celery_app import app

        if self.broker == app.conf.broker_url:
            return app
        from worker.celery_app import create_app
        from worker.settings import Settings

        return create_app(Settings(broker_url=self.broker, database_url=self.database))

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]

    def kill(self) -> None:
        """SIGKILL the worker and its pool at once, as an OOM killer or a pulled plug would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def configure_celery_client(broker: str) -> None:
    """Point this process's Celery app at the test broker before its first use."""
    from worker.celery_app import app

    app.conf.update(broker_url=broker, result_backend=broker)


@pytest.fixture(scope="session")
def celery_worker(redis_broker: str, postgres_server: str,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[CeleryWorker]:
    configure_celery_client(redis_broker)
    worker = CeleryWorker(redis_broker, postgres_server, "ingest,alerts,crawl",
                          tmp_path_factory.mktemp("celery") / "worker.log").start()
    yield worker
    worker.stop()


@pytest.fixture
def on_celery(celery_worker: CeleryWorker, postgres_db: str, redis_broker: str,
              monkeypatch: pytest.MonkeyPatch) -> CeleryWorker:
    """This test's tasks go to the real worker (and its PostgreSQL database)."""
    apply_settings(monkeypatch, RAILWATCH_BROKER_URL=redis_broker,
                   RAILWATCH_DATABASE_URL=postgres_db)
    return celery_worker
