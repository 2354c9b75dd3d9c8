"""Politeness beyond Scrapy's defaults: robots.txt Crawl-delay, retries that back off,
and no request outside the source's domains.

Scrapy obeys robots.txt rules but not its Crawl-delay, and retries 5xx/timeouts at
once; here each retry doubles the delay of the host's download slot, and successes
halve it again. Scrapy's offsite filter lets ``dont_filter`` requests (discovery pages,
retries) and their redirects through; ``SiteBoundary`` does not.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

from crawler.errors import AlreadyRequested, OffsiteRedirect

MAX_BACKOFF = 60.0


class CrawlDelay:
    """Downloader middleware: keeps each host's slot delay at or above its Crawl-delay."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.delays: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelay:
        return cls(crawler)

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        agent = self.crawler.settings.get("USER_AGENT", "*")
        parser = getattr(robotparser, "rp", None)
        delay = parser.crawl_delay(agent) if parser is not None and hasattr(parser, "crawl_delay") else None
        if delay:
            self.delays[urlsplit(request.url).hostname or ""] = float(delay)
            self.crawler.stats.set_value("railwatch/crawl_delay", float(delay))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        delay = self.delays.get(urlsplit(request.url).hostname or "")
        if delay:
            _raise_slot_delay(self.crawler, request, delay)


class BackoffRetry(RetryMiddleware):
    """Retry 5xx and timeouts like Scrapy does, and double the host's delay each time."""

    def _retry(self, request: Request, reason: Any) -> Request | None:
        retry = super()._retry(request, reason)
        if retry is not None:
            slot = _slot(self.crawler, request)
            if slot is not None:
                slot.delay = min(MAX_BACKOFF, max(slot.delay * 2, self.backoff_floor))
            self.crawler.stats.inc_value("railwatch/retries")
        return retry

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Request | Response:
        result = super().process_response(request, response)
        if result is response and response.status < 500 and not self.crawler.settings.getbool("AUTOTHROTTLE_ENABLED"):
            slot = _slot(self.crawler, request)  # the host answers again: come back down towards the base delay
            base = self.crawler.settings.getfloat("DOWNLOAD_DELAY")
            if slot is not None and slot.delay > base:
                slot.delay = max(base, slot.delay / 2)
        return result

    @property
    def backoff_floor(self) -> float:
        return self.crawler.settings.getfloat("RAILWATCH_RETRY_BACKOFF", 0.5)


def _slot(crawler: Crawler, request: Request) -> Any:
    downloader = crawler.engine.downloader if crawler.engine else None
    if downloader is None:
        return None
    key = downloader.get_slot_key(request)
    return downloader.slots.get(key)


def _raise_slot_delay(crawler: Crawler, request: Request, delay: float) -> None:
    slot = _slot(crawler, request)
    if slot is not None and slot.delay < delay:
        slot.delay = delay


class SiteBoundary:
    """Downloader middleware: a request outside the spider's allowed domains is refused,
    whatever ``dont_filter`` says; an off-site redirect is counted, never followed. A
    redirect to an article the crawl already asked for (a legacy URL and its current
    one, both linked) is dropped too."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteBoundary:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        allowed = getattr(self.crawler.spider, "allowed_domains", None)
        if not allowed:
            return
        host = (urlparse_cached(request).hostname or "").lower()
        if any(host == domain or host.endswith("." + domain) for domain in allowed):
            self._claim(request)
            return
        kind = "redirect" if request.meta.get("redirect_urls") else "link"
        self.crawler.stats.inc_value(f"railwatch/offsite/{kind}")
        raise OffsiteRedirect(f"{request.url} is outside {', '.join(allowed)}")

    def _claim(self, request: Request) -> None:
        if not request.meta.get("redirect_urls") or request.meta.get("kind") != "article" \
                or request.meta.get("claimed") == request.url:
            return
        claim = getattr(self.crawler.spider, "claim", None)
        if claim is not None and not claim(request.url):
            raise AlreadyRequested(f"{request.url} was already requested")
        request.meta["claimed"] = request.url
