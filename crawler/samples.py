"""Sample sites in each source's real structure, for the test mirrors, the demo and benchmarks.

``python -m crawler.samples DIR [--today YYYY-MM-DD]`` writes one mirror per source
(see ``crawler/mirror.py``): feeds, sitemaps, paginated listings, yearly archives and
article pages with the traps site-profiles.md names — related-headline blocks with
other dates, ``/index.php/`` twins, legacy Kazinform URLs that redirect, AMP pages,
premium teasers, a page without a date line, hashed class names, double links per card.
The stories are invented; their dates count back from ``today``.
"""

from __future__ import annotations

import argparse
import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from crawler.sample_stories import STORIES, Story, to_latin

ALMATY = ZoneInfo("Asia/Almaty")
MONTHS_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря"]
MONTHS_NOMINATIVE = ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь",
                     "Октябрь", "Ноябрь", "Декабрь"]


@dataclass(frozen=True, slots=True)
class Page:
    """One article of a mirror: where it lives, when it appeared, what it says."""

    source: str
    host: str
    path: str
    language: str
    published: datetime
    title: str
    paragraphs: tuple[str, ...]
    kind: str = "news"

    card_dated: bool = True
    """Whether discovery pages print its date (railways.kz English cards do not)."""

    @property
    def url(self) -> str:
        return f"https://{self.host}{self.path}"


class Site:
    """Routes of one host being written: ``path?query`` -> a file saved under the same path."""

    def __init__(self, root: Path, host: str) -> None:
        self.dir = root / host
        self.dir.mkdir(parents=True, exist_ok=True)
        self.routes: dict[str, dict[str, object]] = {}

    def put(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
            **extra: object) -> None:
        name = file_name(path, content_type)
        target = self.dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
        self.routes[path] = {"file": name, "type": content_type, **extra}

    def redirect(self, path: str, target: str) -> None:
        """``target``: a path on this host, or a full URL (another host of the source)."""
        self.routes[path] = {"status": 301, "redirect": target}

    def close(self) -> None:
        (self.dir / "_routes.json").write_text(json.dumps(self.routes, ensure_ascii=False, indent=1, sort_keys=True))


def file_name(path: str, content_type: str) -> str:
    """``/ru/news?start=10`` -> ``ru/news@start=10.html``: the file reads like a saved page."""
    route, _, query = path.partition("?")
    name = route.lstrip("/")
    if not name or name.endswith("/"):
        name += "index"
    if query:
        name += "@" + query
    suffix = ".xml" if "xml" in content_type else ".txt" if "plain" in content_type else ".html"
    return name if name.endswith(suffix) else name + suffix


def build(root: Path, today: date, articles_per_source: int = 24,
          span_days: int = 150) -> dict[str, list[dict[str, object]]]:
    """Write every source's mirror under ``root/<source>``; returns the expected articles."""
    from crawler import sample_sites

    expected: dict[str, list[dict[str, object]]] = {}
    builders: dict[str, Callable[[Path, list[Page]], list[Page]]] = {
        "railnews": sample_sites.railnews, "kazinform": sample_sites.kazinform,
        "railfreight": sample_sites.railfreight, "ktz": sample_sites.ktz,
    }
    for source, builder in builders.items():
        pages = plan(source, today, articles_per_source, span_days)
        target = root / source
        target.mkdir(parents=True, exist_ok=True)
        found = builder(target, pages)
        expected[source] = [{"url": p.url, "published": p.published.date().isoformat(), "language": p.language,
                             "card_dated": p.card_dated} for p in found]
    (root / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True))
    return expected


# Each source's editions, (language, host), in the order articles are dealt to them.
LAYOUT: dict[str, tuple[tuple[str, str], ...]] = {
    "railnews": (("ru", "rail-news.kz"), ("kz", "rail-news.kz")),
    "kazinform": (("ru", "www.inform.kz"), ("en", "qazinform.com"), ("kk", "kaz.inform.kz"),
                  ("ru", "www.inform.kz"), ("en", "qazinform.com"), ("kk", "qz.inform.kz")),
    "railfreight": (("en", "www.railfreight.com"),),
    "ktz": (("ru", "railways.kz"), ("en", "railways.kz")),
}


def plan(source: str, today: date, count: int, span_days: int = 150) -> list[Page]:
    """``count`` articles spread over the ``span_days`` before ``today``, newest first."""
    editions = LAYOUT[source]
    languages = list(dict.fromkeys(language for language, _ in editions))
    pages: list[Page] = []
    for n in range(count):
        language, host = editions[n % len(editions)]
        story = STORIES[(n // len(languages) + len(source)) % len(STORIES)]  # every story in every language
        day = today - timedelta(days=1 + n * span_days // count)
        published = datetime(day.year, day.month, day.day, 9 + n % 9, (n * 13) % 60, tzinfo=ALMATY)
        title, paragraphs = story.render(language, n, day)
        if host == "qz.inform.kz":
            title, paragraphs = to_latin(title), tuple(to_latin(p) for p in paragraphs)
        slug_title = story.render("kz", n, day)[0] if source == "railnews" and n == 6 else title  # RU, Kazakh slug
        pages.append(Page(source, host, path_for(source, language, n, slug_title, day, count), language,
                          published, title, paragraphs, card_dated=not (source == "ktz" and language == "en")))
    return pages


def path_for(source: str, language: str, n: int, title: str, day: date, count: int = 24) -> str:
    slug = slugify(title)
    if source == "railnews":  # one id sequence for both languages, growing with time
        category = "cargo-transportation" if language == "ru" and n % 8 == 2 else "news"
        return f"/{language}/{category}/{21000 + (count - n) * 9}-{slug}.html"
    if source == "kazinform":
        hexid = f"{(0x3a0f1 + n * 0x1b3) & 0xFFFFFF:06x}"
        return f"/ru/{slug}-{hexid}" if language == "ru" else f"/news/{slug}-{hexid}"
    if source == "railfreight":
        return f"/beltandroad/{day:%Y/%m/%d}/{slug}/"
    return f"/news{day.year}/{slug[:56]}-{n}"


_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                     ["a", "b", "v", "g", "d", "e", "e", "z", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                      "t", "u", "f", "x", "c", "c", "s", "s", "", "y", "", "e", "iu", "ia", "a", "g", "q", "n", "o",
                      "u", "u", "h", "i"], strict=True))


def slugify(title: str) -> str:
    letters = "".join(_TRANSLIT.get(c, c) for c in title.lower())
    words = "".join(c if c.isalnum() and c.isascii() else " " for c in letters).split()
    return "-".join(words)[:64].rstrip("-")


def rfc822(moment: datetime) -> str:
    return format_datetime(moment)


def ru_card_date(moment: datetime, nominative: bool) -> str:
    """Kazinform prints "21:38, 18 Августа 2026" and, in 2025, "15:00, 23 Ноябрь 2025"."""
    month = MONTHS_NOMINATIVE[moment.month - 1] if nominative else MONTHS_GENITIVE[moment.month - 1].capitalize()
    return f"{moment:%H:%M}, {moment.day} {month} {moment.year}"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--span-days", type=int, default=150)
    args = parser.parse_args()
    build(args.directory, args.today, args.articles, args.span_days)


__all__ = ["LAYOUT", "Page", "Site", "Story", "build", "esc", "file_name", "plan", "rfc822", "ru_card_date"]

if __name__ == "__main__":
    main()
