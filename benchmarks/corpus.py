"""A corpus of saved-looking news pages for benchmarks, built from the labeled dev texts.

Each text is wrapped in the page chrome of a source (navigation, related headlines,
scripts, footer), so cleaning does the work it does on real pages.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev-articles.jsonl"
FALLBACK_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages"

_CHROME = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{title}">
<meta name="article:published_time" content="{date}T10:00:00+05:00">
<link rel="stylesheet" href="/static/css/main.css"><script src="/static/js/vendor.js"></script>
<script>window.dataLayer=window.dataLayer||[];
function gtag(){{dataLayer.push(arguments)}}gtag('js',new Date());</script>
</head><body>
<header class="site-header"><div class="logo"><a href="/">{site}</a></div>
<nav class="main-menu"><ul>{menu}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Поиск"></form></header>
<main><div class="breadcrumbs"><a href="/">Главная</a> / <a href="/news">Новости</a></div>
<article class="article"><h1 class="article__title">{title}</h1>
<div class="article__meta"><time datetime="{date}">{date}</time> <span class="views">571</span></div>
<div class="article__content">{body}</div>
<div class="article__tags">Теги: {tags}</div>
<div class="share"><a href="https://t.me/share?url=x">Telegram</a> <a href="https://wa.me/?text=x">WhatsApp</a></div>
</article>
<aside class="related"><h3>Читайте также</h3><ul>{related}</ul></aside></main>
<footer class="site-footer"><p>© 2025 {site}. Все права защищены. При перепечатке ссылка обязательна.</p>
<ul>{menu}</ul></footer>
<script>window.__STATE__={state};</script>
<script>(function(){{var s=document.createElement('script');
s.src='/static/js/counter.js';document.body.appendChild(s)}})();</script>
</body></html>
"""
_SITES = ("Rail-news.kz", "Kazinform", "RailFreight.com", "railways.kz")


@dataclass(frozen=True, slots=True)
class CorpusPage:
    url: str
    source: str
    body: bytes
    text: str


def dev_texts() -> list[dict[str, str]]:
    if DEV_SET.exists():
        return [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    return [{"text": p.read_text(encoding="utf-8"), "language": "en", "published": "2025-01-01",
             "id": p.stem} for p in FALLBACK_DIR.glob("*.txt")]


def pages(copies: int = 4) -> Iterator[CorpusPage]:
    """``copies`` distinct pages per dev text (distinct URLs and texts: nothing deduplicates)."""
    # Real pages carry 50-150 KB of menus, inline scripts and state around the text.
    def submenu(i: int) -> str:
        return "".join(f"<li><a href=/cat/{i}/{j}>Подраздел {j}</a></li>" for j in range(8))

    menu = "".join(f'<li class="menu-item"><a href="/cat/{i}">Раздел {i}</a><ul class="sub">{submenu(i)}</ul></li>'
                   for i in range(30))
    state = json.dumps({"items": [{"id": i, "title": f"item {i}", "views": i * 7} for i in range(600)]})
    for n, row in enumerate(dev_texts()):
        paragraphs = [p.strip() for p in row["text"].split("\n") if p.strip()]
        title = html.escape(paragraphs[0][:150])
        for copy in range(copies):
            site = _SITES[copy % len(_SITES)]
            lead = f"<p>{site}, выпуск {n}-{copy}. </p>"
            body = lead + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
            related = "".join(
                f'<li><span class="date">{day:02d}.05.2025</span> <a href="/news/{n}{day}">'
                f"Другая новость о перевозках номер {day}</a></li>" for day in range(1, 11))
            page = _CHROME.format(state=state, lang=row.get("language", "ru"), title=title, site=site, menu=menu,
                                  date=row.get("published") or "2025-01-01", body=body,
                                  tags="Казахстан, Китай, КТЖ", related=related)
            yield CorpusPage(url=f"https://bench.example.kz/news/{n}-{copy}.html", source="bench",
                             body=page.encode("utf-8"), text=row["text"])
