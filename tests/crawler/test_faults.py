"""What the sites get wrong, and what a hostile site tries: each one is a clear error in
the run's stats, a fallback, or a refusal — never a crash, never a stored bad page."""

from __future__ import annotations

import gzip
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from crawler.sources import get_source
from tests.crawler.conftest import MirrorOf, article_routes, crawl, expected, expected_urls, stored_urls
from worker.storage.db import session_scope
from worker.storage.models import Article, HttpValidator
from worker.urls import canonical_url

pytestmark = pytest.mark.slow
HOST = "www.railfreight.com"
FEED = "/category/beltandroad/feed/"
RSS = "application/rss+xml"
BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><rss><channel><item><title>&lol3;</title>'
        b"<link>https://www.railfreight.com/beltandroad/2025/11/10/x/</link></item></channel></rss>")
XXE = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&xxe;</loc></url></urlset>')


def _paths(source: str, count: int) -> list[str]:
    """Paths of the newest ``count`` articles of the mirror's main section inside the test window."""
    rules = get_source(source).url_rules  # type: ignore[union-attr]
    inside = expected_urls(source)
    articles = sorted((a for a in expected(source) if canonical_url(a["url"], rules) in inside
                       and (source != "railfreight" or "/beltandroad/" in a["url"])),
                      key=lambda a: a["published"], reverse=True)
    return [urlsplit(a["url"]).path for a in articles][:count]


