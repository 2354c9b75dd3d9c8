"""``railwatch run``: the whole of railwatch in one process, on the embedded defaults.

The same schedule as Celery beat (``worker/schedule.py``): crawls run as child
processes (each ingests in-process into the same database), and between them this
loop releases alerts whose grouping wait is over and drains the delivery outbox.
Stopping (Ctrl-C, SIGTERM) stops the crawls cleanly; a restart drains what was
pending and sends nothing twice (the outbox remembers what was sent).
"""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from worker.crawl_job import CrawlRequest, start_crawl, stop_crawl
from worker.schedule import DRAIN_EVERY, RELEASE_EVERY, WATCH_SOURCES_EVERY, CrawlSchedule

log = logging.getLogger(__name__)

MAX_PARALLEL_CRAWLS = 2


@dataclass
class _Periodic:
    name: str
    every: float
    action: Callable[[], object]
    next_at: float = 0.0


@dataclass
class Runner:
    schedules: Sequence[CrawlSchedule]
    release: Callable[[], object]
    drain: Callable[[], object]
    watch_sources: Callable[[], object]
    crawl_env: dict[str, str] = field(default_factory=dict)
    base_url: str | None = None
    clock: Callable[[], float] = time.monotonic
    _running: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    _next_crawl: dict[str, float] = field(default_factory=dict)

    def run(self, stop: threading.Event) -> None:
        """Loop until ``stop`` is set; crawls in flight are stopped cleanly on the way out."""
        housekeeping = [
            _Periodic("release alerts", RELEASE_EVERY.total_seconds(), self.release),
            _Periodic("drain deliveries", DRAIN_EVERY.total_seconds(), self.drain),
            _Periodic("watch sources", WATCH_SOURCES_EVERY.total_seconds(), self.watch_sources),
        ]
        log.info("railwatch run: %d crawl schedules", len(self.schedules))
        try:
            while not stop.is_set():
                self._reap()
                self._start_due_crawls()
                for job in housekeeping:
                    if self.clock() >= job.next_at:
                        self._safely(job.name, job.action)
                        job.next_at = self.clock() + job.every
                stop.wait(1.0)
        finally:
            self.stop_crawls()

    def stop_crawls(self) -> None:
        for name, process in list(self._running.items()):
            log.info("stopping crawl %s", name)
            stop_crawl(process)
        self._running.clear()

    def _start_due_crawls(self) -> None:
        now = self.clock()
        for schedule in self.schedules:
            busy = any(name.startswith(f"crawl-{schedule.source}-") for name in self._running)
            if busy or len(self._running) >= MAX_PARALLEL_CRAWLS:
                continue
            if now < self._next_crawl.get(schedule.name, 0.0):
                continue
            request = CrawlRequest(schedule.source, ways=schedule.ways, base_url=self.base_url)
            log.info("starting %s", schedule.name)
            self._running[schedule.name] = start_crawl(request, self.crawl_env)
            self._next_crawl[schedule.name] = now + schedule.every.total_seconds()

    def _reap(self) -> None:
        for name, process in list(self._running.items()):
            if process.poll() is not None:
                log.info("%s finished with exit %s", name, process.returncode)
                del self._running[name]

    @staticmethod
    def _safely(name: str, action: Callable[[], object]) -> None:
        try:
            action()
        except Exception:
            log.exception("%s failed; it runs again at its next turn", name)
