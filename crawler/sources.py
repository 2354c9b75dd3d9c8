"""The sources: every site railwatch reads, and every way its articles are found.

A source is data. ``../shared/site-profiles.md`` says what each site looks like and
marks each fact seen, inferred or guessed; a guessed way in always comes with a
second one, and a way that fails is reported in the run's stats. Adding a source is
an entry here plus a mirror in ``tests/fixtures/sites``, not a new spider class.

URL templates may use ``{n}`` (page number, from 2), ``{offset}`` (``(n - 1) *
page_size``), ``{year}`` (one archive page per year of the window) and ``{since}`` /
``{until}`` (the window's days, ISO format, for date-range archives).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from worker.urls import UrlRules

ALMATY = "Asia/Almaty"


@dataclass(frozen=True, slots=True)
class Feed:
    """RSS 2.0, RSS 1.0 or Atom; the item's date is read before fetching."""

    url: str


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A sitemap index, a urlset, or a Google News sitemap (news:publication_date is read)."""

    url: str
    only: str | None = None
    """Regex on the path of article URLs to keep (a whole-site sitemap lists every section)."""


@dataclass(frozen=True, slots=True)
class Listing:
    """A page of article cards, newest first, and how to reach older pages."""

    url: str
    card: str
    """CSS selector of one card."""
    link: str = "a::attr(href)"
    """Selector, within the card, of the article link (``::attr(href)``: the card is the link)."""
    title: str | None = None
    date: str | None = None
    """Selectors (comma-separated, first hit wins) of the date the card prints."""
    next_pages: tuple[str, ...] = ()
    """Templates of page n >= 2. More than one: the next is tried when a page repeats the last."""
    page_size: int = 0
    max_pages: int = 400
    """A safety stop; the date window (or known articles, for undated cards) stops sooner."""


@dataclass(frozen=True, slots=True)
class Site:
    """One language edition of a source on one host, with its ways in, best first."""

    language: str
    host: str
    scheme: str = "https"
    feeds: tuple[Feed, ...] = ()
    sitemaps: tuple[Sitemap, ...] = ()
    listings: tuple[Listing, ...] = ()
    archives: tuple[Listing, ...] = ()
    """Listings scoped by date: one page (and its pagination) per year or per window."""

    def url(self, path: str) -> str:
        return path if "://" in path else f"{self.scheme}://{self.host}{path}"


WAYS = ("feeds", "sitemaps", "listings", "archives")


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    title: str
    sites: tuple[Site, ...]
    article_paths: str
    """Regex on a link's path: what an article URL looks like here (anything else is ignored)."""
    url_rules: UrlRules = field(default_factory=UrlRules)
    timezone: str = ALMATY
    date_formats: tuple[str, ...] = ()
    """strptime formats of the dates cards print, tried before the generic readers."""
    skip_titles: str | None = None
    """Regex of card titles that are not articles (newspaper PDF stubs, ...)."""
    prune_xpaths: tuple[str, ...] = ()
    """Boilerplate the cleaner should drop (related-headline blocks that carry other dates)."""
    intervals: dict[str, timedelta] = field(default_factory=dict)
    """Crawl interval per discovery way, where it differs from the schedule's defaults."""
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


def _joomla_blog(language: str, category: str) -> Listing:
    """A Joomla category blog: ``?start=N`` offsets, or ``?limitstart=N`` on older set-ups."""
    return Listing(
        url=f"/{language}/{category}", card="div.items-row, div.blog-item", link="h2 a::attr(href)",
        title="h2 a::text", date="time::attr(datetime), dd.published::text, .date::text",
        next_pages=(f"/{language}/{category}?start={{offset}}", f"/{language}/{category}?limitstart={{offset}}"),
        page_size=10,
    )


def _lenta(url: str, next_page: str) -> Listing:
    """Kazinform's news feed pages (2026): <a class="news-card"> with time.meta-date, h3.card-title."""
    return Listing(url=url, card="a.news-card", link="::attr(href)", title="h3.card-title::text",
                   date="time.meta-date::text", next_pages=(next_page,))


# Kazinform's 2024-25 date-range archive: ideal for backfill, if it still works.
_KAZINFORM_RANGE = Listing(
    url="/lenta/?page=1&start_date={since}&end_date={until}", card="div.allNewsCard", link="a::attr(href)",
    title=".allNewsCard_title::text", date=".allNewsCard_time::text",
    next_pages=("/lenta/?page={n}&start_date={since}&end_date={until}",),
)

# railways.kz: one big page per year and language; class names are hashed, so cards are
# found by structure (a div whose child links to /news20YY/...), and each has two links.
_KTZ_CARD = "div:has(> a[href*='/news20'])"
_KTZ_LINK = "a[href*='/news20']::attr(href)"

