"""Discovery pages of the mirrors, read without a crawl: feeds, (news) sitemaps, listing
cards, and the hostile documents a feed URL may serve instead."""

from __future__ import annotations

import gzip

import pytest

from crawler.discovery.feeds import parse_feed
from crawler.discovery.listings import parse_listing
from crawler.discovery.sitemaps import parse_sitemap
from crawler.discovery.xml import HostileXml
from crawler.sources import Listing, get_source
from tests.crawler.conftest import SITES
from tests.crawler.test_faults import BOMB, XXE


def _file(source: str, host: str, name: str) -> bytes:
    return (SITES / source / host / name).read_bytes()


def _listing(source: str, language: str, way: str = "listings", host: str | None = None) -> Listing:
    site = next(s for s in get_source(source).sites  # type: ignore[union-attr]
                if s.language == language and (host is None or s.host == host))
    return getattr(site, way)[0]  # type: ignore[no-any-return]


def test_rss_items_with_rfc822_dates() -> None:
    items = parse_feed(_file("railfreight", "www.railfreight.com", "category/beltandroad/feed/index.xml"))
    assert len(items) == 10
    assert items[0].url.startswith("https://www.railfreight.com/beltandroad/2025/11/")
    assert items[0].published and items[0].published.endswith("+0500")
    assert items[0].title


def test_atom_and_rdf_feeds() -> None:
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>'
            b'<link rel="alternate" href="https://x.kz/a"/><link rel="edit" href="https://x.kz/edit"/>'
            b"<published>2025-11-01T10:00:00+05:00</published></entry></feed>")
    rdf = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           b'xmlns:dc="http://purl.org/dc/elements/1.1/"><item><title>B</title><link>https://x.kz/b</link>'
           b"<dc:date>2025-11-02</dc:date></item></rdf:RDF>")
    assert [(c.url, c.published) for c in parse_feed(atom)] == [("https://x.kz/a", "2025-11-01T10:00:00+05:00")]
    assert [(c.url, c.published) for c in parse_feed(rdf)] == [("https://x.kz/b", "2025-11-02")]


def test_news_sitemap_keeps_publication_date_and_title() -> None:
    page = parse_sitemap(_file("kazinform", "www.inform.kz", "sitemaps/google-news_ru.xml"))
    assert len(page.articles) == 6 and not page.children
    first = page.articles[0]
    assert first.url.startswith("https://www.inform.kz/ru/")
    assert first.published and first.published.startswith("2025-11-")  # news:publication_date, not lost
    assert first.title


def test_sitemap_index_children_with_lastmod() -> None:
    page = parse_sitemap(_file("railfreight", "www.railfreight.com", "sitemap_index.xml"))
    assert [c.url for c in page.children] == ["https://www.railfreight.com/post-sitemap.xml",
                                              "https://www.railfreight.com/post-sitemap1.xml"]
    assert all(c.published for c in page.children)


def test_kazinform_lenta_cards() -> None:
    cards = parse_listing(_file("kazinform", "www.inform.kz", "ru/lenta/index@page=2.html").decode(),
                          "https://www.inform.kz/ru/lenta/?page=2", _listing("kazinform", "ru"))
    assert len(cards) == 4
    assert all(c.url.startswith("https://www.inform.kz/ru/") and c.url.endswith("/") for c in cards)
    assert cards[0].published and any(month in cards[0].published for month in (
        "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь",
        "Декабрь"))  # page 2 prints nominative months ("23 Ноябрь 2025")


def test_railnews_blog_cards_and_the_pdf_stub() -> None:
    cards = parse_listing(_file("railnews", "rail-news.kz", "ru/news.html").decode(), "https://rail-news.kz/ru/news",
                          _listing("railnews", "ru"))
    assert len(cards) == 10
    assert any("/index.php/" in c.url for c in cards)  # one card links the Joomla twin
    assert any(c.title and c.title.startswith("Газета") for c in cards)  # skipped by the registry's skip_titles
    assert all(c.published and c.published[:4] in ("2024", "2025") for c in cards)


def test_ktz_year_page_one_card_per_article_despite_two_links() -> None:
    html = _file("ktz", "railways.kz", "ru/news2025.html").decode()
    cards = parse_listing(html, "https://railways.kz/ru/news2025", _listing("ktz", "ru", "archives"))
    assert len(cards) == html.count('class="sc-kEjbxe"')
    assert len({c.url for c in cards}) == len(cards)
    assert all(c.published and c.published.count(".") == 2 for c in cards)  # bare DD.MM.YYYY
    english = parse_listing(_file("ktz", "railways.kz", "en/news2025.html").decode(),
                            "https://railways.kz/en/news2025", _listing("ktz", "en", "archives"))
    assert english and all(c.published is None for c in english)


def test_railfreight_cards_wrapped_in_links() -> None:
    cards = parse_listing(_file("railfreight", "www.railfreight.com", "category/beltandroad/index.html").decode(),
                          "https://www.railfreight.com/category/beltandroad/", _listing("railfreight", "en"))
    assert len(cards) == 8
    assert all(c.title and c.published and "T" in c.published for c in cards)


@pytest.mark.parametrize("body", [BOMB, XXE, gzip.compress(BOMB)])
def test_entity_declarations_are_refused_not_expanded(body: bytes) -> None:
    with pytest.raises(HostileXml):
        parse_feed(body)
    with pytest.raises(HostileXml):
        parse_sitemap(body)


def test_a_gzip_bomb_is_refused_before_inflating() -> None:
    with pytest.raises(HostileXml, match="inflates"):
        parse_sitemap(gzip.compress(b"<urlset>" + b" " * (80 * 1024 * 1024) + b"</urlset>"))


@pytest.mark.parametrize("body", [b"", b"not xml at all", b"<html><body>Soft 404</body></html>", b"\x00\xff" * 50,
                                  b"<rss><channel><item><title>cut off"])
def test_broken_documents_give_nothing_or_what_was_readable(body: bytes) -> None:
    assert parse_feed(body) == [] or all(c.url for c in parse_feed(body))
    assert parse_sitemap(body).articles == []


def test_deep_nesting_is_not_a_crash() -> None:
    body = b"<rss>" + b"<x>" * 100_000 + b"</rss>"
    assert parse_feed(body) == []


def test_listing_selectors_are_alternatives_tried_in_order() -> None:
    """'a, b' is not a CSS union: the first alternative that gives a value wins, whatever
    comes first in the document; relative links resolve against the page, and a card
    whose link is blank is no card."""
    listing = Listing(url="/news", card="div.card", link="a::attr(href)", title="h3::text, a::text",
                      date="time::attr(datetime), .date::text")
    page = """<html><body>
      <div class="card"><span class="date">1 May 2025</span><a href="/news/one">  One
        link </a><time datetime="2025-05-01T10:00">May 1</time></div>
      <div class="card"><a href="https://example.kz/news/two"><h3>Two</h3></a><span class="date">2 May</span></div>
      <div class="card"><a href="  ">blank</a></div>
      <div class="card"><a href="/news/one">the same article again</a></div>
    </body></html>"""
    cards = parse_listing(page, "https://example.kz/news?page=2", listing)
    assert [(c.url, c.title, c.published) for c in cards] == [
        ("https://example.kz/news/one", "One link", "2025-05-01T10:00"),
        ("https://example.kz/news/two", "Two", "2 May"),
    ]
    assert parse_listing("", "https://example.kz/news", listing) == []
