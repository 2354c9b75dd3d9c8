"""Every crawl leaves a row: what it requested, what it found, and a verdict.

Verdicts: ``ok``; ``empty`` (discovery pages answered but held no article link, where
articles are expected); ``blocked`` (403/429, a bot challenge such as "Just a
moment...", a login wall: on every discovery page, or on most article pages);
``failed`` (no discovery page could be read at all). A long backfill logs its progress
every ``RAILWATCH_PROGRESS_SECONDS``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from twisted.internet import task

from worker.logs import adopt_handlers, set_process_context
from worker.storage.db import session_scope
from worker.storage.migrate import ensure_schema
from worker.storage.models import CrawlRun

log = logging.getLogger(__name__)

PREFIX = "railwatch/"
COUNTERS = ("not_modified", "candidates", "skipped_known", "skipped_old", "skipped_newer", "skipped_not_html",
            "skipped_redirect_known",
            "new_articles", "handed_off", "discovery_ok", "discovery_failed", "fallbacks", "pagination_fallbacks",
            "pagination_end", "retries")


class RunRecorder:
    """Extension: opens the run row when the spider starts, closes it with the verdict."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.progress: task.LoopingCall | None = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)
        adopt_handlers()  # Scrapy installed its log handler already: JSON and ids, like the rest

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        return cls(crawler)

    def opened(self, spider: Spider) -> None:
        set_process_context(source=spider.name)
        every = self.crawler.settings.getfloat("RAILWATCH_PROGRESS_SECONDS", 30.0)
        if every > 0:
            self.progress = task.LoopingCall(self.report_progress, spider)
            self.progress.start(every, now=False)
        try:
            ensure_schema()
            with session_scope() as session:
                run = CrawlRun(source=spider.name, started_at=datetime.now(UTC), since=getattr(spider, "since", None),
                               until=getattr(spider, "until", None))
                session.add(run)
                session.flush()
                spider.run_id = run.id  # type: ignore[attr-defined]
            set_process_context(crawl_run_id=run.id)
        except Exception:
            log.exception("could not record the crawl run of %s", spider.name)

    def report_progress(self, spider: Spider) -> None:
        stats = self.crawler.stats.get_stats()
        summary = summarize(stats, "running")
        log.info("%s: %d discovery pages, back to %s; %d articles fetched, %d handed off; skipped %d known, %d old; "
                 "%d errors", spider.name, sum(v for k, v in summary["pages"].items() if k != "article"),
                 getattr(spider, "oldest_reached", None) or "-", summary["pages"].get("article", 0),
                 summary["handed_off"], summary["skipped_known"], summary["skipped_old"],
                 sum(summary["errors"].values()))

    def closed(self, spider: Spider, reason: str) -> None:
        if self.progress is not None and self.progress.running:
            self.progress.stop()
        tracker = getattr(spider, "tracker", None)
        summary = summarize(self.crawler.stats.get_stats(), reason, tracker.report() if tracker else {})
        oldest = getattr(spider, "oldest_reached", None)
        summary["oldest_reached"] = oldest.isoformat() if oldest else None
        verdict = decide(summary)
        run_id = getattr(spider, "run_id", None)
        log.log(logging.WARNING if verdict != "ok" else logging.INFO, "crawl of %s finished: %s %s", spider.name,
                verdict, {k: v for k, v in summary.items() if v}, extra={"crawl_run_id": run_id})
        if run_id is None:
            return
        try:
            with session_scope() as session:
                run = session.get(CrawlRun, run_id)
                if run is not None:
                    run.finished_at = datetime.now(UTC)
                    run.verdict = verdict
                    run.new_articles = int(summary["new_articles"])
                    run.stats = summary
                    run.error = None if reason == "finished" else reason
        except Exception:
            log.exception("could not close the crawl run of %s", spider.name)


def summarize(stats: dict[str, Any], reason: str, ways: dict[str, str] | None = None) -> dict[str, Any]:
    """The run row's stats: our counters by group, plus the Scrapy ones that matter."""
    groups: dict[str, dict[str, int]] = {"pages": {}, "errors": {}, "blocked": {}, "offsite": {}}
    flat: dict[str, int] = dict.fromkeys(COUNTERS, 0)
    for key, value in stats.items():
        if key.startswith(PREFIX):
            name = key[len(PREFIX):]
            group, _, rest = name.partition("/")
            if rest and group in groups:
                groups[group][rest] = int(value)
            elif name in flat:
                flat[name] = int(value)
        elif key.startswith("spider_exceptions/") and key.count("/") == 1:
            groups["errors"]["exception_" + key.split("/", 1)[1].lower()] = int(value)
    started, finished = stats.get("start_time"), stats.get("finish_time")
    elapsed = stats.get("elapsed_time_seconds") or (
        (finished - started).total_seconds() if isinstance(started, datetime) and isinstance(finished, datetime)
        else None)
    return {**groups, **flat, "ways": dict(ways or {}), "reason": reason,
            "elapsed_seconds": round(float(elapsed), 3) if elapsed is not None else None}


def decide(summary: dict[str, Any]) -> str:
    blocked = summary.get("blocked", {})
    reached = summary["discovery_ok"]  # counts 304s too
    fetched_ok = summary["handed_off"] + summary.get("skipped_not_html", 0)
    if blocked.get("discovery", 0) and reached == 0:
        return "blocked"
    if blocked.get("article", 0) and blocked["article"] >= fetched_ok:
        return "blocked"
    if reached == 0:
        failures = summary["discovery_failed"] + sum(
            v for k, v in summary.get("errors", {}).items() if k.startswith("exception_"))
        return "failed" if failures else "empty"
    return "ok"
