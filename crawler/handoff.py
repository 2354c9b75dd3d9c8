"""Hand-off of fetched article pages to the ingest path; the crawler cleans nothing.

In-process the ingest runs in Twisted's thread pool (the reactor keeps fetching while
trafilatura works); with a broker it is one task per page on the ingest queue.
``RAILWATCH_HANDOFF`` (a Scrapy setting) swaps the hand-off, e.g. for the benchmark.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object
from twisted.internet import threads
from twisted.internet.defer import Deferred

from worker.pages import FetchedPage

log = logging.getLogger(__name__)


def submit(page: FetchedPage) -> Any:
    from worker.dispatch import submit_ingest

    return submit_ingest(page)


def discard(page: FetchedPage) -> None:
    """Hand-off to nowhere: what a crawl costs without ingesting (benchmarks)."""


class HandOffPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.handoff = load_object(crawler.settings.get("RAILWATCH_HANDOFF", "crawler.handoff.submit"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HandOffPipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any],
                     spider: Spider | None = None) -> Deferred[dict[str, Any]] | dict[str, Any]:
        page: FetchedPage = item["page"]
        stats = self.crawler.stats
        from worker.settings import get_settings

        if self.handoff is submit and get_settings().in_process:
            deferred = threads.deferToThread(self.handoff, page)

            def counted(outcome: Any) -> dict[str, Any]:
                stats.inc_value("railwatch/handed_off")
                if getattr(outcome, "status", None) in ("stored", "duplicate"):
                    stats.inc_value("railwatch/new_articles")
                return item

            def failed(failure: Any) -> dict[str, Any]:
                stats.inc_value("railwatch/errors/ingest")
                log.error("ingest of %s failed: %s", page.url, failure.getErrorMessage())
                return item

            deferred.addCallbacks(counted, failed)
            return deferred
        self.handoff(page)
        stats.inc_value("railwatch/handed_off")
        stats.inc_value("railwatch/new_articles")  # queued: the worker stores it
        return item
