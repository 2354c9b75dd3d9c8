"""One spider for every source: the registry entry says where to look, this does the looking.

Discovery pages (feeds, sitemaps, listings, yearly archives) yield candidate links
with the dates they print. A candidate outside the date window, or already stored, is
never requested; the rest are fetched and handed to the ingest path. A site whose
chosen ways all fail (404, nothing found, refused) falls back to its next way, and
says so in the run's stats.

    scrapy crawl <source> [-a lang=ru] [-a since=YYYY-MM-DD] [-a until=YYYY-MM-DD]
                          [-a ways=feeds,listings] [-a base_url=http://127.0.0.1:8080]
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.dates import date_in_url, parse_date
from crawler.discovery import Candidate
from crawler.discovery.feeds import parse_feed
from crawler.discovery.listings import parse_listing
from crawler.discovery.sitemaps import parse_sitemap
from crawler.discovery.xml import HostileXml
from crawler.known import known_urls
from crawler.mirror_map import UrlMap
from crawler.runs import is_blocked_page
from crawler.sources import WAYS, Listing, Site, Source
from worker.pages import FetchedPage
from worker.settings import get_settings
from worker.urls import canonical_url

STAT = "railwatch/"


class SourceSpider(Spider):
    source: ClassVar[Source]

    def __init__(self, lang: str | None = None, since: str | None = None, until: str | None = None,
                 base_url: str | None = None, ways: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        zone = ZoneInfo(self.source.timezone)
        today = datetime.now(zone).date()
        self.until: date = _day(until, "until") or today
        self.since: date = _day(since, "since") or self.until - timedelta(days=get_settings().crawl_lookback_days)
        if self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")
        wanted = set(lang.split(",")) if lang else set(self.source.languages)
        self.sites = [site for site in self.source.sites if site.language in wanted]
        if not self.sites:
            raise ValueError(f"{self.name} has no language {lang}; it has {', '.join(self.source.languages)}")
        self.ways = tuple(w for w in WAYS if not ways or w in ways.split(","))
        self.urls = UrlMap(self.source, base_url.rstrip("/") if base_url else None)
        self.allowed_domains = self.urls.allowed_domains()
        self.run_id: int | None = None
        self._article_path = re.compile(self.source.article_paths)
        self._skip_title = re.compile(self.source.skip_titles) if self.source.skip_titles else None
        self._requested: set[str] = set()
        self._pending: dict[int, int] = {}
        self._found: dict[int, int] = {}
        self._tried: dict[int, set[str]] = {}

    # --- discovery -------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        for index, site in enumerate(self.sites):
            for request in self._discover(index, site, self.ways):
                yield request

    def _discover(self, index: int, site: Site, ways: Iterable[str]) -> list[Request]:
        requests: list[Request] = []
        tried = self._tried.setdefault(index, set())
        for way in ways:
            entries: tuple[Any, ...] = getattr(site, way)
            if not entries or way in tried:
                continue
            tried.add(way)
            for entry in entries:
                if way == "archives":
                    for year in range(self.until.year, self.since.year - 1, -1):
                        requests.append(self._discovery_request(index, way, site.url(entry.url.format(year=year)),
                                                                entry))
                else:
                    requests.append(self._discovery_request(index, way, site.url(entry.url), entry))
        if not requests:  # none of the chosen ways exists here: use the site's own
            fallback = [w for w in WAYS if getattr(site, w) and w not in tried]
            if fallback:
                self.crawler.stats.inc_value(STAT + "fallbacks")
                self.logger.info("%s %s has none of %s; using %s", self.name, site.language, ",".join(ways),
                                 fallback[0])
                return self._discover(index, site, fallback[:1])
        return requests

    def _discovery_request(self, index: int, way: str, real_url: str, entry: Any, page: int = 1) -> Request:
        self._pending[index] = self._pending.get(index, 0) + 1
        return Request(
            self.urls.to_fetch(real_url), callback=self.parse_discovery, errback=self.discovery_failed,
            dont_filter=True, priority=10,
            meta={"kind": way, "site": index, "entry": entry, "page": page, "real_url": real_url,
                  "conditional": page == 1, "handle_httpstatus_list": [304]},
        )

    def parse_discovery(self, response: Response) -> Iterator[Request]:
        meta = response.meta
        index, kind = meta["site"], meta["kind"]
        site: Site = self.sites[index]
        stats = self.crawler.stats
        stats.inc_value(f"{STAT}pages/{kind.rstrip('s')}")
        if response.status == 304:
            stats.inc_value(STAT + "not_modified")
            yield from self._done(index, ok=True)
            return
        if is_blocked_page(response.body):
            stats.inc_value(STAT + "blocked")
            self.logger.warning("%s: %s answered with a bot challenge or login wall", self.name, meta["real_url"])
            yield from self._done(index, ok=False)
            return
        try:
            candidates, more = self._read(response, kind, meta)
        except HostileXml:
            stats.inc_value(STAT + "errors/hostile_xml")
            self.logger.warning("%s: refused hostile XML at %s", self.name, meta["real_url"])
            yield from self._done(index, ok=False)
            return
        yield from more
        articles = [c for c in candidates if self._is_article(c)]
        yield from self._articles(articles, site)
        if kind in ("listings",) and articles and self._older_pages_needed(articles, meta):
            entry: Listing = meta["entry"]
            page = meta["page"] + 1
            url = site.url(entry.next_page.format(n=page, offset=(page - 1) * entry.page_size))  # type: ignore[union-attr]
            yield self._discovery_request(index, kind, url, entry, page)
        yield from self._done(index, ok=bool(articles) or bool(more))

    def _read(self, response: Response, kind: str, meta: dict[str, Any]) -> tuple[list[Candidate], list[Request]]:
        if kind == "feeds":
            return parse_feed(response.body), []
        if kind == "sitemaps":
            page = parse_sitemap(response.body)
            children = [self._discovery_request(meta["site"], kind, child.url, meta["entry"], meta["page"] + 1)
                        for child in page.children if self._within(child.published, child.url, lenient=True)]
            return page.articles, children
        base = meta["real_url"]
        return parse_listing(response.text, base, meta["entry"]), []

    def _older_pages_needed(self, cards: list[Candidate], meta: dict[str, Any]) -> bool:
        """Walk back while the page's oldest card is still inside the window."""
        entry: Listing = meta["entry"]
        if not entry.next_page or meta["page"] >= entry.max_pages:
            return False
        dates = [d for c in cards if (d := self._date_of(c)) is not None]
        return not dates or min(dates) >= self.since

    def discovery_failed(self, failure: Failure) -> Iterator[Request]:
        request = failure.request  # type: ignore[attr-defined]
        self._count_error(failure, request.meta.get("kind", "discovery"))
        self.crawler.stats.inc_value(STAT + "discovery_failed")
        self.logger.warning("%s: discovery %s failed (%s); trying the next way", self.name,
                            request.meta.get("real_url"), _error_kind(failure))
        yield from self._done(request.meta["site"], ok=False)

    def _done(self, index: int, ok: bool) -> Iterator[Request]:
        self._pending[index] -= 1
        if ok:
            self._found[index] = self._found.get(index, 0) + 1
            self.crawler.stats.inc_value(STAT + "discovery_ok")
        if self._pending[index] == 0 and not self._found.get(index):
            site = self.sites[index]
            remaining = [w for w in WAYS if getattr(site, w) and w not in self._tried.get(index, set())]
            if remaining:
                self.crawler.stats.inc_value(STAT + "fallbacks")
                self.logger.warning("%s %s: %s found nothing; falling back to %s", self.name, site.language,
                                    ",".join(sorted(self._tried.get(index, set()))), remaining[0])
                yield from self._discover(index, site, remaining[:1])

    # --- articles --------------------------------------------------------------------------

    def _is_article(self, candidate: Candidate) -> bool:
        parts = urlsplit(self.urls.to_real(candidate.url))
        host = (parts.hostname or "").lower()
        if host not in self.source.hosts and host not in self.source.url_rules.host_aliases:
            return False
        if self._skip_title and candidate.title and self._skip_title.search(candidate.title):
            return False
        return bool(self._article_path.match(parts.path))

    def _articles(self, candidates: list[Candidate], site: Site) -> Iterator[Request]:
        stats = self.crawler.stats
        fresh: list[tuple[str, str, Candidate, datetime | date | None]] = []
        for candidate in candidates:
            real = self.urls.to_real(candidate.url)
            key = canonical_url(real, self.source.url_rules)
            if key in self._requested:
                continue
            self._requested.add(key)
            published = self._datetime_of(candidate)
            day = published.astimezone(ZoneInfo(self.source.timezone)).date() if isinstance(published, datetime) \
                else published
            if day is not None and not (self.since <= day <= self.until):
                stats.inc_value(STAT + "skipped_old")
                continue
            fresh.append((key, real, candidate, published))
        stats.inc_value(STAT + "candidates", len(fresh))
        known = known_urls(key for key, *_ in fresh) if fresh else set()
        for key, real, candidate, published in fresh:
            if key in known:
                stats.inc_value(STAT + "skipped_known")
                continue
            yield Request(self.urls.to_fetch(real), callback=self.parse_article, errback=self.article_failed,
                          meta={"kind": "article", "real_url": real, "published": published,
                                "title": candidate.title, "language": site.language})

    def parse_article(self, response: Response) -> Iterator[dict[str, Any]]:
        stats = self.crawler.stats
        stats.inc_value(STAT + "pages/article")
        meta = response.meta
        if is_blocked_page(response.body):
            stats.inc_value(STAT + "blocked")
            self.logger.warning("%s: %s answered with a bot challenge or login wall", self.name, meta["real_url"])
            return
        final = self.urls.to_real(response.url)
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
        yield {"page": FetchedPage(
            url=final, source=self.name, body=response.body, fetched_at=datetime.now(UTC),
            declared_encoding=_charset(content_type), content_type=content_type,
            requested_url=meta["real_url"] if meta["real_url"] != final else None,
            published_hint=meta.get("published"), language_hint=meta.get("language"),
            title_hint=meta.get("title"), crawl_run_id=self.run_id,
        )}

    def article_failed(self, failure: Failure) -> None:
        self._count_error(failure, "article")
        self.logger.info("%s: article %s not fetched (%s)", self.name,
                         failure.request.meta.get("real_url"), _error_kind(failure))  # type: ignore[attr-defined]

    # --- dates and errors ----------------------------------------------------------------------

    def _datetime_of(self, candidate: Candidate) -> datetime | date | None:
        found = parse_date(candidate.published, self.source.timezone, self.source.date_formats,
                           _languages(self.source))
        return found or date_in_url(self.urls.to_real(candidate.url))

    def _date_of(self, candidate: Candidate) -> date | None:
        found = self._datetime_of(candidate)
        if isinstance(found, datetime):
            return found.astimezone(ZoneInfo(self.source.timezone)).date()
        return found

    def _within(self, printed: str | None, url: str, lenient: bool = False) -> bool:
        day = self._date_of(Candidate(url, printed))
        if day is None:
            return True
        return day >= self.since if lenient else self.since <= day <= self.until

    def _count_error(self, failure: Failure, kind: str) -> None:
        error = _error_kind(failure)
        self.crawler.stats.inc_value(f"{STAT}errors/{error}")
        if error in ("http_403", "http_429"):
            self.crawler.stats.inc_value(STAT + "blocked")


def _error_kind(failure: Failure) -> str:
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"  # type: ignore[union-attr]
    name = type(failure.value).__name__
    message = str(failure.value).lower()
    if "maxsize" in message or "max size" in message or "larger than download" in message:
        return "too_large"
    if "offsite" in message or "filtered offsite" in message:
        return "offsite_redirect"
    if "robots" in message:
        return "robots_forbidden"
    return {"TimeoutError": "timeout", "TCPTimedOutError": "timeout", "DownloadTimeoutError": "timeout",
            "DNSLookupError": "dns", "ConnectionRefusedError": "connection_refused"}.get(name, name.lower())


def _charset(content_type: str | None) -> str | None:
    if not content_type or "charset=" not in content_type.lower():
        return None
    return content_type.lower().split("charset=", 1)[1].split(";")[0].strip().strip("\"'") or None


def _languages(source: Source) -> tuple[str, ...]:
    mapped = tuple(dict.fromkeys("kk" if lang == "kz" else lang for lang in source.languages))
    return (*mapped, "en") if "en" not in mapped else mapped


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"-a {name}={value}: expected YYYY-MM-DD") from error
