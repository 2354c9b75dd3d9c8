"""Each source's sample site in its real markup (site-profiles.md section 8)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from crawler.samples import Page, Site, esc, rfc822, ru_card_date

RSS = "application/rss+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"


def _site_json(target: Path, primary: str) -> None:
    (target / "_site.json").write_text(json.dumps({"primary": primary}))


def _rss(title: str, link: str, items: list[tuple[str, str, datetime]]) -> str:
    body = "".join(f"<item><title>{esc(t)}</title><link>{esc(u)}</link><guid>{esc(u)}</guid>"
                   f"<pubDate>{rfc822(d)}</pubDate></item>" for t, u, d in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{esc(title)}</title>'
            f"<link>{esc(link)}</link>{body}</channel></rss>")


def _paragraphs(page: Page) -> str:
    return "".join(f"<p>{esc(p)}</p>" for p in page.paragraphs)


# --- rail-news.kz (Joomla) --------------------------------------------------------------------------

def railnews(target: Path, pages: list[Page]) -> None:
    _site_json(target, "rail-news.kz")
    site = Site(target, "rail-news.kz")
    site.put("/robots.txt", "User-agent: *\nDisallow: /ru/private/\nDisallow: /administrator/\n", "text/plain")
    for language in ("ru", "kz"):
        mine = [p for p in pages if p.language == language]
        if language == "ru":  # the Kazakh feed is guessed and missing: the listing is the way in
            items = [(p.title, _twin(p.url) if i % 4 == 1 else p.url, p.published) for i, p in enumerate(mine[:10])]
            site.put(f"/{language}/news?format=feed&type=rss", _rss("Rail-news.kz", f"https://rail-news.kz/{language}", items), RSS)
        cards = [*mine]
        if language == "ru":
            stub = Page("railnews", "rail-news.kz", "/ru/news/20999-gazeta-kazakstan-temirzolsysy-no3.html", "ru",
                        mine[2].published, "Газета «Қазақстан теміржолшысы», №3 от 16 января 2026 года", ("PDF",))
            cards.insert(3, stub)
        for start in range(0, len(cards), 10):
            chunk = cards[start:start + 10]
            query = f"?start={start}" if start else ""
            site.put(f"/{language}/news{query}", _railnews_listing(chunk, language))
    for i, page in enumerate(pages):
        site.put(page.path, _railnews_article(page, pages, dated=i != 5))
        site.put("/index.php" + page.path, _railnews_article(page, pages, dated=i != 5))
    site.close()


def _twin(url: str) -> str:
    return url.replace("rail-news.kz/", "rail-news.kz/index.php/", 1)


def _railnews_listing(cards: list[Page], language: str) -> str:
    items = "".join(
        f'<div class="items-row"><div class="item"><h2><a href="{esc(p.path)}">{esc(p.title)}</a></h2>'
        f'<dd class="published">{p.published:%d.%m.%Y}</dd></div></div>' for p in cards)
    return f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>Новости</title></head>' \
           f'<body><div class="blog">{items}</div><ul class="pagination"><li>1</li></ul></body></html>'


def _railnews_article(page: Page, pages: list[Page], dated: bool) -> str:
    category = "Новости" if page.language == "ru" else "Жаңалықтар"
    date_line = f"<dl class=\"article-info\"><dd class=\"category-name\">{category}</dd>" \
                f"<dd class=\"published\">{page.published:%d.%m.%Y, %H:%M}</dd></dl>" if dated else ""
    others = [p for p in pages if p is not page][:9]
    related = "".join(f'<li><span class="cat">{category}</span> <span class="date">'
                      f'{(p.published - timedelta(days=40)):%d.%m.%Y}</span> <a href="{esc(p.path)}">{esc(p.title)}</a></li>'
                      for p in others)
    return (f'<!DOCTYPE html><html lang="{page.language}-{page.language}"><head><meta charset="utf-8">'
            f"<title>{esc(page.title)}</title></head><body><nav><a href='/ru/news'>Новости</a></nav>"
            f'<div class="item-page"><div class="page-header"><h2>{esc(page.title)}</h2></div>{date_line}'
            f'<div class="author">Собственный корреспондент</div>'
            f'<div itemprop="articleBody">{_paragraphs(page)}</div></div>'
            f'<div class="related-items"><h3>{category}</h3><ul>{related}</ul></div>'
            "<footer>© «Қазақстан теміржолшысы»</footer></body></html>")


# --- Kazinform (several hosts) ------------------------------------------------------------------------

def kazinform(target: Path, pages: list[Page]) -> None:
    _site_json(target, "www.inform.kz")
    hosts = {"ru": "www.inform.kz", "en": "qazinform.com", "kk": "kaz.inform.kz"}
    sites = {host: Site(target, host) for host in hosts.values()}
    feeds = {"ru": "/rss/rus.xml", "en": "/rss/en.xml", "kk": "/rss/kaz.xml"}
    lenta = {"ru": "/ru/lenta", "en": "/lenta", "kk": "/lenta"}
    for language, host in hosts.items():
        site = sites[host]
        mine = [p for p in pages if p.language == language]
        items = [(p.title, p.url, p.published) for p in mine[:8]]
        if language == "ru" and mine:  # an old-generation link that now redirects to the hex URL
            legacy = f"/ru/{mine[1].path.split('/')[-1].rsplit('-', 1)[0]}_a4{len(mine):06d}"
            site.redirect(legacy, mine[1].path)
            items[1] = (mine[1].title, f"https://{host}{legacy}", mine[1].published)
        site.put(feeds[language], _rss("Kazinform", f"https://{host}/", items), RSS)
        for n, start in enumerate(range(0, len(mine), 4), 1):
            chunk = mine[start:start + 4]
            path = lenta[language] if n == 1 else (f"/ru/lenta/?page={n}" if language == "ru" else f"/lenta?page={n}")
            site.put(path, _lenta(chunk, language, nominative=n % 2 == 0))
        if language == "ru":
            entries = "".join(
                f"<url><loc>{esc(p.url)}</loc><news:news><news:publication><news:name>Kazinform</news:name>"
                f"<news:language>ru</news:language></news:publication><news:publication_date>{p.published.isoformat()}"
                f"</news:publication_date><news:title>{esc(p.title)}</news:title></news:news></url>" for p in mine[:6])
            site.put("/sitemaps/google-news_ru.xml",
                     '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                     f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>', XML)
        for page in mine:
            site.put(page.path, _kazinform_article(page))
            if language == "en":
                site.put(page.path.rstrip("/") + "/amp", _kazinform_amp(page))
    for site in sites.values():
        site.close()


def _lenta(cards: list[Page], language: str, nominative: bool) -> str:
    items = "".join(
        f'<a href="{esc(p.url)}" class="news-card"><time class="meta-date">'
        f"{ru_card_date(p.published, nominative) if language != 'en' else p.published.strftime('%H:%M, %d %B %Y')}"
        f'</time><h3 class="card-title">{esc(p.title)}</h3></a>' for p in cards)
    return f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>Лента</title></head>' \
           f'<body><div class="lenta">{items}</div></body></html>'


def _kazinform_article(page: Page) -> str:
    return (f'<!DOCTYPE html><html lang="{page.language}"><head><meta charset="utf-8">'
            f"<title>{esc(page.title)} | Kazinform</title>"
            f'<meta property="og:title" content="{esc(page.title)} | Kazinform">'
            f'<meta property="og:image" content="https://{page.host}/static/img/plug.png">'
            f'<meta name="article:published_time" content="{page.published.isoformat()}">'
            f'<link rel="canonical" href="{esc(page.url)}"></head><body>'
            f'<div class="header">EN / What\'s trending: kz qz ру en 中文</div><div class="article">'
            f'<div class="article__date">{page.published:%H:%M, %d.%m.%Y}</div>'
            f'<h1 class="article__title">{esc(page.title)}</h1><div class="article__content">{_paragraphs(page)}</div>'
            '<div class="article__tags">Tags: Railways, China</div></div>'
            '<div class="currently-reading">Сейчас читают</div></body></html>')


def _kazinform_amp(page: Page) -> str:
    return (f'<!doctype html><html amp lang="{page.language}"><head><meta charset="utf-8"><title>{esc(page.title)}</title>'
            f'<link rel="canonical" href="{esc(page.url)}"></head><body><header>Go to the main site</header>'
            f"<article><h1>{esc(page.title)}</h1>{_paragraphs(page)}</article></body></html>")


# --- RailFreight.com (WordPress) ---------------------------------------------------------------------

def railfreight(target: Path, pages: list[Page]) -> None:
    _site_json(target, "www.railfreight.com")
    site = Site(target, "www.railfreight.com")
    site.put("/robots.txt", "User-agent: *\nDisallow: /wp-admin/\nCrawl-delay: 0.2\n", "text/plain")
    items = [(p.title, p.url, p.published) for p in pages[:10]]
    site.put("/category/beltandroad/feed/", _rss("Belt and Road – RailFreight.com", "https://www.railfreight.com/", items), RSS)
    site.put("/feed/", _rss("RailFreight.com", "https://www.railfreight.com/", items[:6]), RSS)
    for n, start in enumerate(range(0, len(pages), 8), 1):
        chunk = pages[start:start + 8]
        path = "/category/beltandroad/" if n == 1 else f"/category/beltandroad/page/{n}/"
        cards = "".join(
            f'<a href="{esc(p.url)}"><article class="summary"><h2 class="post-title">{esc(p.title)}</h2>'
            f'<time class="pubdate" datetime="{p.published.isoformat()}">{p.published:%d %b %Y}</time>'
            f'<div class="excerpt">{esc(p.paragraphs[0][:120])}...Read more</div></article></a>' for p in chunk)
        site.put(path, f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Topic: Belt and Road</title>'
                       f'</head><body><main>{cards}</main></body></html>')
    for i, page in enumerate(pages):
        site.put(page.path, _railfreight_article(page, premium=i == 3))
    site.close()


def _railfreight_article(page: Page, premium: bool) -> str:
    body = f"<p>{esc(page.paragraphs[0])}</p>" if premium else _paragraphs(page)
    paywall = ('<div class="premium-box"><p>Do you want to read the full article? Thank you for visiting '
               "RailFreight.com. Become a member of RailFreight Premium ... Are you already a member? Having "
               "problems logging in? Call +31(0)10 280 1000</p></div>") if premium else ""
    return (f'<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>{esc(page.title)} - RailFreight.com'
            f'</title><meta property="article:published_time" content="{page.published.isoformat()}"></head><body>'
            f'<article><h1 class="entry-title">{esc(page.title)}</h1><div class="entry-content">{body}{paywall}</div>'
            '</article><div id="comments">Leave a Reply</div></body></html>')


# --- railways.kz (one big page per year, hashed class names) --------------------------------------------

def ktz(target: Path, pages: list[Page]) -> None:
    _site_json(target, "railways.kz")
    site = Site(target, "railways.kz")
    years = sorted({p.published.year for p in pages})
    for language in ("ru", "en"):
        for year in years:
            mine = [p for p in pages if p.language == language and p.published.year == year]
            cards = "".join(
                f'<div class="sc-kEjbxe"><a href="{esc(p.path)}"><img src="/img/{i}.jpg" alt=""></a>'
                f'<h3 class="sc-iBPRYJ"><a href="{esc(p.path)}">{esc(p.title)}</a></h3>'
                + (f'<div class="sc-fubCfw">{p.published:%d.%m.%Y}</div>' if language == "ru" else "")
                + "</div>" for i, p in enumerate(mine))
            site.put(f"/{language}/news{year}", f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
                                                f'<title>Новости</title></head><body><div id="__next"><div class="sc-x">{cards}'
                                                "</div></div></body></html>")
    for page in pages:
        site.put(page.path, (f'<!DOCTYPE html><html lang="{page.language}"><head><meta charset="utf-8">'
                             f"<title>{esc(page.title)}</title></head><body><div class=\"sc-hd\">Қазақстан темiр жолы</div>"
                             f'<main><h1>{esc(page.title)}</h1><div class="sc-dt">{page.published:%d-%m-%Y}</div>'
                             f'<div class="sc-body">{_paragraphs(page)}</div></main>'
                             '<footer>© «Қазақстан темір жолы» Ұлттық компаниясы» АҚ</footer></body></html>'))
    site.close()
