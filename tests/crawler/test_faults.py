"""What the sites get wrong, and what a hostile site tries: each one is a clear error in
the run's stats, a fallback, or a refusal — never a crash, never a stored bad page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import FIXTURES
from tests.crawler.conftest import crawl, expected_urls, stored_urls
from worker.storage.db import session_scope
from worker.storage.models import Article

pytestmark = pytest.mark.slow
HOST = "www.railfreight.com"
FEED = "/category/beltandroad/feed/"
BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><rss><channel><item><title>&lol3;</title>'
        b"<link>https://www.railfreight.com/beltandroad/2025/11/10/x/</link></item></channel></rss>")


def article_paths(mirror) -> list[str]:  # type: ignore[no-untyped-def]
    return [path for host, path in mirror.requests if path.startswith("/beltandroad/")]


def test_hostile_and_broken_feeds_fall_back_to_the_listing(mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    mirror, server = mirror_of("railfreight")
    mirror.add(HOST, FEED, BOMB, content_type="application/rss+xml")
    mirror.add(HOST, "/feed/", b"<rss><channel><item><title>unclosed", content_type="application/rss+xml")
    result = crawl("railfreight", server.base_url, sqlite_db, "-a", "ways=feeds")
    assert result.returncode == 0, result.output[-2000:]
    assert result.stats["errors"]["hostile_xml"] == 1
    assert result.stats["fallbacks"] >= 1
    assert result.run["verdict"] == "ok"
    assert stored_urls(sqlite_db) == expected_urls("railfreight")  # the listing found them all


def test_errors_timeouts_and_refusals_are_counted_not_fatal(mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    mirror, server = mirror_of("railfreight")
    urls = sorted(expected_urls("railfreight"))
    path = lambda url: url.split(HOST, 1)[1] + "/"  # noqa: E731
    missing, broken, slow, huge, elsewhere, secret = (path(u) for u in urls[:6])
    mirror.add(HOST, missing, b"gone", status=404)
    mirror.add(HOST, broken, b"oops", status=500)
    mirror.add(HOST, slow, b"<html>late</html>", delay=4)
    mirror.add(HOST, huge, b"<html><body><p>" + b"x" * (30 * 1024 * 1024) + b"</p></body></html>")
    mirror.add(HOST, elsewhere, redirect="http://evil.example/phish")
    mirror.add(HOST, "/robots.txt", f"User-agent: *\nDisallow: {secret}\n".encode(), content_type="text/plain")
    result = crawl("railfreight", server.base_url, sqlite_db, "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=1",
                   "-s", "RAILWATCH_RETRY_BACKOFF=0")
    assert result.returncode == 0, result.output[-3000:]
    errors = result.stats["errors"]
    assert errors["http_404"] >= 1 and errors["http_500"] >= 1
    assert errors["timeout"] >= 1
    assert errors["too_large"] >= 1
    assert errors.get("offsite_redirect", 0) >= 1, errors
    assert errors.get("robots_forbidden", 0) >= 1, errors
    assert mirror.count(secret) == 0  # robots.txt obeyed: never requested
    stored = stored_urls(sqlite_db)
    for bad in (missing, broken, slow, huge, elsewhere, secret):
        assert "https://www.railfreight.com" + bad.rstrip("/") not in stored
    assert len(stored) == len(urls) - 6  # everything else arrived
    assert result.run["verdict"] == "ok"


def test_a_challenge_page_makes_the_run_blocked(mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    mirror, server = mirror_of("railnews")
    challenge = b"<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"
    for route in list(mirror.routes["rail-news.kz"]):
        if "news" in route and not route.endswith(".html"):
            mirror.add("rail-news.kz", route, challenge, status=200)
    result = crawl("railnews", server.base_url, sqlite_db)
    assert result.run["verdict"] == "blocked", result.run
    assert stored_urls(sqlite_db) == set()


def test_403_everywhere_is_blocked(mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    mirror, server = mirror_of("ktz")
    for route in list(mirror.routes["railways.kz"]):
        mirror.add("railways.kz", route, b"Forbidden", status=403)
    result = crawl("ktz", server.base_url, sqlite_db)
    assert result.run["verdict"] == "blocked"


def test_a_site_with_nothing_to_find_is_empty(mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    mirror, server = mirror_of("ktz")
    for route in list(mirror.routes["railways.kz"]):
        if route.startswith(("/ru/news", "/en/news")):
            mirror.add("railways.kz", route, b"<html><body><div>No news</div></body></html>")
    result = crawl("ktz", server.base_url, sqlite_db)
    assert result.run["verdict"] == "empty"


def test_a_cp1251_page_with_a_wrong_charset_is_stored_readable(mirror_of, sqlite_db: str) -> None:  # type: ignore[no-untyped-def]
    mirror, server = mirror_of("railnews")
    page = "/ru/news/21004-perevozki-mezdu-kazaxstanom-i-kitaem-v-sentiabre-sostavili-2-5-m.html"
    original = mirror.routes["rail-news.kz"][page].body.decode("utf-8")
    cp1251 = original.replace("Қазақстан", "Казахстан").replace("«", '"').replace("»", '"').encode("cp1251", "replace")
    mirror.add("rail-news.kz", page, cp1251, content_type="text/html; charset=utf-8")
    crawl("railnews", server.base_url, sqlite_db, "-a", "lang=ru")
    with session_scope(sqlite_db) as session:
        article = session.scalars(select(Article).where(Article.canonical_url.like(f"%{page}"))).one()
        assert "Перевозки между Казахстаном и Китаем" in article.title
        assert article.raw_encoding in ("cp1251", "windows-1251")
    assert FIXTURES.exists()
