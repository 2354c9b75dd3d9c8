"""Every crawl leaves a row: what it requested, what it found, and a verdict.

Verdicts: ``ok``; ``empty`` (discovery worked but found no article where articles are
expected); ``blocked`` (403/429, a bot challenge such as "Just a moment...", a login
wall); ``failed`` (no discovery page could be read at all).
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from worker.storage.db import session_scope
from worker.storage.migrate import ensure_schema
from worker.storage.models import CrawlRun

log = logging.getLogger(__name__)

PREFIX = "railwatch/"
_CHALLENGE = re.compile(
    rb"<title>\s*(?:just a moment|attention required|access denied|checking your browser|ddos-guard|"
    rb"please wait|security check)|cf-challenge|challenge-platform|g-recaptcha|hcaptcha|__cf_chl_", re.I)
_LOGIN_WALL = re.compile(rb"<form[^>]+(?:login|signin|sign-in)[^>]*>.{0,2000}?type=[\"']?password", re.I | re.S)


def is_blocked_page(body: bytes) -> bool:
    """A bot challenge or a login wall instead of the page asked for."""
    head = body[:50_000]
    return bool(_CHALLENGE.search(head) or _LOGIN_WALL.search(head))


class RunRecorder:
    """Extension: opens the run row when the spider starts, closes it with the verdict."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        return cls(crawler)

    def opened(self, spider: Spider) -> None:
        try:
            ensure_schema()
            with session_scope() as session:
                run = CrawlRun(source=spider.name, started_at=datetime.now(UTC), since=getattr(spider, "since", None),
                               until=getattr(spider, "until", None))
                session.add(run)
                session.flush()
                spider.run_id = run.id  # type: ignore[attr-defined]
        except Exception:
            log.exception("could not record the crawl run of %s", spider.name)

    def closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        summary = summarize(stats, reason)
        verdict = decide(summary)
        summary["verdict_reason"] = reason
        log.log(logging.WARNING if verdict != "ok" else logging.INFO, "crawl of %s finished: %s %s", spider.name,
                verdict, {k: v for k, v in summary.items() if v},
                extra={"crawl_run_id": getattr(spider, "run_id", None)})
        run_id = getattr(spider, "run_id", None)
        if run_id is None:
            return
        try:
            with session_scope() as session:
                run = session.get(CrawlRun, run_id)
                if run is not None:
                    run.finished_at = datetime.now(UTC)
                    run.verdict = verdict
                    run.new_articles = int(summary.get("new_articles", 0))
                    run.stats = summary
                    run.error = None if reason == "finished" else reason
        except Exception:
            log.exception("could not close the crawl run of %s", spider.name)


def summarize(stats: dict[str, Any], reason: str) -> dict[str, Any]:
    ours = {key[len(PREFIX):]: value for key, value in stats.items() if key.startswith(PREFIX)}
    pages: dict[str, int] = {}
    errors: dict[str, int] = {}
    for key, value in ours.items():
        if key.startswith("pages/"):
            pages[key[6:]] = int(value)
        elif key.startswith("errors/"):
            errors[key[7:]] = int(value)
    for key, value in stats.items():  # Scrapy's own counters that matter here
        if key == "offsite/filtered":
            errors["offsite_redirect"] = int(value)
        elif key == "robotstxt/forbidden":
            errors["robots_forbidden"] = int(value)
    return {
        "pages": pages, "errors": errors,
        "not_modified": int(ours.get("not_modified", 0)),
        "candidates": int(ours.get("candidates", 0)),
        "skipped_known": int(ours.get("skipped_known", 0)),
        "skipped_old": int(ours.get("skipped_old", 0)),
        "new_articles": int(ours.get("new_articles", 0)),
        "handed_off": int(ours.get("handed_off", 0)),
        "blocked": int(ours.get("blocked", 0)),
        "discovery_ok": int(ours.get("discovery_ok", 0)),
        "discovery_failed": int(ours.get("discovery_failed", 0)),
        "fallbacks": int(ours.get("fallbacks", 0)),
        "reason": reason,
    }


def decide(summary: dict[str, Any]) -> str:
    if summary["blocked"]:
        return "blocked"
    if summary["discovery_ok"] == 0 and summary["not_modified"] == 0:
        return "failed" if summary["discovery_failed"] else "empty"
    if summary["candidates"] == 0 and summary["not_modified"] == 0:
        return "empty"
    return "ok"
