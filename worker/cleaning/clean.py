"""HTML to a clean article with trafilatura: text, title, date, author, language.

One set of trafilatura options serves ingest, ``railwatch extract`` and the
benchmarks, so an article cleans the same way everywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import htmldate
import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html

from worker.cleaning.language import detect_language, normalize_language

log = logging.getLogger(__name__)

_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# Only dates the page states in its markup (meta, time[datetime], JSON-LD): a full-text
# search would happily take a date from a "related articles" block.
_DATE_PARAMS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "outputformat": _DATE_FORMAT,
}
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "with_metadata": True,
    "date_extraction_params": _DATE_PARAMS,
}


@dataclass(frozen=True, slots=True)
class CleanedPage:
    text: str
    title: str | None
    author: str | None
    published_at: datetime | None
    """Aware datetime; midnight local time when the page gives only a day."""
    published_on: date | None
    """The calendar day of publication, in the source's time zone."""
    date_source: str | None
    """markup (the page's own metadata) or text (found in the page's text)."""
    language: str | None
    canonical_link: str | None
    """The page's own ``<link rel=canonical>``; the caller decides whether to trust it."""
    description: str | None


def clean_html(
    html: str,
    *,
    url: str | None = None,
    timezone: str = "Asia/Almaty",
    prune_xpaths: Sequence[str] = (),
    search_text_for_date: bool = True,
) -> CleanedPage | None:
    """Clean one page; ``None`` when trafilatura finds no article text in it."""
    tree = load_html(html)
    if tree is None:
        return None
    declared_language = _declared_language(tree)
    canonical_link = _canonical_link(tree)
    _prune(tree, prune_xpaths)
    document = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
    if not isinstance(document, Document) or not document.text:
        return None
    text: str = document.text
    zone = ZoneInfo(timezone)
    published_at = _parse_date(document.date, zone)
    date_source = "markup" if published_at else None
    if published_at is None and search_text_for_date:
        # Last resort, on the raw page: better a dated article than an undated one,
        # but callers with a date from a feed or listing pass it and skip this.
        found = htmldate.find_date(tree, extensive_search=True, original_date=True,
                                   outputformat=_DATE_FORMAT)
        published_at = _parse_date(found, zone)
        date_source = "text" if published_at else None
    return CleanedPage(
        text=text,
        title=strip_site_suffix(document.title) if document.title else None,
        author=document.author or None,
        published_at=published_at,
        published_on=published_at.astimezone(zone).date() if published_at else None,
        date_source=date_source,
        language=detect_language(text, declared_language),
        canonical_link=canonical_link,
        description=document.description or None,
    )


def _prune(tree: HtmlElement, xpaths: Sequence[str]) -> None:
    """Drop a source's boilerplate before anything reads the page: a related-headlines
    block carries other articles' dates, and the date search must not see them either."""
    for xpath in xpaths:
        for node in tree.xpath(xpath):
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)


def strip_site_suffix(title: str) -> str:
    """``Headline | Kazinform`` -> ``Headline``: a short tail after a pipe is the site name."""
    head, sep, tail = title.rpartition(" | ")
    if sep and 0 < len(tail) <= 40 and len(head) >= 15:
        return head.strip()
    return title.strip()


def _parse_date(value: str | None, zone: ZoneInfo) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value[:10]), time())
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _declared_language(tree: HtmlElement) -> str | None:
    lang = tree.get("lang") or tree.get("xml:lang")
    if not lang:
        for meta in _head(tree).iterfind(".//meta[@property='og:locale']"):
            lang = meta.get("content")
            break
    return normalize_language(lang)


def _head(tree: HtmlElement) -> HtmlElement:
    """Metadata lives in <head>: searching only there is much cheaper than the whole page."""
    head = tree.find("head")
    return head if head is not None else tree


def _canonical_link(tree: HtmlElement) -> str | None:
    for link in _head(tree).iterfind(".//link[@rel='canonical']"):
        href = (link.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    return None
