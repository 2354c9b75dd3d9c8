"""Sitemaps, sitemap indexes and Google News sitemaps.

Scrapy's own sitemap parser keeps only direct children of <url>, which loses
news:publication_date and news:title: this one reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.discovery import Candidate
from crawler.discovery.xml import child_text, local, parse


@dataclass(frozen=True, slots=True)
class SitemapPage:
    articles: list[Candidate]
    children: list[Candidate]
    """Child sitemaps of an index, with their lastmod."""


def parse_sitemap(body: bytes) -> SitemapPage:
    root = parse(body)
    if root is None:
        return SitemapPage([], [])
    articles: list[Candidate] = []
    children: list[Candidate] = []
    for element in root.iter():
        kind = local(element)
        if kind not in ("url", "sitemap"):
            continue
        loc = child_text(element, "loc")
        if not loc:
            continue
        published = child_text(element, "publication_date") or child_text(element, "lastmod")
        if kind == "sitemap":
            children.append(Candidate(loc, published))
        else:
            articles.append(Candidate(loc, published, child_text(element, "title")))
    return SitemapPage(articles, children)
