"""The sources: every site railwatch reads, and every way its articles are found.

A source is data (site-profiles.md says what each looks like; "guessed" ways come with
a second way in). Adding a source is an entry here plus a mirror in
``tests/fixtures/sites``, not a new spider class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from worker.urls import UrlRules

ALMATY = "Asia/Almaty"


@dataclass(frozen=True, slots=True)
class Feed:
    url: str


@dataclass(frozen=True, slots=True)
class Sitemap:
    url: str
    """A sitemap index, a urlset, or a Google News sitemap (news:publication_date is read)."""


@dataclass(frozen=True, slots=True)
class Listing:
    """A page of article cards, newest first, and how to reach the next (older) page."""

    url: str
    """First page; for yearly archives a template with ``{year}``."""
    card: str
    """CSS selector of one card."""
    link: str = "a::attr(href)"
    """Selector (within the card) of the article link; ``::attr(href)`` for the card itself."""
    title: str | None = None
    date: str | None = None
    """Selector of the card's date text (or attribute)."""
    next_page: str | None = None
    """Template of page n (n >= 2): ``{n}`` page number, ``{offset}`` = (n - 1) * page_size."""
    page_size: int = 0
    max_pages: int = 40


@dataclass(frozen=True, slots=True)
class Site:
    """One language edition of a source, on one host."""

    language: str
    host: str
    scheme: str = "https"
    feeds: tuple[Feed, ...] = ()
    sitemaps: tuple[Sitemap, ...] = ()
    listings: tuple[Listing, ...] = ()
    archives: tuple[Listing, ...] = ()

    def url(self, path: str) -> str:
        return path if "://" in path else f"{self.scheme}://{self.host}{path}"


WAYS = ("feeds", "sitemaps", "listings", "archives")


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    title: str
    sites: tuple[Site, ...]
    article_paths: str
    """Regex matched against a link's path: what an article URL looks like here."""
    url_rules: UrlRules = field(default_factory=UrlRules)
    timezone: str = ALMATY
    date_formats: tuple[str, ...] = ()
    """strptime formats of the dates on cards and pages, tried before generic parsing."""
    skip_titles: str | None = None
    """Regex of card titles that are not articles (newspaper PDF stubs, ...)."""
    prune_xpaths: tuple[str, ...] = ()
    """Boilerplate trafilatura should drop (related-headline blocks with other dates)."""
    download_delay: float = 1.0
    intervals: dict[str, timedelta] = field(default_factory=dict)
    """Crawl interval per discovery way, where it differs from the defaults."""
    quiet_limit: timedelta = timedelta(days=2)
    """How long the source may publish nothing new before someone should look."""
    enabled: bool = True

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(site.language for site in self.sites))

    @property
    def hosts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(site.host for site in self.sites))

    def discovery_ways(self) -> tuple[str, ...]:
        return tuple(way for way in WAYS if any(getattr(site, way) for site in self.sites))


# Joomla category blogs: 10 cards per page, ?start=N.
def _railnews_listing(language: str, category: str) -> Listing:
    return Listing(
        url=f"/{language}/{category}", card="div.items-row, div.blog-item", link="h2 a::attr(href)",
        title="h2 a::text", date="time::attr(datetime), dd.published::text, .date::text",
        next_page=f"/{language}/{category}?start={{offset}}", page_size=10,
    )


def _lenta(url: str, next_page: str) -> Listing:
    """Kazinform's news feed pages: <a class="news-card"> with time.meta-date and h3.card-title."""
    return Listing(url=url, next_page=next_page, card="a.news-card", link="::attr(href)",
                   title="h3.card-title::text", date="time.meta-date::text")

