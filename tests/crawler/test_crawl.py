"""Each source on its mirror: exactly its articles in the window, incrementally, in backfill."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from crawler.discovery.listings import parse_listing
from crawler.samples import rfc822
from crawler.sources import get_source
from tests.conftest import ROOT
from tests.crawler.conftest import (
    SITES,
    MirrorOf,
    crawl,
    expected_urls,
    requested_articles,
    stored_urls,
)
from worker.storage.db import session_scope
from worker.storage.models import Article
from worker.urls import canonical_url

pytestmark = pytest.mark.slow


def test_scrapy_lists_every_source() -> None:
    listed = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert listed.stdout.split() == ["kazinform", "ktz", "railfreight", "railnews"]


@pytest.mark.parametrize("source", ["railnews", "kazinform", "railfreight", "ktz"])
def test_each_source_discovers_exactly_its_articles_in_the_window(source: str, mirror_of: MirrorOf,
                                                                   sqlite_db: str) -> None:
    mirror, server = mirror_of(source)
    result = crawl(source, server.base_url, sqlite_db)
    assert result.returncode == 0, result.output[-3000:]
    assert result.run["verdict"] == "ok", result.run
    assert stored_urls(sqlite_db, source) == expected_urls(source)
    # nothing older than the window was requested, nothing twice (twins, trailing slashes, AMP)
    rules = get_source(source).url_rules  # type: ignore[union-attr]
    asked = Counter(canonical_url(f"https://{host}{path}", rules) for host, path in mirror.requests
                    if path in requested_articles(mirror, source))
    assert set(asked) - expected_urls(source) <= _redirecting(source), set(asked) - expected_urls(source)
    assert max(asked.values()) == 1, asked.most_common(3)
    assert result.stats["skipped_old"] > 0 or source == "ktz"
    assert mirror.count("/robots.txt") >= 1


def _redirecting(source: str) -> set[str]:
    """Legacy URLs the feeds still carry: asked for once, then redirected to their current URL."""
    return _legacy_kazinform_urls() if source == "kazinform" else set()


def _legacy_kazinform_urls() -> set[str]:
    rules = get_source("kazinform").url_rules  # type: ignore[union-attr]
    found = set()
    for host in ("www.inform.kz", "en.inform.kz"):
        routes = json.loads((SITES / "kazinform" / host / "_routes.json").read_text())
        found |= {canonical_url(f"https://{host}{path}", rules) for path, spec in routes.items() if "redirect" in spec}
    return found


def test_kazinform_keeps_one_identity_across_hosts_and_url_generations(mirror_of: MirrorOf, sqlite_db: str) -> None:
    _, server = mirror_of("kazinform")
    crawl("kazinform", server.base_url, sqlite_db, since="2024-12-01")
    stored = stored_urls(sqlite_db, "kazinform")
    assert {url.split("/")[2] for url in stored} == {"www.inform.kz", "qazinform.com", "kaz.inform.kz", "qz.inform.kz"}
    assert not stored & _legacy_kazinform_urls()  # legacy and AMP links are stored under their hex URLs
    assert not any("127.0.0.1" in url or "_host" in url for url in stored)


def test_a_legacy_link_is_followed_across_hosts_and_kept_as_an_alias(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("kazinform")
    for path in list(mirror.routes["qazinform.com"]):
        if path.startswith(("/rss/", "/lenta")):  # only the old English feed is left, with old links
            mirror.remove("qazinform.com", path)
    result = crawl("kazinform", server.base_url, sqlite_db, "-a", "lang=en", since="2024-12-01")
    assert result.run["verdict"] == "ok", result.run
    with session_scope(sqlite_db) as session:
        rows = session.execute(select(Article.canonical_url, Article.alias_url)).all()
    assert len(rows) == 3 and all(url.startswith("https://qazinform.com/news/") for url, _ in rows)
    assert {alias for _, alias in rows if alias} == {u for u in _legacy_kazinform_urls() if "en.inform.kz" in u}
    assert result.stats["ways"]["en feeds https://qazinform.com/rss/en.xml"] == "failed:http_404"


def test_second_run_fetches_no_article_page(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("kazinform")
    first = crawl("kazinform", server.base_url, sqlite_db)
    assert first.article_pages >= 15
    already = len(mirror.requests)
    # a scheduled run (no since) whose look-back covers the same window
    second = crawl("kazinform", server.base_url, sqlite_db, since=None, env={"RAILWATCH_CRAWL_LOOKBACK_DAYS": "182"})
    assert second.run["verdict"] == "ok"
    assert second.article_pages == 0, second.stats
    assert second.stats["not_modified"] >= 6  # feeds, sitemap and first listing pages answered 304
    assert not requested_articles_after(mirror, already)


def requested_articles_after(mirror, already: int) -> list[str]:  # type: ignore[no-untyped-def]
    pattern = re.compile(get_source("kazinform").article_paths)  # type: ignore[union-attr]
    return [path for _, path in mirror.requests[already:] if pattern.match(path)]


def test_second_run_without_validators_asks_the_database(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railnews")
    mirror.validators = False
    crawl("railnews", server.base_url, sqlite_db)
    second = crawl("railnews", server.base_url, sqlite_db)
    assert second.article_pages == 0, second.stats
    assert second.stats["skipped_known"] >= len(expected_urls("railnews"))
    assert second.stats["not_modified"] == 0


def test_a_changed_feed_fetches_one_article(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railfreight")
    crawl("railfreight", server.base_url, sqlite_db)
    published = datetime(2025, 11, 21, 9, 30, tzinfo=ZoneInfo("Asia/Almaty"))
    path = "/beltandroad/2025/11/21/altynkol-handles-a-record-30-trains-in-a-day/"
    text = "The Altynkol crossing handled a record 30 trains in a single day, KTZ said. " * 4
    mirror.add("www.railfreight.com", path, "<html><head><title>Altynkol sets a record</title></head><body><article>"
               f"<div class='entry-content'><p>{text}</p></div></article></body></html>")
    feed = mirror.routes["www.railfreight.com"]["/category/beltandroad/feed/"]
    item = (f"<item><title>Altynkol sets a record</title><link>https://www.railfreight.com{path}</link>"
            f"<pubDate>{rfc822(published)}</pubDate></item>").encode()
    mirror.add("www.railfreight.com", "/category/beltandroad/feed/", feed.body.replace(b"<item>", item + b"<item>", 1),
               content_type=feed.content_type)
    second = crawl("railfreight", server.base_url, sqlite_db)
    assert second.article_pages == 1, second.stats
    assert "https://www.railfreight.com" + path.rstrip("/") in stored_urls(sqlite_db)


def _first_listing_page(language: str) -> list[str]:
    """Dates of the cards on the first page of rail-news.kz's category blog, in page order."""
    listing = get_source("railnews").sites[0].listings[0]  # type: ignore[union-attr]
    html = (SITES / "railnews" / "rail-news.kz" / language / "news.html").read_text()
    return [c.published[:10] for c in parse_listing(html, "https://rail-news.kz/ru/news", listing) if c.published]