SOURCES: tuple[Source, ...] = (
    Source(
        name="railnews",
        title="Rail-news.kz (Қазақстан теміржолшысы)",
        # Nothing was seen: Joomla's feed, sitemap and category blogs are all guessed.
        sites=(
            Site("ru", "rail-news.kz",
                 feeds=(Feed("/ru/news?format=feed&type=rss"),),
                 sitemaps=(Sitemap("/sitemap.xml"),),
                 listings=(_joomla_blog("ru", "news"), _joomla_blog("ru", "cargo-transportation"))),
            Site("kz", "rail-news.kz",
                 feeds=(Feed("/kz/news?format=feed&type=rss"),),
                 listings=(_joomla_blog("kz", "news"),)),
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
                 feeds=(Feed("/rss/rus.xml"), Feed("/ru/rss")),
                 sitemaps=(Sitemap("/sitemaps/google-news_ru.xml"),),  # guessed from the cn one
                 listings=(_lenta("/ru/lenta", "/ru/lenta/?page={n}"),),
                 archives=(_KAZINFORM_RANGE,)),
            Site("en", "qazinform.com",  # English since 2025
                 feeds=(Feed("/rss/en.xml"),),
                 sitemaps=(Sitemap("/sitemaps/google-news_en.xml"),),  # guessed
                 listings=(_lenta("/lenta", "/lenta?page={n}"),)),  # guessed
            Site("en", "en.inform.kz",  # English in 2023-24; old links redirect to qazinform.com
                 feeds=(Feed("https://www.inform.kz/rss/eng.xml"),)),
            Site("kk", "kaz.inform.kz",  # Kazakh, Cyrillic
                 feeds=(Feed("https://www.inform.kz/rss/kaz.xml"),),
                 sitemaps=(Sitemap("/sitemaps/google-news_kz.xml"),),  # guessed
                 listings=(_lenta("/lenta", "/lenta?page={n}"),)),  # guessed, like cn.inform.kz/lenta
            Site("kk", "qz.inform.kz",  # Kazakh, Latin: nothing seen but article URLs
                 sitemaps=(Sitemap("/sitemaps/google-news_qz.xml"),),  # guessed
                 listings=(_lenta("/lenta", "/lenta?page={n}"),)),  # guessed
        ),
        # hex ids (6 chars; a few have none), legacy _a1234567 ids, AMP renderings
        article_paths=(r"^/(?:(?:ru|en|kz)/|news/|amp/)*[\w-]+(?:-[0-9a-f]{6}|_a\d{7})/?(?:amp/?)?$"
                       r"|^/news/[a-z0-9-]{12,}/?$"),
        url_rules=UrlRules(host_aliases={"inform.kz": "www.inform.kz", "www.qazinform.com": "qazinform.com"}),
        date_formats=("%H:%M, %d.%m.%Y",),
        quiet_limit=timedelta(hours=12),
    ),
    Source(
        name="railfreight",
        title="RailFreight.com (Belt and Road, and the main feed)",
        sites=(
            Site("en", "www.railfreight.com",
                 feeds=(Feed("/category/beltandroad/feed/"), Feed("/feed/")),
                 # guessed (Yoast); the whole site is listed there, so only Belt and Road is kept
                 sitemaps=(Sitemap("/sitemap_index.xml", only=r"^/beltandroad/"),),
                 listings=(Listing(url="/category/beltandroad/", card="a:has(article.summary)", link="::attr(href)",
                                   title=".post-title::text", date="time.pubdate::attr(datetime)",
                                   next_pages=("/category/beltandroad/page/{n}/",)),)),
        ),
        article_paths=r"^/[\w-]+/\d{4}/\d{2}/\d{2}/[\w-]+/?$",
        url_rules=UrlRules(host_aliases={"railfreight.com": "www.railfreight.com"}),
        quiet_limit=timedelta(days=4),
    ),
    Source(
        name="ktz",
        title="Kazakhstan Temir Zholy (railways.kz)",
        sites=(
            # English cards print no date: every card of a year in the window is a candidate.
            Site("ru", "railways.kz",
                 archives=(Listing(url="/ru/news{year}", card=_KTZ_CARD, link=_KTZ_LINK, title="h3 a::text, h3::text",
                                   date="div:not(:has(*))::text"),)),
            Site("en", "railways.kz",
                 archives=(Listing(url="/en/news{year}", card=_KTZ_CARD, link=_KTZ_LINK,
                                   title="h3 a::text, h3::text"),)),
        ),
        article_paths=r"^/(?:ru/|en/)?news(?:20\d\d)?/[\w-]+/?$",
        date_formats=("%d.%m.%Y", "%d-%m-%Y"),
        # The current year's page is the live news list, not an archive: hourly, like other
        # listings. It is the whole year in one ~1 MB page (site-profiles.md 4), so not more.
        intervals={"archives": timedelta(hours=1)},
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