SOURCES: tuple[Source, ...] = (
    Source(
        name="railnews",
        title="Rail-news.kz (Қазақстан теміржолшысы)",
        sites=(
            # No feed or sitemap was ever seen; Joomla's are guessed, the category blog is the second way in.
            Site("ru", "rail-news.kz",
                 feeds=(Feed("/ru/news?format=feed&type=rss"),),
                 sitemaps=(Sitemap("/sitemap.xml"),),
                 listings=(_railnews_listing("ru", "news"), _railnews_listing("ru", "cargo-transportation"))),
            Site("kz", "rail-news.kz",
                 feeds=(Feed("/kz/news?format=feed&type=rss"),),
                 listings=(_railnews_listing("kz", "news"),)),
        ),
        article_paths=r"^/(?:index\.php/)?(?:ru|kz)/[\w-]+/\d+-[\w-]+\.html$",
        url_rules=UrlRules(strip_path_prefixes=("/index.php",), host_aliases={"www.rail-news.kz": "rail-news.kz"}),
        date_formats=("%d.%m.%Y, %H:%M", "%d.%m.%Y"),
        skip_titles=r"(?i)^газета\s|№\s*\d+\s+от\s",
        prune_xpaths=("//div[contains(@class, 'related')]", "//div[contains(@class, 'items-more')]"),
        intervals={"feeds": timedelta(minutes=30)},
    ),
    Source(
        name="kazinform",
        title="Kazinform (inform.kz, qazinform.com)",
        sites=(
            Site("ru", "www.inform.kz",
                 feeds=(Feed("/rss/rus.xml"),),
                 sitemaps=(Sitemap("/sitemaps/google-news_ru.xml"),),
                 listings=(_lenta("/ru/lenta", "/ru/lenta/?page={n}"),)),
            Site("en", "qazinform.com",
                 feeds=(Feed("/rss/en.xml"),),
                 sitemaps=(Sitemap("/sitemaps/google-news_en.xml"),),
                 listings=(_lenta("/lenta", "/lenta?page={n}"),)),
            Site("kk", "kaz.inform.kz",
                 feeds=(Feed("/rss/kaz.xml"),),
                 listings=(_lenta("/lenta", "/lenta?page={n}"),)),
        ),
        # current hex ids (6 chars), legacy _a1234567 ids, AMP renderings
        article_paths=r"^/(?:(?:ru|en|kz)/|news/)?(?:amp/)?[\w-]+(?:-[0-9a-f]{6}|_a\d{7})/?(?:amp/?)?$",
        url_rules=UrlRules(host_aliases={"inform.kz": "www.inform.kz", "www.qazinform.com": "qazinform.com"}),
        date_formats=("%Y-%m-%dT%H:%M:%S%z",),
        quiet_limit=timedelta(hours=12),
    ),
    Source(
        name="railfreight",
        title="RailFreight.com",
        sites=(
            Site("en", "www.railfreight.com",
                 feeds=(Feed("/category/beltandroad/feed/"), Feed("/feed/")),
                 sitemaps=(Sitemap("/sitemap_index.xml"),),
                 listings=(Listing(url="/category/beltandroad/", card="a:has(article.summary)", link="::attr(href)",
                                   title=".post-title::text", date="time.pubdate::attr(datetime)",
                                   next_page="/category/beltandroad/page/{n}/"),)),
        ),
        article_paths=r"^/[\w-]+/\d{4}/\d{2}/\d{2}/[\w-]+/?$",
        url_rules=UrlRules(host_aliases={"railfreight.com": "www.railfreight.com"}),
        quiet_limit=timedelta(days=4),
    ),
    Source(
        name="ktz",
        title="Kazakhstan Temir Zholy (railways.kz)",
        sites=(
            # One big page per year and language, no pagination; hashed class names, so
            # cards are found by structure. English cards carry no dates.
            Site("ru", "railways.kz",
                 archives=(Listing(url="/ru/news{year}", card="div:has(> a[href*='/news20'])",
                                   link="a[href*='/news20']::attr(href)", title="h3 a::text, h3::text",
                                   date="div:not(:has(*))::text"),)),
            Site("en", "railways.kz",
                 archives=(Listing(url="/en/news{year}", card="div:has(> a[href*='/news20'])",
                                   link="a[href*='/news20']::attr(href)", title="h3 a::text, h3::text"),)),
        ),
        article_paths=r"^/(?:ru/|en/)?news(?:20\d\d)?/[\w-]+/?$",
        date_formats=("%d.%m.%Y", "%d-%m-%Y"),
        intervals={"archives": timedelta(hours=6)},
        quiet_limit=timedelta(days=7),
    ),
)

_BY_NAME = {source.name: source for source in SOURCES}


def get_source(name: str) -> Source | None:
    return _BY_NAME.get(name)


def source_names() -> tuple[str, ...]:
    return tuple(_BY_NAME)


def enabled_sources() -> tuple[Source, ...]:
    return tuple(source for source in SOURCES if source.enabled)