def test_backfill_walks_back_to_since_and_stops(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railnews")
    since = (datetime.fromisoformat(_first_listing_page("ru")[-1]) + timedelta(days=1)).date().isoformat()
    result = crawl("railnews", server.base_url, sqlite_db, "-a", "lang=ru", "-a", "ways=listings", since=since)
    assert result.returncode == 0, result.output[-2000:]
    assert mirror.count("/ru/news?start=10") == 0  # the first page already reached past since
    assert stored_urls(sqlite_db) == expected_urls("railnews", since=since, language="ru")
    assert len(requested_articles(mirror, "railnews")) == len(stored_urls(sqlite_db))  # nothing older was asked for


def test_a_long_backfill_pages_through_every_listing_page(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railnews")
    crawl("railnews", server.base_url, sqlite_db, "-a", "lang=ru", "-a", "ways=listings", since="2024-12-01")
    assert mirror.count("/ru/news?start=10") == 1
    assert stored_urls(sqlite_db) == expected_urls("railnews", since="2024-12-01", language="ru")


def test_a_backfill_after_scheduled_runs_ignores_their_validators(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railfreight")
    scheduled = crawl("railfreight", server.base_url, sqlite_db, since=None, until="2025-11-20")
    assert scheduled.run["verdict"] == "ok"
    assert len(stored_urls(sqlite_db)) < len(expected_urls("railfreight"))  # three days' worth
    already = len(mirror.requests)
    crawl("railfreight", server.base_url, sqlite_db)
    assert stored_urls(sqlite_db) == expected_urls("railfreight")
    assert not any("If-None-Match" in headers for headers in mirror.headers[already:])


def test_ktz_backfill_reads_each_year_of_the_window(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("ktz")
    result = crawl("ktz", server.base_url, sqlite_db, since="2024-12-01")
    assert result.run["verdict"] == "ok"
    assert {path for _, path in mirror.requests if re.fullmatch(r"/(ru|en)/news20\d\d", path)} == {
        "/ru/news2025", "/ru/news2024", "/en/news2025", "/en/news2024"}
    assert stored_urls(sqlite_db) == expected_urls("ktz", since="2024-12-01")


def test_one_language(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("kazinform")
    result = crawl("kazinform", server.base_url, sqlite_db, "-a", "lang=en")
    assert result.run["verdict"] == "ok"
    assert stored_urls(sqlite_db) == expected_urls("kazinform", language="en")
    assert not any(path.startswith("/ru/") or host in ("kaz.inform.kz", "qz.inform.kz")
                   for host, path in mirror.requests)


def test_kazakh_is_kz_or_kk(mirror_of: MirrorOf, sqlite_db: str) -> None:
    _, server = mirror_of("railnews")
    crawl("railnews", server.base_url, sqlite_db, "-a", "lang=kk")
    assert stored_urls(sqlite_db) == expected_urls("railnews", language="kz")
