"""Each source on its mirror: exactly its articles in the window, incrementally, politely."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from crawler.samples import rfc822
from tests.conftest import ROOT
from tests.crawler.conftest import Crawl, crawl, expected_urls, stored_urls

pytestmark = pytest.mark.slow


def test_scrapy_lists_every_source() -> None:
    listed = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert listed.stdout.split() == ["kazinform", "ktz", "railfreight", "railnews"]


@pytest.mark.parametrize("source", ["railnews", "kazinform", "railfreight", "ktz"])
def test_each_source_discovers_exactly_its_articles(source: str, mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    mirror, server = mirror_of(source)
    result = crawl(source, server.base_url, sqlite_db)
    assert result.returncode == 0, result.output[-3000:]
    assert result.run["verdict"] == "ok", result.run
    assert stored_urls(sqlite_db, source) == expected_urls(source)
    # robots.txt was read, nothing outside the mirror was asked for
    assert mirror.count("/robots.txt") >= 1


def test_second_run_fetches_no_article_page(mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    _, server = mirror_of("kazinform")
    first = crawl("kazinform", server.base_url, sqlite_db)
    assert first.article_pages >= 24
    second = crawl("kazinform", server.base_url, sqlite_db)
    assert second.run["verdict"] == "ok"
    assert second.article_pages == 0, second.stats
    assert second.stats["not_modified"] >= 1  # feeds and sitemaps answered 304


def test_a_changed_feed_fetches_one_article(mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime
    from zoneinfo import ZoneInfo

    mirror, server = mirror_of("railfreight")
    crawl("railfreight", server.base_url, sqlite_db)
    published = datetime(2025, 11, 21, 9, 30, tzinfo=ZoneInfo("Asia/Almaty"))
    path = "/beltandroad/2025/11/21/altynkol-trains-a-day-record/"
    text = "The Altynkol crossing handled a record 30 trains in a single day. " * 6
    mirror.add("www.railfreight.com", path, "<html><head><title>Altynkol sets a record</title></head><body><article>"
               f"<div class='entry-content'><p>{text}</p></div></article></body></html>")
    feed = mirror.routes["www.railfreight.com"]["/category/beltandroad/feed/"]
    item = (f"<item><title>Altynkol sets a record</title><link>https://www.railfreight.com{path}</link>"
            f"<pubDate>{rfc822(published)}</pubDate></item>").encode()
    mirror.add("www.railfreight.com", "/category/beltandroad/feed/", feed.body.replace(b"<item>", item + b"<item>", 1),
               content_type=feed.content_type)
    second = crawl("railfreight", server.base_url, sqlite_db, until="2025-11-30")
    assert second.article_pages == 1, second.stats
    assert "https://www.railfreight.com/beltandroad/2025/11/21/altynkol-trains-a-day-record" in stored_urls(sqlite_db)


def test_backfill_walks_back_to_since_and_stops(mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    mirror, server = mirror_of("railnews")
    result = crawl("railnews", server.base_url, sqlite_db, "-a", "lang=ru", "-a", "ways=listings",
                   since="2025-10-15")
    assert result.returncode == 0, result.output[-2000:]
    assert stored_urls(sqlite_db) == expected_urls("railnews", since="2025-10-15") & {
        u for u in expected_urls("railnews") if "/ru/" in u}
    # the first page reached past since: the second page was never asked for
    assert mirror.count("/ru/news?start=10") == 0
    assert result.stats["skipped_old"] > 0
    older = [path for host, path in mirror.requests if re.match(r"/ru/news/\d+-", path)]
    assert len(older) == len(stored_urls(sqlite_db))  # no article outside the window was requested


def test_a_long_backfill_pages_through_every_listing_page(mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    mirror, server = mirror_of("railnews")
    crawl("railnews", server.base_url, sqlite_db, "-a", "lang=ru", "-a", "ways=listings", since="2025-01-01")
    assert mirror.count("/ru/news?start=10") == 1
    assert stored_urls(sqlite_db) == {u for u in expected_urls("railnews") if "/ru/" in u}


def test_one_language(mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    mirror, server = mirror_of("kazinform")
    result: Crawl = crawl("kazinform", server.base_url, sqlite_db, "-a", "lang=en")
    assert result.run["verdict"] == "ok"
    assert stored_urls(sqlite_db) == {u for u in expected_urls("kazinform") if "qazinform.com" in u}
    assert not any(host == "www.inform.kz" and path.startswith("/ru/") for host, path in mirror.requests)
