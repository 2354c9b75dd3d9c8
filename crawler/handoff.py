"""Hand-off of fetched article pages to the ingest path; the crawler cleans nothing.

In-process the ingest runs in a worker thread (the reactor keeps fetching while
trafilatura works); with a broker it is one task per page on the ingest queue.
``RAILWATCH_HANDOFF`` (a Scrapy setting) swaps the hand-off, e.g. for the benchmark.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object

from worker.pages import FetchedPage
from worker.settings import get_settings

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
        # SQLite takes one writer at a time: more ingest threads would only queue on its lock
        workers = 1 if get_settings().database_url.startswith("sqlite") else 4
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ingest")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HandOffPipeline:
        return cls(crawler)

    async def process_item(self, item: dict[str, Any], spider: Spider | None = None) -> dict[str, Any]:
        page: FetchedPage = item["page"]
        stats = self.crawler.stats
        if self.handoff is submit and get_settings().in_process:
            try:
                outcome = await asyncio.get_running_loop().run_in_executor(self.executor, self.handoff, page)
            except Exception as error:
                stats.inc_value("railwatch/errors/ingest")
                log.error("ingest of %s failed: %s", page.url, error)
                return item
            stats.inc_value("railwatch/handed_off")
            if getattr(outcome, "status", None) in ("stored", "duplicate"):
                stats.inc_value("railwatch/new_articles")
            return item
        self.handoff(page)
        stats.inc_value("railwatch/handed_off")
        stats.inc_value("railwatch/new_articles")  # queued: the worker stores it
        return item

    def close_spider(self, spider: Spider | None = None) -> None:
        self.executor.shutdown(wait=True)
