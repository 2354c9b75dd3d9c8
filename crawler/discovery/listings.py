"""Listing and archive pages: cards with a link, a title and a printed date.

Selectors come from the source's registry entry; class names hashed by a build tool
are avoided there by selecting on structure. A card with two links to the same
article (thumbnail and title) is one card.
"""

from __future__ import annotations

from urllib.parse import urljoin

from parsel import Selector

from crawler.discovery import Candidate
from crawler.sources import Listing


def parse_listing(html: str, base_url: str, listing: Listing) -> list[Candidate]:
    page = Selector(text=html)
    found: dict[str, Candidate] = {}
    for card in page.css(listing.card):
        href = card.css(listing.link).get()
        if not href:
            continue
        url = urljoin(base_url, href.strip())
        if url in found:
            continue
        found[url] = Candidate(
            url=url,
            published=_first(card, listing.date),
            title=_first(card, listing.title),
        )
    return list(found.values())


def _first(card: Selector, selectors: str | None) -> str | None:
    if not selectors:
        return None
    for selector in selectors.split(", "):
        for value in card.css(selector).getall():
            if value and value.strip():
                return " ".join(value.split())
    return None
