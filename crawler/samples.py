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

from crawler.sample_stories import STORIES, Story

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

    @property
    def url(self) -> str:
        return f"https://{self.host}{self.path}"


class Site:
    """Routes of one host being written: path?query -> file."""

    def __init__(self, root: Path, host: str) -> None:
        self.dir = root / host
        self.dir.mkdir(parents=True, exist_ok=True)
        self.routes: dict[str, dict[str, object]] = {}

    def put(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
            **extra: object) -> None:
        suffix = ".xml" if "xml" in content_type else ".txt" if "plain" in content_type else ".html"
        name = f"f{len(self.routes):04d}{suffix}"
        (self.dir / name).write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
        self.routes[path] = {"file": name, "type": content_type, **extra}

    def redirect(self, path: str, target: str) -> None:
        self.routes[path] = {"status": 301, "redirect": target}

    def close(self) -> None:
        (self.dir / "_routes.json").write_text(json.dumps(self.routes, ensure_ascii=False, indent=1, sort_keys=True))


def build(root: Path, today: date, articles_per_source: int = 24) -> dict[str, list[dict[str, str]]]:
    """Write every source's mirror under ``root/<source>``; returns the expected articles."""
    from crawler import sample_sites

    expected: dict[str, list[dict[str, str]]] = {}
    builders: dict[str, Callable[[Path, list[Page]], None]] = {
        "railnews": sample_sites.railnews, "kazinform": sample_sites.kazinform,
        "railfreight": sample_sites.railfreight, "ktz": sample_sites.ktz,
    }
    for source, builder in builders.items():
        pages = plan(source, today, articles_per_source)
        target = root / source
        target.mkdir(parents=True, exist_ok=True)
        builder(target, pages)
        expected[source] = [{"url": p.url, "published": p.published.date().isoformat(), "language": p.language}
                            for p in pages if p.kind == "news"]
    (root / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True))
    return expected


# Which languages each source publishes, and its hosts by language.
LAYOUT: dict[str, dict[str, str]] = {
    "railnews": {"ru": "rail-news.kz", "kz": "rail-news.kz"},
    "kazinform": {"ru": "www.inform.kz", "en": "qazinform.com", "kk": "kaz.inform.kz"},
    "railfreight": {"en": "www.railfreight.com"},
    "ktz": {"ru": "railways.kz", "en": "railways.kz"},
}


def plan(source: str, today: date, count: int) -> list[Page]:
    """``count`` articles spread over the last five months, newest first."""
    languages = list(LAYOUT[source])
    pages: list[Page] = []
    for n in range(count):
        language = languages[n % len(languages)]
        story = STORIES[(n * 7 + len(source)) % len(STORIES)]
        day = today - timedelta(days=1 + n * 150 // count)
        published = datetime(day.year, day.month, day.day, 9 + n % 9, (n * 13) % 60, tzinfo=ALMATY)
        title, paragraphs = story.render(language, n, day)
        pages.append(Page(source, LAYOUT[source][language], path_for(source, language, n, title, day), language,
                          published, title, paragraphs))
    return pages


def path_for(source: str, language: str, n: int, title: str, day: date) -> str:
    slug = slugify(title)
    if source == "railnews":
        return f"/{language}/news/{21000 + n}-{slug}.html"
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
    args = parser.parse_args()
    build(args.directory, args.today, args.articles)


__all__ = ["LAYOUT", "Page", "Site", "Story", "build", "esc", "plan", "rfc822", "ru_card_date"]

if __name__ == "__main__":
    main()
