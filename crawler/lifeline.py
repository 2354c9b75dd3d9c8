"""A crawl started by a worker ends when that worker dies.

The crawl job runs ``scrapy crawl`` in a session of its own (so it can stop the whole
group), which also means a worker killed with SIGKILL would leave an orphan crawl
behind, still fetching and handing off pages for a source whose lock has expired.
This extension asks Linux to send the crawl SIGTERM when its parent dies — Scrapy's
graceful shutdown then closes the spider and records the run — and closes the spider
at once if the parent was already gone before the request could be made.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from worker.crawl_job import PARENT_PID_VARIABLE  # a crawl started by hand has none: no lifeline

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1


class Lifeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Lifeline:
        return cls(crawler)

    def opened(self, spider: Spider) -> None:
        parent = os.environ.get(PARENT_PID_VARIABLE, "")
        if not parent.isdigit():
            return
        if sys.platform == "linux":
            try:
                ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
            except (OSError, AttributeError):
                log.warning("could not tie this crawl to its parent process %s", parent)
        if os.getppid() != int(parent):
            log.warning("the worker that started this crawl is gone: closing %s", spider.name)
            assert self.crawler.engine is not None
            self.crawler.engine.close_spider(spider, reason="parent_gone")
