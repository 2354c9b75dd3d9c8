"""Extension: a crawl process that does not pay for what it never uses.

Two per-page costs of a plain Scrapy process, measured with the crawl benchmark
(``python -m benchmarks crawl``; figures in the README):

- Scrapy pins its logger at DEBUG whatever ``LOG_LEVEL`` says, so every page builds
  "Crawled (200)" and "Scraped from" records that the handler then drops. Here the
  logger's level follows ``LOG_LEVEL``: a record below it is never built.
- Each full garbage collection walks every long-lived object: the modules, settings
  and caches of Scrapy, Twisted, SQLAlchemy, pydantic and lxml, hundreds of thousands
  of objects that will live as long as the process. Freezing the heap as it stands
  when the engine starts takes them out of those walks; what the crawl allocates
  afterwards is collected as usual. The heap is unfrozen when the engine stops, so a
  process that goes on after the crawl loses nothing.
"""

from __future__ import annotations

import gc
import logging

from scrapy import signals
from scrapy.crawler import Crawler


class LeanProcess:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.engine_started, signal=signals.engine_started)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeanProcess:
        return cls(crawler)

    def engine_started(self) -> None:
        level = logging.getLevelName(str(self.crawler.settings.get("LOG_LEVEL", "DEBUG")).upper())
        if isinstance(level, int):
            logger = logging.getLogger("scrapy")
            logger.setLevel(max(level, logger.getEffectiveLevel()))
        gc.collect()  # what start-up left as garbage goes now, not into the frozen heap
        gc.freeze()

    def engine_stopped(self) -> None:
        gc.unfreeze()
