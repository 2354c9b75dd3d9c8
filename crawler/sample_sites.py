"""Each source's sample site in its real markup and with its traps (site-profiles.md section 8).

A builder writes one mirror and returns the articles a crawl of it should find.
Guessed ways in that the real site may not have are left out on purpose (the railnews
sitemap, Kazinform's date-range archive, ...): the crawl must report them and go on.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from crawler.samples import Page, Site, esc, rfc822, ru_card_date

RSS = "application/rss+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
             "қараша", "желтоқсан"]
QZ_MONTHS = ["qañtar", "aqpan", "nauryz", "säuır", "mamyr", "mausym", "şılde", "tamyz", "qyrküiek", "qazan",
             "qaraşa", "jeltoqsan"]


def _site_json(target: Path, primary: str) -> None:
    (target / "_site.json").write_text(json.dumps({"primary": primary}))


def _rss(title: str, link: str, items: list[tuple[str, str, datetime]]) -> str:
    body = "".join(f"<item><title>{esc(t)}</title><link>{esc(u)}</link><guid>{esc(u)}</guid>"
                   f"<pubDate>{rfc822(d)}</pubDate></item>" for t, u, d in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{esc(title)}</title>'
            f"<link>{esc(link)}</link>{body}</channel></rss>")


def _paragraphs(page: Page) -> str:
    return "".join(f"<p>{esc(p)}</p>" for p in page.paragraphs)


def _html(language: str, title: str, body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>{esc(title)}</title>{head}'
            f"</head><body>{body}</body></html>")


# --- rail-news.kz (Joomla) --------------------------------------------------------------------------

def railnews(target: Path, pages: list[Page]) -> list[Page]:
    _site_json(target, "rail-news.kz")
    site = Site(target, "rail-news.kz")
    site.put("/robots.txt", "User-agent: *\nDisallow: /administrator/\nDisallow: /ru/private/\n", "text/plain")
    for language in ("ru", "kz"):
        news = [p for p in pages if p.language == language and "/news/" in p.path]
        if language == "ru":  # the Kazakh feed is guessed and missing: the category blog is the way in
            items = [(p.title, _twin(p.url) if i % 4 == 1 else p.url, p.published) for i, p in enumerate(news[:10])]
            site.put("/ru/news?format=feed&type=rss", _rss("Rail-news.kz", "https://rail-news.kz/ru", items), RSS)
            stub = Page("railnews", "rail-news.kz", "/ru/news/20999-gazeta-kazakstan-temirzolsysy-no3.html", "ru",
                        news[2].published, "Газета «Қазақстан теміржолшысы», №3 от 16 января 2026 года", ("PDF",))
            news.insert(3, stub)
        for start in range(0, len(news), 10):
            query = f"?start={start}" if start else ""
            site.put(f"/{language}/news{query}", _railnews_blog(news[start:start + 10], language, start))
    cargo = [p for p in pages if "/cargo-transportation/" in p.path]
    site.put("/ru/cargo-transportation", _railnews_blog(cargo, "ru", 0))
    for i, page in enumerate(pages):
        html = _railnews_article(page, pages, dated=i != 5)
        site.put(page.path, html)
        site.put("/index.php" + page.path, html)  # Joomla's twin, indexed too
    site.close()
    return pages


def _twin(url: str) -> str:
    return url.replace("rail-news.kz/", "rail-news.kz/index.php/", 1)


def _railnews_blog(cards: list[Page], language: str, start: int) -> str:
    items = "".join(
        f'<div class="items-row cols-1 row-{i}"><div class="item column-1" itemprop="blogPost">'
        f'<div class="page-header"><h2 itemprop="name"><a href="{"/index.php" if i == 4 else ""}{esc(p.path)}" '
        f'itemprop="url">{esc(p.title)}</a></h2></div><dl class="article-info"><dd class="published">'
        f'<time datetime="{p.published:%Y-%m-%dT%H:%M:%S}+05:00" itemprop="datePublished">{p.published:%d.%m.%Y}'
        f'</time></dd></dl><p>{esc(p.paragraphs[0][:140])}…</p></div></div>' for i, p in enumerate(cards))
    label = "Новости" if language == "ru" else "Жаңалықтар"
    return _html(language, label, f'<div class="blog" itemscope><h1>{label}</h1>{items}'
                                  f'<div class="pagination"><p class="counter">Страница {start // 10 + 1}</p></div></div>')


def _railnews_article(page: Page, pages: list[Page], dated: bool) -> str:
    ru = page.language == "ru"
    category = "Новости" if ru else "Жаңалықтар"
    date_line = (f'<dl class="article-info"><dd class="category-name">{category}</dd><dd class="published">'
                 f'{page.published:%d.%m.%Y, %H:%M}</dd></dl>') if dated else ""
    author = ('<div class="article-author"><p>Фото автора</p><p class="name">Аслан Кудабаев</p>'
              f'<p class="role">{"Собственный корреспондент по Костанайской области" if ru else "Атырау облысы бойынша меншікті тілші"}'
              "</p></div>")
    others = [p for p in pages if p is not page][:9]
    related = "".join(f'<li><span class="cat">{category}</span> <span class="date">'
                      f'{(p.published - timedelta(days=40)):%d.%m.%Y}</span> <a href="{esc(p.path)}">{esc(p.title)}</a></li>'
                      for p in others)
    lead = f"{page.paragraphs[0][:-1]}, {'передаёт' if page.published.day % 2 else 'передает'} Rail-news.kz." if ru \
        else page.paragraphs[0]
    body = "".join(f"<p>{esc(p)}</p>" for p in (lead, *page.paragraphs[1:]))
    return _html(f"{page.language}-{page.language}", page.title,
                 f"<nav><a href='/ru/news'>Новости</a> <a href='/kz/news'>Жаңалықтар</a></nav>"
                 f'<div class="item-page"><div class="page-header"><h2>{esc(page.title)}</h2></div>{date_line}{author}'
                 f'<div itemprop="articleBody">{body}</div></div>'
                 f'<div class="related-items"><h3>{category}</h3><ul>{related}</ul></div>'
                 "<footer>© «Қазақстан теміржолшысы»</footer>")


# --- Kazinform (five hosts, three URL generations) -----------------------------------------------------

def kazinform(target: Path, pages: list[Page]) -> list[Page]:
    _site_json(target, "www.inform.kz")
    sites = {host: Site(target, host) for host in ("www.inform.kz", "qazinform.com", "kaz.inform.kz", "qz.inform.kz",
                                                   "en.inform.kz")}
    www = sites["www.inform.kz"]
    ru = [p for p in pages if p.host == "www.inform.kz"]
    en = [p for p in pages if p.host == "qazinform.com"]
    kaz = [p for p in pages if p.host == "kaz.inform.kz"]
    # RU feed: one old-generation link that now redirects to its hex URL
    legacy = f"/ru/{ru[1].path.split('/')[-1].rsplit('-', 1)[0]}_a4{len(ru):06d}"
    www.redirect(legacy, ru[1].path)
    items = [(p.title, p.url, p.published) for p in ru[:8]]
    items[1] = (ru[1].title, f"https://www.inform.kz{legacy}", ru[1].published)
    www.put("/rss/rus.xml", _rss("Kazinform", "https://www.inform.kz/", items), RSS)
    www.put("/sitemaps/google-news_ru.xml", _news_sitemap(ru[:6], "ru"), XML)
    sites["qazinform.com"].put("/rss/en.xml", _rss("Qazinform", "https://qazinform.com/",
                                                   [(p.title, p.url, p.published) for p in en[:8]]), RSS)
    # the common EN feed of 2023-24 configs: links of the en.inform.kz generation, transitional and AMP
    old = sites["en.inform.kz"]
    transitional = f"/news/{en[2].path.split('/')[-1].rsplit('-', 1)[0]}_a4075137/"
    amp = f"/amp/{en[3].path.split('/')[-1].rsplit('-', 1)[0]}_a2819575/"
    old.redirect(transitional, en[2].url)
    old.redirect(amp, en[3].url)
    www.put("/rss/eng.xml", _rss("Kazinform", "https://en.inform.kz/", [
        (en[0].title, en[0].url, en[0].published), (en[2].title, f"https://en.inform.kz{transitional}", en[2].published),
        (en[3].title, f"https://en.inform.kz{amp}", en[3].published)]), RSS)
    www.put("/rss/kaz.xml", _rss("ҚазАқпарат", "https://kaz.inform.kz/", [(p.title, p.url, p.published)
                                                                          for p in kaz[:6]]), RSS)
    for host, first, more in (("www.inform.kz", "/ru/lenta", "/ru/lenta/?page={n}"),
                              ("qazinform.com", "/lenta", "/lenta?page={n}"), ("kaz.inform.kz", "/lenta", "/lenta?page={n}"),
                              ("qz.inform.kz", "/lenta", "/lenta?page={n}")):
        mine = [p for p in pages if p.host == host]
        for n, start in enumerate(range(0, len(mine), 4), 1):
            path = first if n == 1 else more.format(n=n)
            sites[host].put(path, _lenta(mine[start:start + 4], host, nominative=n % 2 == 0))
    for page in pages:
        sites[page.host].put(page.path, _kazinform_article(page))
    for site in sites.values():
        site.close()
    return pages


def _news_sitemap(pages: list[Page], language: str) -> str:
    entries = "".join(
        f"<url><loc>{esc(p.url)}</loc><news:news><news:publication><news:name>Kazinform</news:name>"
        f"<news:language>{language}</news:language></news:publication><news:publication_date>"
        f"{p.published.isoformat()}</news:publication_date><news:title>{esc(p.title)}</news:title></news:news></url>"
        for p in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>')


def _card_date(page: Page, nominative: bool) -> str:
    moment = page.published
    if page.host == "qazinform.com":
        return f"{moment:%H:%M}, {moment:%d} {EN_MONTHS[moment.month - 1]} {moment.year}"
    if page.host in ("kaz.inform.kz", "qz.inform.kz"):
        months = KK_MONTHS if page.host == "kaz.inform.kz" else QZ_MONTHS
        return f"{moment:%H:%M}, {moment.day} {months[moment.month - 1]} {moment.year}"
    return ru_card_date(moment, nominative)  # "15:00, 23 Ноябрь 2025" and "21:38, 18 Августа 2026"


def _lenta(cards: list[Page], host: str, nominative: bool) -> str:
    items = "".join(
        f'<a href="{esc(p.path)}/" class="news-card"><div class="news-card__img"><img src="/static/plug.png" alt=""></div>'
        f'<time class="meta-date">{_card_date(p, nominative)}</time><h3 class="card-title">{esc(p.title)}</h3></a>'
        for p in cards)
    return _html(cards[0].language if cards else "ru", "Лента новостей",
                 f'<div class="header">kz qz ру en 中文 ўз ق ز</div><div class="lenta">{items}</div>'
                 '<button class="load-more">Показать ещё</button>')


def _kazinform_article(page: Page) -> str:
    stamp = _card_date(page, nominative=page.published.month % 2 == 0)
    head = (f'<meta property="og:title" content="{esc(page.title)} | Kazinform">'
            f'<meta property="og:image" content="https://{page.host}/static/img/plug.png">'
            f'<meta name="article:published_time" content="{page.published.isoformat()}">'
            f'<meta name="author" content="Kazinform"><link rel="canonical" href="{esc(page.url)}">')
    return _html(page.language, f"{page.title} | Kazinform",
                 f'<div class="header">{page.language.upper()} / What\'s trending: kz qz ру en 中文 ўз ق ز</div>'
                 f'<div class="article"><div class="article__date">{stamp}</div>'
                 f'<h1 class="article__title">{esc(page.title)}</h1><div class="article__photo">Коллаж: Kazinform</div>'
                 f'<div class="article__content">{_paragraphs(page)}</div>'
                 '<div class="article__tags">Tags: Railways, China</div></div>'
                 '<div class="currently-reading">Сейчас читают</div>', head)


# --- RailFreight.com (WordPress) ---------------------------------------------------------------------

def railfreight(target: Path, pages: list[Page]) -> list[Page]:
    _site_json(target, "www.railfreight.com")
    site = Site(target, "www.railfreight.com")
    site.put("/robots.txt", "User-agent: *\nDisallow: /wp-admin/\nCrawl-delay: 0.05\n", "text/plain")
    elsewhere = [_other(pages[1], "intermodal", "Low water on the Rhine sends shippers to rail"),
                 _other(pages[4], "policy", "The Combined Transport Directive might survive after all")]
    unrelated = _other(pages[2], "corridors", "Nordic corridor gets new terminal")  # in the sitemap only
    items = [(p.title, p.url, p.published) for p in pages[:10]]
    site.put("/category/beltandroad/feed/", _rss("Belt and Road – RailFreight.com", "https://www.railfreight.com/", items),
             RSS)
    main = sorted([*pages[:6], *elsewhere], key=lambda p: p.published, reverse=True)
    site.put("/feed/", _rss("RailFreight.com", "https://www.railfreight.com/", [(p.title, p.url, p.published) for p in main]),
             RSS)
    halves = [sorted([*pages[:len(pages) // 2], unrelated], key=lambda p: p.published, reverse=True),
              pages[len(pages) // 2:]]
    index = "".join(f"<sitemap><loc>https://www.railfreight.com/post-sitemap{n or ''}.xml</loc>"
                    f"<lastmod>{half[0].published.isoformat()}</lastmod></sitemap>" for n, half in enumerate(halves))
    site.put("/sitemap_index.xml", '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
             f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>', XML)
    for n, half in enumerate(halves):
        urls = "".join(f"<url><loc>{esc(p.url)}</loc><lastmod>{p.published.isoformat()}</lastmod></url>" for p in half)
        site.put(f"/post-sitemap{n or ''}.xml", '<?xml version="1.0" encoding="UTF-8"?><urlset '
                 f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>', XML)
    for n, start in enumerate(range(0, len(pages), 8), 1):
        cards = "".join(
            f'<a href="{esc(p.url)}"><article class="summary"><h2 class="post-title">{esc(p.title)}</h2>'
            f'<time class="pubdate" datetime="{p.published.isoformat()}">{p.published:%d %b %Y}</time>'
            f'<div class="excerpt">{esc(p.paragraphs[0][:120])}...Read more</div></article></a>'
            for p in pages[start:start + 8])
        path = "/category/beltandroad/" if n == 1 else f"/category/beltandroad/page/{n}/"
        site.put(path, _html("en-US", "Topic: Belt and Road", f"<main><h1>Topic: Belt and Road</h1>{cards}</main>"))
    for i, page in enumerate([*pages, *elsewhere, unrelated]):
        site.put(page.path, _railfreight_article(page, premium=i == 3))
    site.close()
    return [*pages, *elsewhere]


def _other(like: Page, category: str, title: str) -> Page:
    """An article of another section, half a day after ``like``."""
    published = like.published + timedelta(hours=5)
    slug = "-".join(title.lower().split())
    return replace(like, path=f"/{category}/{published:%Y/%m/%d}/{slug}/", published=published, title=title,
                   paragraphs=(f"{title}: operators told RailFreight.com the change would reach shippers within weeks.",
                               "Industry groups welcomed the news but asked for details on capacity."))


def _railfreight_article(page: Page, premium: bool) -> str:
    body = f"<p>{esc(page.paragraphs[0])}</p>" if premium else _paragraphs(page)
    paywall = ('<div class="premium-box"><p>Do you want to read the full article? Thank you for visiting '
               "RailFreight.com. Become a member of RailFreight Premium ... Are you already a member? Having "
               "problems logging in? Call +31(0)10 280 1000</p></div>") if premium else ""
    head = f'<meta property="article:published_time" content="{page.published.isoformat()}">'
    return _html("en-US", f"{page.title} - RailFreight.com",
                 f'<article><h1 class="entry-title">{esc(page.title)}</h1><div class="entry-content">{body}{paywall}</div>'
                 '</article><div id="comments">Leave a Reply</div>', head)


# --- railways.kz (one big page per year, hashed class names) --------------------------------------------

def ktz(target: Path, pages: list[Page]) -> list[Page]:
    _site_json(target, "railways.kz")
    site = Site(target, "railways.kz")
    for language in ("ru", "en"):
        for year in sorted({p.published.year for p in pages}):
            mine = [p for p in pages if p.language == language and p.published.year == year]
            cards = "".join(
                f'<div class="sc-kEjbxe"><a href="{esc(p.path)}"><img src="/img/{i}.jpg" alt=""></a>'
                f'<h3 class="sc-iBPRYJ"><a href="{esc(p.path)}">{esc(p.title)}</a></h3>'
                + (f'<div class="sc-fubCfw">{p.published:%d.%m.%Y}</div>' if p.card_dated else "")
                + "</div>" for i, p in enumerate(mine))
            site.put(f"/{language}/news{year}", _html(language, "Новости" if language == "ru" else "News",
                                                      f'<div id="__next"><div class="sc-x">{cards}</div></div>'))
    for page in pages:
        site.put(page.path, _html(page.language, page.title,
                                  '<div class="sc-hd">Қазақстан темiр жолы</div>'  # a Latin "i", as printed
                                  f'<main><h1>{esc(page.title)}</h1><div class="sc-dt">{page.published:%d-%m-%Y}</div>'
                                  f'<div class="sc-body">{_paragraphs(page)}</div></main>'
                                  "<footer>© «Қазақстан темір жолы» Ұлттық компаниясы» АҚ</footer>"))
    site.close()
    return pages
