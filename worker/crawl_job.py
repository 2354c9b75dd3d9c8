"""Running a crawl as a job: a Scrapy child process, one at a time per source.

Twisted's reactor cannot be restarted inside a long-lived worker, so every crawl
is ``scrapy crawl`` in a child process with a hard time limit; the child ends when
its parent dies (``crawler.lifeline``). On a broker, a Redis lock keeps one source
from being crawled twice at once; a lock whose holder died expires within its TTL.
A run that finds the lock held is recorded as ``skipped``.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import redis
from redis.exceptions import LockError
from redis.lock import Lock

from worker.settings import Settings, get_settings
from worker.storage.db import session_scope
from worker.storage.models import CrawlRun

log = logging.getLogger(__name__)

LOCK_PREFIX = "railwatch:crawl-lock:"
PARENT_PID_VARIABLE = "RAILWATCH_PARENT_PID"
"""Set for the crawl child to our pid: ``crawler.lifeline`` ends the crawl when we die."""


@dataclass(frozen=True, slots=True)
class CrawlRequest:
    source: str
    since: date | None = None
    until: date | None = None
    ways: tuple[str, ...] = ()
    """Discovery ways to use (feeds, sitemaps, listings, archives); empty means all."""
    lang: str | None = None
    base_url: str | None = None
    log_level: str | None = None

    def scrapy_args(self) -> list[str]:
        args = ["crawl", self.source]
        for name, value in (("since", self.since), ("until", self.until), ("lang", self.lang),
                            ("base_url", self.base_url), ("ways", ",".join(self.ways) or None)):
            if value:
                args += ["-a", f"{name}={value.isoformat() if isinstance(value, date) else value}"]
        return args


@dataclass(frozen=True, slots=True)
class CrawlResult:
    source: str
    status: str
    """finished, failed, timeout, or skipped (another crawl of the source held the lock)"""
    returncode: int | None = None


def scrapy_command(request: CrawlRequest) -> list[str]:
    """``scrapy crawl`` with railwatch's logging from its first line (``crawler/__main__.py``)."""
    return [sys.executable, "-m", "crawler", *request.scrapy_args()]


def start_crawl(request: CrawlRequest, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start the crawl without waiting (the single-process runner polls it).

    The child needs no scrapy.cfg (an installed railwatch has none) and sees the same
    database as this process, however relative its configured path is.
    """
    child_env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings",
                 "RAILWATCH_DATABASE_URL": absolute_database_url(get_settings().database_url),
                 PARENT_PID_VARIABLE: str(os.getpid()), **(env or {})}
    if request.log_level:
        child_env["RAILWATCH_LOG_LEVEL"] = request.log_level
    return subprocess.Popen(scrapy_command(request), env=child_env, start_new_session=True)


def absolute_database_url(url: str) -> str:
    """``sqlite:///railwatch.db`` relative to this process's directory, made absolute."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite://":
        return prefix + str(Path(url[len(prefix):]).resolve())
    return url


def stop_crawl(process: subprocess.Popen[bytes], grace_seconds: float = 10) -> None:
    """Ask Scrapy to close cleanly (SIGTERM), then kill it if it does not."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_crawl(request: CrawlRequest, settings: Settings | None = None) -> CrawlResult:
    """Run one crawl to its end (or its time limit), holding the source's lock."""
    settings = settings or get_settings()
    lock = SourceLock.for_source(request.source, settings)
    if not lock.acquire():
        record_skipped(request)
        log.info("crawl of %s skipped: another crawl holds its lock", request.source)
        return CrawlResult(request.source, "skipped")
    try:
        process = start_crawl(request)
        deadline = time.monotonic() + settings.crawl_time_limit + 60
        try:
            while (returncode := _wait(process, lock.renew_every)) is None:
                if time.monotonic() > deadline:
                    stop_crawl(process)
                    log.warning("crawl of %s stopped at its time limit", request.source)
                    return CrawlResult(request.source, "timeout", process.returncode)
                lock.renew()
        except BaseException:
            stop_crawl(process)  # the task was cancelled or hit its hard limit
            raise
    finally:
        lock.release()
    return CrawlResult(request.source, "finished" if returncode == 0 else "failed", returncode)


def _wait(process: subprocess.Popen[bytes], seconds: float) -> int | None:
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return None


class SourceLock:
    """One crawl per source at a time, across workers: a Redis lock with a short TTL that
    its holder renews while the crawl runs, so a holder killed mid-crawl frees the source
    within ``crawl_lock_ttl`` seconds instead of blocking it for a whole time limit.

    In-process (no broker) the single runner serialises crawls and the lock is a no-op.
    """

    def __init__(self, source: str, lock: Lock | None, ttl: float) -> None:
        self.source, self._lock = source, lock
        self.renew_every = ttl / 3

    @classmethod
    def for_source(cls, source: str, settings: Settings) -> SourceLock:
        if settings.broker_url is None:
            return cls(source, None, settings.crawl_lock_ttl)
        client = redis.Redis.from_url(settings.broker_url)
        return cls(source, client.lock(LOCK_PREFIX + source, timeout=settings.crawl_lock_ttl, blocking=False),
                   settings.crawl_lock_ttl)

    def acquire(self) -> bool:
        return self._lock is None or bool(self._lock.acquire())

    def renew(self) -> None:
        """Reset the TTL; a lock already lost (Redis restarted, a long stall) is taken again if free."""
        if self._lock is None:
            return
        try:
            self._lock.reacquire()
        except LockError:
            log.warning("crawl lock of %s was lost; taking it again", self.source)
            if not self._lock.acquire():
                log.error("crawl lock of %s is now held by another crawl", self.source)

    def release(self) -> None:
        if self._lock is None:
            return
        try:
            self._lock.release()
        except LockError:
            log.warning("crawl lock of %s expired before the crawl ended", self.source)


def record_skipped(request: CrawlRequest) -> None:
    now = datetime.now(UTC)
    with session_scope() as session:
        session.add(CrawlRun(source=request.source, started_at=now, finished_at=now, since=request.since,
                             until=request.until, verdict="skipped",
                             stats={"reason": "another crawl of this source was running"}))


def requests_for(sources: Sequence[str], **kwargs: object) -> list[CrawlRequest]:
    return [CrawlRequest(source=name, **kwargs) for name in sources]  # type: ignore[arg-type]
