"""One spider for every source: the registry entry says where to look, this does the looking.

Discovery pages (feeds, sitemaps, listings, archives) yield candidate links with the
dates they print. A candidate outside the date window, or already stored (asked of
the database), is never requested; the rest are fetched and handed to the ingest
path untouched. A site whose chosen ways all come back with nothing (404, no links,
refused) falls back to its next way; every way's outcome goes into the run's stats.

    scrapy crawl <source> [-a lang=ru] [-a since=YYYY-MM-DD] [-a until=YYYY-MM-DD]
                          [-a ways=feeds,listings] [-a base_url=http://127.0.0.1:8080]
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from scrapy import Request, Spider
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.discovery import Candidate
from crawler.discovery.feeds import parse_feed
from crawler.discovery.listings import parse_listing
from crawler.discovery.sitemaps import parse_sitemap
from crawler.discovery.ways import WayTracker
from crawler.discovery.xml import HostileXml
from crawler.errors import AlreadyRequested, error_kind, is_blocked_page, is_blocking
from crawler.known import known_urls
from crawler.mirror_map import UrlMap
from crawler.sources import WAYS, Listing, Site, Source
from crawler.window import Dating, Window
from worker.pages import FetchedPage
from worker.settings import get_settings
from worker.urls import canonical_url

STAT = "railwatch/"
MAX_SITEMAP_DEPTH = 4
# Failures that will not go away by asking again: no reason to re-read the discovery page.
PERMANENT = ("http_404", "http_410", "robots_forbidden", "offsite_redirect", "too_large")
HTML_TYPES = ("text/html", "application/xhtml", "text/plain")


@dataclass
class Selection:
    """What one discovery page offered, and which of it is worth requesting."""

    requests: list[Request] = field(default_factory=list)
    links: int = 0
    """Article links on the page."""
    new: int = 0
    """Links not seen on an earlier page of the same series (pagination that repeats itself)."""
    dated: int = 0
    last_day: date | None = None
    """Date of the last dated card in page order (the oldest, on a newest-first listing)."""
    fresh: int = 0
    """New links inside the window (or undated)."""


class SourceSpider(Spider):
    source: ClassVar[Source]

    def __init__(self, lang: str | None = None, since: str | None = None, until: str | None = None,
                 base_url: str | None = None, ways: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        today = datetime.now(ZoneInfo(self.source.timezone)).date()
        self.window = Window.of(since, until, today, get_settings().crawl_lookback_days)
        self.since, self.until = self.window.since, self.window.until
        self.sites = _sites(self.source, lang)
        self.ways = _ways(ways)
        self.urls = UrlMap(self.source, base_url.rstrip("/") if base_url else None)
        self.allowed_domains = self.urls.allowed_domains()
        self.dating = Dating(self.source)
        self.tracker = WayTracker(self.sites)
        self.run_id: int | None = None
        self.unsettled: set[str] = set()
        """Discovery URLs whose articles did not all arrive: their validators are not kept."""
        self.oldest_reached: date | None = None
        self._article_path = re.compile(self.source.article_paths)
        self._skip_title = re.compile(self.source.skip_titles) if self.source.skip_titles else None
        self._requested: set[str] = set()
        self._keys: dict[str, str] = {}
        self._sitemaps_seen: set[str] = set()
        self._series: dict[str, set[str]] = {}
        """Links seen per discovery series (first page URL): a page that adds none repeats the last."""

    # --- discovery -------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        for index in range(len(self.sites)):
            for request in self._discover(index, self.ways):
                yield request

    def _discover(self, index: int, ways: tuple[str, ...]) -> list[Request]:
        site = self.sites[index]
        chosen = self.tracker.choose(index, ways)
        if not chosen:  # none of the chosen ways exists here: use the site's own
            remaining = self.tracker.remaining(index)
            if not remaining:
                return []
            self._fell_back(site, ways, remaining[0])
            chosen = self.tracker.choose(index, (remaining[0],))
        requests: list[Request] = []
        for way in chosen:
            for entry in getattr(site, way):
                years: list[int | None] = list(self.window.years()) if "{year}" in entry.url else [None]
                for year in years:
                    url = site.url(self._fill(entry.url, entry, 1, year))
                    requests.append(self._discovery_request(index, way, url, entry, year=year))
        return requests

    def _discovery_request(self, index: int, way: str, real_url: str, entry: Any, page: int = 1,
                           template: int = 0, year: int | None = None, origin: str | None = None) -> Request:
        self.tracker.opened(index)
        return Request(
            self.urls.to_fetch(real_url), callback=self.parse_discovery, errback=self.discovery_failed,
            dont_filter=True, priority=10,
            meta={"kind": way, "site": index, "entry": entry, "page": page, "template": template, "year": year,
                  "real_url": real_url, "origin": origin or real_url, "handle_httpstatus_list": [304],
                  "validators": page == 1, "conditional": page == 1 and not self.window.backfill},
        )

    def parse_discovery(self, response: Response) -> Iterator[Request]:
        meta = response.meta
        stats = self.crawler.stats
        stats.inc_value(f"{STAT}pages/{meta['kind'].rstrip('s')}")
        if response.status == 304:
            stats.inc_value(STAT + "not_modified")
            yield from self._closed(meta, "not_modified")
            return
        if is_blocked_page(response.body):
            self._blocked("discovery", meta)
            yield from self._closed(meta, "blocked")
            return
        try:
            candidates, children = self._read(response, meta)
        except HostileXml as error:
            stats.inc_value(STAT + "errors/hostile_xml")
            self.logger.warning("%s: refused %s (%s)", self.name, meta["real_url"], error)
            self.unsettled.add(meta["origin"])
            yield from self._closed(meta, "hostile")
            return
        yield from children
        picked = self._select(candidates, meta)
        yield from picked.requests
        following = self._next_page(meta, picked)
        if following is not None:
            yield following
        yield from self._closed(meta, "ok" if picked.links or children else "empty")

    def _read(self, response: Response, meta: dict[str, Any]) -> tuple[list[Candidate], list[Request]]:
        way = meta["kind"]
        if way == "feeds":
            return parse_feed(response.body), []
        if way == "sitemaps":
            page = parse_sitemap(response.body)
            children = [self._discovery_request(meta["site"], way, child.url, meta["entry"], meta["page"] + 1,
                                                origin=meta["origin"])
                        for child in page.children if self._sitemap_wanted(child, meta["page"])]
            return page.articles, children
        return parse_listing(response.text, meta["real_url"], meta["entry"]), []

    def _sitemap_wanted(self, child: Candidate, depth: int) -> bool:
        """On site, not seen before, not too deep, and changed since the window opened."""
        real = self.urls.to_real(child.url)
        if depth >= MAX_SITEMAP_DEPTH or real in self._sitemaps_seen or not self._on_site(real):
            return False
        self._sitemaps_seen.add(real)
        day = self.dating.day(self.dating.moment(child, ""))
        return day is None or day >= self.window.since

    def _next_page(self, meta: dict[str, Any], picked: Selection) -> Request | None:
        """Walk back while the window is not passed; stop at a page that repeats the last."""
        entry = meta["entry"]
        if meta["kind"] not in ("listings", "archives") or not entry.next_pages or meta["page"] >= entry.max_pages:
            return None
        page, template = meta["page"], meta["template"]
        if picked.new == 0:  # the page parameter is ignored here (or the end was reached)
            if page > 1 and picked.links and template + 1 < len(entry.next_pages):
                self.crawler.stats.inc_value(STAT + "pagination_fallbacks")
                self.logger.warning("%s: %s repeats the page before; trying %s", self.name, meta["real_url"],
                                    entry.next_pages[template + 1])
                return self._page(meta, page, template + 1)
            return None
        if picked.last_day is not None and picked.last_day < self.window.since:
            return None  # the window is passed
        if not picked.dated and not self.window.backfill and picked.fresh and not picked.requests:
            return None  # undated cards, all stored already: nothing newer further back
        return self._page(meta, page + 1, template)

    def _page(self, meta: dict[str, Any], page: int, template: int) -> Request:
        entry: Listing = meta["entry"]
        site = self.sites[meta["site"]]
        url = site.url(self._fill(entry.next_pages[template], entry, page, meta["year"]))
        return self._discovery_request(meta["site"], meta["kind"], url, entry, page, template, meta["year"],
                                       meta["origin"])

    def _fill(self, template: str, entry: Any, page: int, year: int | None) -> str:
        if "{" not in template:
            return template
        return template.format(n=page, offset=(page - 1) * getattr(entry, "page_size", 0), year=year,
                               since=self.window.since.isoformat(), until=self.window.until.isoformat())

    def discovery_failed(self, failure: Failure) -> Iterator[Request]:
        meta = failure.request.meta  # type: ignore[attr-defined]
        kind = error_kind(failure)
        stats = self.crawler.stats
        if meta["page"] > 1 and kind == "http_404" and meta["kind"] in ("listings", "archives"):
            stats.inc_value(STAT + "pagination_end")  # WordPress answers 404 past the last page
            yield from self._closed(meta, "empty")
            return
        stats.inc_value(f"{STAT}errors/{kind}")
        stats.inc_value(STAT + "discovery_failed")
        if kind not in PERMANENT:
            self.unsettled.add(meta["origin"])
        if is_blocking(kind):
            self._blocked("discovery", meta)
        self.logger.warning("%s: %s %s failed (%s)", self.name, meta["kind"], meta["real_url"], kind)
        yield from self._closed(meta, "blocked" if is_blocking(kind) else f"failed:{kind}")

    def _closed(self, meta: dict[str, Any], outcome: str) -> Iterator[Request]:
        index = meta["site"]
        if outcome in ("ok", "not_modified"):
            self.crawler.stats.inc_value(STAT + "discovery_ok")
        if self.tracker.closed(index, meta["kind"], meta["origin"], outcome):
            remaining = self.tracker.remaining(index)
            if remaining:
                outcomes = self.tracker.outcomes(index)
                self._fell_back(self.sites[index], tuple(f"{w} ({o})" for w, o in outcomes.items()), remaining[0])
                yield from self._discover(index, (remaining[0],))

    def _fell_back(self, site: Site, failed: tuple[str, ...], way: str) -> None:
        self.crawler.stats.inc_value(STAT + "fallbacks")
        self.logger.warning("%s %s %s: nothing from %s; falling back to %s", self.name, site.language, site.host,
                            ", ".join(failed) or "the chosen ways", way)

    # --- articles --------------------------------------------------------------------------

    def _select(self, candidates: list[Candidate], meta: dict[str, Any]) -> Selection:
        stats = self.crawler.stats
        site: Site = self.sites[meta["site"]]
        only = getattr(meta["entry"], "only", None)
        series = self._series.setdefault(meta["origin"], set())
        picked = Selection()
        fresh: list[tuple[str, str, Candidate, datetime | date | None]] = []
        for candidate in candidates:
            real = self.urls.to_real(candidate.url)
            if not self._is_article(real, candidate.title, only):
                continue
            picked.links += 1
            moment = self.dating.moment(candidate, real)
            day = self.dating.day(moment)
            if day is not None:
                picked.dated += 1
                picked.last_day = day
                self.oldest_reached = min(day, self.oldest_reached or day)
            key = self._key(real)
            if key not in series:
                series.add(key)
                picked.new += 1
            if key in self._requested:
                continue
            self._requested.add(key)
            if day is not None and not self.window.contains(day):
                stats.inc_value(STAT + ("skipped_old" if day < self.window.since else "skipped_newer"))
                continue
            fresh.append((key, real, candidate, moment))
        picked.fresh = len(fresh)
        stats.inc_value(STAT + "candidates", len(fresh))
        known = known_urls(key for key, *_ in fresh) if fresh else set()
        for key, real, candidate, moment in fresh:
            if key in known:
                stats.inc_value(STAT + "skipped_known")
                continue
            picked.requests.append(Request(  # dont_filter: _requested already holds it, by a stricter key
                self.urls.to_fetch(real), callback=self.parse_article, errback=self.article_failed, dont_filter=True,
                meta={"kind": "article", "real_url": real, "published": moment, "title": candidate.title,
                      "language": site.language, "origin": meta["origin"]}))
        return picked

    def _key(self, real_url: str) -> str:
        """The canonical URL, worked out once per link however many discovery pages list it."""
        key = self._keys.get(real_url)
        if key is None:
            key = self._keys[real_url] = canonical_url(real_url, self.source.url_rules)
        return key

    def claim(self, url: str) -> bool:
        """A redirect landed on ``url``: whether this crawl had not asked for that article yet."""
        key = self._key(self.urls.to_real(url))
        if key in self._requested:
            return False
        self._requested.add(key)
        return True

    def _is_article(self, real_url: str, title: str | None, only: str | None) -> bool:
        parts = urlsplit(real_url)
        if not self._is_source_host(parts.hostname):
            return False
        if self._skip_title and title and self._skip_title.search(title):
            return False
        return bool(self._article_path.match(parts.path)) and (only is None or re.search(only, parts.path) is not None)

    def _on_site(self, real_url: str) -> bool:
        return self._is_source_host(urlsplit(real_url).hostname)

    def _is_source_host(self, host: str | None) -> bool:
        host = (host or "").lower()
        return host in self.source.hosts or host in self.source.url_rules.host_aliases

    def parse_article(self, response: Response) -> Iterator[dict[str, Any]]:
        stats = self.crawler.stats
        stats.inc_value(STAT + "pages/article")
        meta = response.meta
        if is_blocked_page(response.body):
            self._blocked("article", meta)
            return
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
        if content_type and not content_type.lower().startswith(HTML_TYPES):
            stats.inc_value(STAT + "skipped_not_html")
            return
        final = self.urls.to_real(response.url)
        yield {"page": FetchedPage(
            url=final, source=self.name, body=response.body, fetched_at=datetime.now(UTC),
            declared_encoding=_charset(content_type), content_type=content_type,
            requested_url=meta["real_url"] if meta["real_url"] != final else None,
            published_hint=meta.get("published"), language_hint=meta.get("language"),
            title_hint=meta.get("title"), crawl_run_id=self.run_id,
        )}

    def article_failed(self, failure: Failure) -> None:
        meta = failure.request.meta  # type: ignore[attr-defined]
        if failure.check(AlreadyRequested):
            self.crawler.stats.inc_value(STAT + "skipped_redirect_known")
            return
        kind = error_kind(failure)
        self.crawler.stats.inc_value(f"{STAT}errors/{kind}")
        if is_blocking(kind):
            self._blocked("article", meta)
        elif kind not in PERMANENT:
            self.unsettled.add(meta["origin"])
        self.logger.info("%s: article %s not fetched (%s)", self.name, meta["real_url"], kind)

    def _blocked(self, where: str, meta: dict[str, Any]) -> None:
        self.crawler.stats.inc_value(f"{STAT}blocked/{where}")
        self.unsettled.add(meta["origin"])
        self.logger.warning("%s: %s was refused (403/429, a bot challenge or a login wall)", self.name,
                            meta["real_url"])


def _sites(source: Source, lang: str | None) -> list[Site]:
    if not lang:
        return list(source.sites)
    wanted = {_language(code) for code in lang.split(",") if code.strip()}
    sites = [site for site in source.sites if _language(site.language) in wanted]
    if not sites:
        raise ValueError(f"{source.name} has no language {lang}; it has {', '.join(source.languages)}")
    return sites


def _language(code: str) -> str:
    """Kazakh is ``kz`` in rail-news.kz's URLs and ``kk`` elsewhere: either selects it."""
    code = code.strip().lower()
    return "kk" if code in ("kz", "kk", "qz", "kaz") else code


def _ways(ways: str | None) -> tuple[str, ...]:
    if not ways:
        return WAYS
    chosen = tuple(way.strip() for way in ways.split(",") if way.strip())
    unknown = [way for way in chosen if way not in WAYS]
    if unknown:
        raise ValueError(f"-a ways: unknown {', '.join(unknown)}; the ways are {', '.join(WAYS)}")
    return chosen


def _charset(content_type: str | None) -> str | None:
    if not content_type or "charset=" not in content_type.lower():
        return None
    return content_type.lower().split("charset=", 1)[1].split(";")[0].strip().strip("\"'") or None
