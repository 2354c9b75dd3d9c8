"""Conditional GET for discovery pages: a feed, sitemap or listing that has not changed
since the last run answers 304 and costs nothing.

ETag and Last-Modified are kept per URL in ``http_validators``, loaded once per crawl
and written back when it ends, but only for pages whose articles all arrived: after a
failed article (a 500, a timeout), a time limit or a refusal, the next run must read the
page in full again to retry what is missing. Backfills send no validators.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from sqlalchemy import select

from worker.storage.db import session_scope
from worker.storage.models import HttpValidator


class ConditionalGet:
    """Downloader middleware: adds If-None-Match / If-Modified-Since to discovery requests
    (``meta["conditional"]``) and remembers what the server sent back (``meta["validators"]``)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.known: dict[str, tuple[str | None, str | None]] = {}
        self.seen: dict[str, tuple[str | None, str | None]] = {}
        crawler.signals.connect(self.load, signal=signals.spider_opened)
        crawler.signals.connect(self.save, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGet:
        return cls(crawler)

    def load(self, spider: Spider) -> None:
        try:
            with session_scope() as session:
                self.known = {v.url: (v.etag, v.last_modified) for v in session.scalars(select(HttpValidator))}
        except Exception:
            spider.logger.warning("conditional GET validators unavailable; fetching discovery pages in full")

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not request.meta.get("conditional"):
            return
        etag, modified = self.known.get(request.meta.get("real_url", request.url), (None, None))
        if etag:
            request.headers.setdefault("If-None-Match", etag)
        if modified:
            request.headers.setdefault("If-Modified-Since", modified)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if request.meta.get("validators") and response.status == 200:
            etag = response.headers.get("ETag")
            modified = response.headers.get("Last-Modified")
            if etag or modified:
                self.seen[request.meta.get("real_url", request.url)] = (
                    etag.decode("latin-1") if etag else None, modified.decode("latin-1") if modified else None)
        return response

    def save(self, spider: Spider, reason: Any = None) -> None:
        unsettled: set[str] = getattr(spider, "unsettled", set())
        if reason != "finished":
            return
        self.seen = {url: value for url, value in self.seen.items() if url not in unsettled}
        if not self.seen:
            return
        try:
            with session_scope() as session:
                query = select(HttpValidator).where(HttpValidator.url.in_(self.seen))
                rows = {v.url: v for v in session.scalars(query)}
                for url, (etag, modified) in self.seen.items():
                    row = rows.get(url) or HttpValidator(url=url)
                    row.etag, row.last_modified, row.checked_at = etag, modified, datetime.now(UTC)
                    session.add(row)
        except Exception:
            spider.logger.warning("could not store conditional GET validators")
