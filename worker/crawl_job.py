"""Running a crawl as a job: a Scrapy child process, one at a time per source.

Twisted's reactor cannot be restarted inside a long-lived worker, so every crawl
is ``scrapy crawl`` in a child process with a hard time limit. On a broker, a Redis
lock keeps one source from being crawled twice at once; a lock whose holder died
expires with its timeout. A run that finds the lock held is recorded as ``skipped``.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from worker.settings import Settings, get_settings
from worker.storage.db import session_scope
from worker.storage.models import CrawlRun

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOCK_PREFIX = "railwatch:crawl-lock:"


@dataclass(frozen=True, slots=True)
class CrawlRequest:
    source: str
    since: date | None = None
    until: date | None = None
    ways: tuple[str, ...] = ()
    """Discovery ways to use (feeds, sitemaps, listings, archives); empty means all."""
    lang: str | None = None
    base_url: str | None = None

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
    return [sys.executable, "-m", "scrapy", *request.scrapy_args()]


def start_crawl(request: CrawlRequest, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start the crawl without waiting (the single-process runner polls it)."""
    return subprocess.Popen(scrapy_command(request), cwd=PROJECT_ROOT, env={**os.environ, **(env or {})},
                            start_new_session=True)


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
    with crawl_lock(request.source, settings) as acquired:
        if not acquired:
            record_skipped(request)
            log.info("crawl of %s skipped: another crawl holds its lock", request.source)
            return CrawlResult(request.source, "skipped")
        process = start_crawl(request)
        try:
            returncode = process.wait(timeout=settings.crawl_time_limit + 60)
        except subprocess.TimeoutExpired:
            stop_crawl(process)
            log.warning("crawl of %s stopped at its time limit", request.source)
            return CrawlResult(request.source, "timeout", process.returncode)
        except BaseException:
            stop_crawl(process)  # the task was cancelled or hit its hard limit
            raise
    return CrawlResult(request.source, "finished" if returncode == 0 else "failed", returncode)


@contextmanager
def crawl_lock(source: str, settings: Settings) -> Iterator[bool]:
    """Redis lock per source on a broker; in-process, the single runner serialises crawls."""
    if settings.broker_url is None:
        yield True
        return
    import redis

    client = redis.Redis.from_url(settings.broker_url)
    lock = client.lock(LOCK_PREFIX + source, timeout=settings.crawl_time_limit + 120, blocking=False)
    acquired = lock.acquire()
    try:
        yield bool(acquired)
    finally:
        if acquired:
            try:
                lock.release()
            except redis.exceptions.LockError:
                log.warning("crawl lock of %s expired before the crawl ended", source)


def record_skipped(request: CrawlRequest) -> None:
    now = datetime.now(UTC)
    with session_scope() as session:
        session.add(CrawlRun(source=request.source, started_at=now, finished_at=now, since=request.since,
                             until=request.until, verdict="skipped",
                             stats={"reason": "another crawl of this source was running"}))


def requests_for(sources: Sequence[str], **kwargs: object) -> list[CrawlRequest]:
    return [CrawlRequest(source=name, **kwargs) for name in sources]  # type: ignore[arg-type]
