"""The registry as data: every source's URLs, hosts, quirks and the mirror mapping."""

from __future__ import annotations

import re

import pytest

from crawler.mirror import Mirror
from crawler.mirror_map import UrlMap
from crawler.sources import SOURCES, WAYS, get_source, source_names
from tests.crawler.conftest import SITES, expected
from worker.urls import canonical_url

BASE = "http://127.0.0.1:8765"


def test_the_sources_users_type() -> None:
    assert source_names() == ("railnews", "kazinform", "railfreight", "ktz")
    languages = {source.name: set(source.languages) for source in SOURCES}
    assert languages == {"railnews": {"ru", "kz"}, "kazinform": {"ru", "en", "kk"}, "railfreight": {"en"},
                         "ktz": {"ru", "en"}}
    kazinform = get_source("kazinform")
    assert kazinform is not None
    assert set(kazinform.hosts) == {"www.inform.kz", "qazinform.com", "en.inform.kz", "kaz.inform.kz", "qz.inform.kz"}


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.name)
def test_every_site_has_a_way_in_and_guessed_ones_have_a_second(source) -> None:  # type: ignore[no-untyped-def]
    for site in source.sites:
        ways = [way for way in WAYS if getattr(site, way)]
        entries = sum(len(getattr(site, way)) for way in ways)
        assert ways, site
        assert entries >= 2 or source.name == "ktz" or site.host == "en.inform.kz", site  # ktz's year pages are seen
        for listing in (*site.listings, *site.archives):
            assert listing.next_pages or "{year}" in listing.url or source.name == "ktz"


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.name)
def test_article_pattern_accepts_the_mirrors_articles_and_not_their_listings(source) -> None:  # type: ignore[no-untyped-def]
    pattern = re.compile(source.article_paths)
    mirror = Mirror(SITES / source.name)
    articles = {re.sub(r"^https://[^/]+", "", a["url"]) for a in expected(source.name)}
    for host, routes in mirror.routes.items():
        for path, route in routes.items():
            if path in articles or path.startswith("/index.php/"):
                assert pattern.match(path), path
            elif route.body.count(b"<a ") > 3:  # a listing page is not an article
                assert not pattern.match(path.split("?")[0]), (host, path)


@pytest.mark.parametrize(("source", "urls", "key"), [
    ("railnews", ["https://rail-news.kz/index.php/ru/news/21401-dva-krupnyx.html",
                  "https://www.rail-news.kz/ru/news/21401-dva-krupnyx.html"],
     "https://rail-news.kz/ru/news/21401-dva-krupnyx.html"),
    ("kazinform", ["https://www.inform.kz/en/president-receives-ceo-of-ktz_a4041095/amp",
                   "https://inform.kz/en/president-receives-ceo-of-ktz_a4041095"],
     "https://www.inform.kz/en/president-receives-ceo-of-ktz_a4041095"),
    ("kazinform", ["https://en.inform.kz/amp/abai-region-revives-childrens-railway_a2819575/"],
     "https://en.inform.kz/abai-region-revives-childrens-railway_a2819575"),
    ("kazinform", ["https://www.qazinform.com/news/new-railway-lines-6ffc61/", "https://qazinform.com/news/new-railway-lines-6ffc61"],
     "https://qazinform.com/news/new-railway-lines-6ffc61"),
    ("railfreight", ["https://railfreight.com/beltandroad/2022/09/26/italy-likely/?utm_source=x"],
     "https://www.railfreight.com/beltandroad/2022/09/26/italy-likely"),
])
def test_twins_aliases_and_amp_are_one_article(source: str, urls: list[str], key: str) -> None:
    rules = get_source(source).url_rules  # type: ignore[union-attr]
    assert {canonical_url(url, rules) for url in urls} == {key}


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.name)
def test_mirror_mapping_round_trips_every_host(source) -> None:  # type: ignore[no-untyped-def]
    urls = UrlMap(source, BASE)
    for host in source.hosts:
        real = f"https://{host}/news/some-story-3042f1?page=2"
        fetched = urls.to_fetch(real)
        assert fetched.startswith(BASE + "/")
        assert ("/_host/" in fetched) == (host != source.sites[0].host)
        assert urls.to_real(fetched) == real
    assert urls.to_fetch("https://evil.example/x") == "https://evil.example/x"  # off-site stays off-site
    assert urls.allowed_domains() == ["127.0.0.1"]
    assert UrlMap(source).to_fetch("https://x.kz/a") == "https://x.kz/a"


def test_the_mirror_serves_hosts_under_their_prefix() -> None:
    mirror = Mirror(SITES / "kazinform")
    assert mirror.resolve("/rss/rus.xml")[0] == "www.inform.kz"
    host, path, route = mirror.resolve("/_host/qazinform.com/rss/en.xml")
    assert (host, path, route is not None) == ("qazinform.com", "/rss/en.xml", True)
    assert mirror.local("https://qazinform.com/news/a-03a0f1", "en.inform.kz") == "/_host/qazinform.com/news/a-03a0f1"
    assert mirror.local("/ru/a-03a0f1", "www.inform.kz") == "/ru/a-03a0f1"
    assert mirror.local("http://evil.example/x", "www.inform.kz") == "http://evil.example/x"


def test_no_callback_is_a_generator_that_returns_a_value() -> None:
    """crawler/settings.py turns Scrapy's per-response check off for speed; it runs here once."""
    import inspect

    from scrapy.utils.misc import is_generator_with_return_value

    from crawler.spider import SourceSpider

    callbacks = [member for _, member in inspect.getmembers(SourceSpider, inspect.isfunction)
                 if inspect.isgeneratorfunction(member)]
    assert callbacks, "the spider's callbacks are generators"
    assert [c.__name__ for c in callbacks if is_generator_with_return_value(c)] == []