def test_hostile_and_broken_feeds_fall_back_to_the_next_way(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railfreight")
    mirror.add(HOST, FEED, BOMB, content_type=RSS)
    mirror.add(HOST, "/feed/", b"<rss><channel><item><title>unclosed", content_type=RSS)
    result = crawl("railfreight", server.base_url, sqlite_db, "-a", "ways=feeds")
    assert result.returncode == 0, result.output[-2000:]
    assert result.errors["hostile_xml"] == 1
    assert result.stats["fallbacks"] >= 1
    assert result.stats["ways"][f"en feeds https://{HOST}{FEED}"] == "hostile"
    assert result.stats["ways"][f"en sitemaps https://{HOST}/sitemap_index.xml"] == "ok"
    assert result.run["verdict"] == "ok"
    assert stored_urls(sqlite_db) == expected_urls("railfreight") - _main_feed_only()


def _main_feed_only() -> set[str]:
    return {u for u in expected_urls("railfreight") if "/beltandroad/" not in u}


def test_hostile_sitemaps_are_refused_and_never_expanded(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railfreight")
    mirror.add(HOST, "/sitemap_index.xml", XXE, content_type="application/xml")
    result = crawl("railfreight", server.base_url, sqlite_db, "-a", "ways=sitemaps")
    assert result.errors["hostile_xml"] == 1
    assert result.stats["ways"][f"en sitemaps https://{HOST}/sitemap_index.xml"] == "hostile"
    assert result.stats["ways"][f"en feeds https://{HOST}{FEED}"] == "ok"  # the fallback
    assert expected_urls("railfreight") >= stored_urls(sqlite_db) and len(stored_urls(sqlite_db)) >= 10


def test_a_gzip_bomb_sitemap_is_refused(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railfreight")
    bomb = gzip.compress(b"<urlset>" + b" " * (80 * 1024 * 1024) + b"</urlset>")
    assert len(bomb) < 200_000
    mirror.add(HOST, "/post-sitemap.xml", bomb, content_type="application/x-gzip")
    result = crawl("railfreight", server.base_url, sqlite_db, "-a", "ways=sitemaps")
    assert result.errors["hostile_xml"] == 1
    assert result.run["verdict"] == "ok"


def test_errors_timeouts_and_refusals_are_counted_not_fatal(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railfreight")
    missing, broken, slow, late, huge, elsewhere, secret, flaky = _paths("railfreight", 8)
    mirror.add(HOST, missing, b"gone", status=404)
    mirror.add(HOST, broken, b"oops", status=500)
    mirror.add(HOST, slow, b"<html>late</html>", delay=4)
    mirror.routes[HOST][late].delay = 0.8  # slow, but within the timeout: stored
    mirror.routes[HOST][flaky].flaky = 1  # one 503, then fine: retried and stored
    mirror.add(HOST, huge, b"<html><body><p>" + b"x" * (30 * 1024 * 1024) + b"</p></body></html>")
    mirror.add(HOST, elsewhere, redirect="http://evil.example/phish")
    mirror.add(HOST, "/robots.txt", f"User-agent: *\nDisallow: {secret}\n".encode(), content_type="text/plain")
    result = crawl("railfreight", server.base_url, sqlite_db, "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=1",
                   "-s", "RAILWATCH_RETRY_BACKOFF=0")
    assert result.returncode == 0, result.output[-3000:]
    errors = result.errors
    assert errors["http_404"] == 1 and errors["http_500"] == 1
    assert errors["timeout"] == 1
    assert errors["too_large"] == 1
    assert errors["offsite_redirect"] == 1
    assert errors["robots_forbidden"] == 1
    assert result.stats["retries"] >= 3  # the 500, the timeout and the 503, once each
    assert mirror.count(secret) == 0  # robots.txt obeyed: never requested
    assert not any(host == "evil.example" for host, _ in mirror.requests)
    stored = stored_urls(sqlite_db)
    for bad in (missing, broken, slow, huge, elsewhere, secret):
        assert f"https://{HOST}{bad.rstrip('/')}" not in stored
    assert stored == expected_urls("railfreight") - {f"https://{HOST}{p.rstrip('/')}" for p in (
        missing, broken, slow, huge, elsewhere, secret)}
    assert result.run["verdict"] == "ok"


def test_a_failed_article_is_retried_by_the_next_run(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railfreight")
    (broken,) = _paths("railfreight", 1)
    good = mirror.routes[HOST][broken]
    mirror.add(HOST, broken, b"oops", status=500)
    env = {"RAILWATCH_CRAWL_LOOKBACK_DAYS": "182"}  # scheduled runs: validators are sent
    crawl("railfreight", server.base_url, sqlite_db, "-s", "RETRY_TIMES=0", since=None, env=env)
    mirror.routes[HOST][broken] = good
    second = crawl("railfreight", server.base_url, sqlite_db, since=None, env=env)
    assert second.article_pages == 1, second.stats  # the feed that listed it was read in full again
    assert stored_urls(sqlite_db) == expected_urls("railfreight")


def test_a_time_limit_ends_the_run_and_keeps_no_validators(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("ktz")
    for path in article_routes(mirror, "ktz"):
        mirror.routes["railways.kz"][path].delay = 1.0
    result = crawl("ktz", server.base_url, sqlite_db, "-s", "CLOSESPIDER_TIMEOUT=2")
    assert result.run["error"] == "closespider_timeout"
    with session_scope(sqlite_db) as session:
        assert session.scalars(select(HttpValidator)).all() == []


def test_pagination_that_ignores_its_parameter_falls_back(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railnews")
    routes = mirror.routes["rail-news.kz"]
    routes["/ru/news?limitstart=10"] = routes["/ru/news?start=10"]
    routes["/ru/news?start=10"] = routes["/ru/news"]  # ?start= ignored: page 1 again
    result = crawl("railnews", server.base_url, sqlite_db, "-a", "lang=ru", "-a", "ways=listings", since="2024-12-01")
    assert result.stats["pagination_fallbacks"] == 1
    assert mirror.count("/ru/news?limitstart=10") == 1
    assert stored_urls(sqlite_db) == expected_urls("railnews", since="2024-12-01", language="ru")


def test_a_challenge_page_makes_the_run_blocked(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railnews")
    challenge = b"<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"
    for route in list(mirror.routes["rail-news.kz"]):
        if not route.endswith(".html") and route != "/robots.txt":
            mirror.add("rail-news.kz", route, challenge, status=200)
    result = crawl("railnews", server.base_url, sqlite_db)
    assert result.run["verdict"] == "blocked", result.run
    assert stored_urls(sqlite_db) == set()


def test_a_login_wall_on_every_article_is_blocked(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railfreight")
    wall = (b"<html><body><form class='login-form' action='/wp-login.php'><input name='log'>"
            b"<input type='password' name='pwd'></form></body></html>")
    for path in article_routes(mirror, "railfreight"):
        mirror.add(HOST, path, wall)
    result = crawl("railfreight", server.base_url, sqlite_db)
    assert result.run["verdict"] == "blocked", result.run
    assert stored_urls(sqlite_db) == set()


def test_403_everywhere_is_blocked(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("ktz")
    for route in list(mirror.routes["railways.kz"]):
        mirror.add("railways.kz", route, b"Forbidden", status=403)
    result = crawl("ktz", server.base_url, sqlite_db)
    assert result.run["verdict"] == "blocked"


def test_a_site_with_nothing_to_find_is_empty(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("ktz")
    for route in list(mirror.routes["railways.kz"]):
        if route.startswith(("/ru/news", "/en/news")):
            mirror.add("railways.kz", route, b"<html><body><div>No news</div></body></html>")
    result = crawl("ktz", server.base_url, sqlite_db)
    assert result.run["verdict"] == "empty"


def test_a_site_that_is_down_is_failed(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("ktz")
    for route in list(mirror.routes["railways.kz"]):
        mirror.add("railways.kz", route, b"down", status=502)
    result = crawl("ktz", server.base_url, sqlite_db, "-s", "RETRY_TIMES=0")
    assert result.run["verdict"] == "failed"


def test_a_cp1251_page_with_a_wrong_charset_is_stored_readable(mirror_of: MirrorOf, sqlite_db: str) -> None:
    mirror, server = mirror_of("railnews")
    page = next(p for p in _paths("railnews", 8) if p.startswith("/ru/news/"))
    original = mirror.routes["rail-news.kz"][page].body.decode("utf-8")
    title = original.split("<title>", 1)[1].split("</title>", 1)[0]
    cp1251 = original.replace("Қазақстан", "Казахстан").replace("«", '"').replace("»", '"').encode("cp1251", "replace")
    mirror.add("rail-news.kz", page, cp1251, content_type="text/html; charset=utf-8")
    crawl("railnews", server.base_url, sqlite_db, "-a", "lang=ru")
    with session_scope(sqlite_db) as session:
        article = session.scalars(select(Article).where(Article.canonical_url.like(f"%{page}"))).one()
        assert article.title.startswith(title[:30])
        assert article.raw_encoding in ("cp1251", "windows-1251")
