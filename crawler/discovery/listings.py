"""Listing and archive pages: cards with a link, a title and a printed date.

Selectors come from the source's registry entry; class names hashed by a build tool
are avoided there by selecting on structure. A card with two links to the same
article (thumbnail and title) is one card.

The CSS selectors are translated to XPath once per listing (parsel's translator, so
``::text``, ``::attr()`` and ``:has()`` mean what they mean in parsel) and run by lxml
directly: a parsel ``Selector`` per card and per field cost more than the parsing.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin

from lxml import etree, html
from parsel.csstranslator import css2xpath
from parsel.selector import create_root_node

from crawler.discovery import Candidate
from crawler.sources import Listing


def parse_listing(text: str, base_url: str, listing: Listing) -> list[Candidate]:
    page = create_root_node(text, html.HTMLParser, base_url=base_url)
    link, title, date = _compiled(listing.link), _compiled(listing.title), _compiled(listing.date)
    found: dict[str, Candidate] = {}
    for card in _compiled(listing.card)[0](page):
        href = _first(card, link, clean=False)
        if not href:
            continue
        href = href.strip()
        url = href if href.startswith(("https://", "http://")) else urljoin(base_url, href)
        if url not in found:
            found[url] = Candidate(url=url, published=_first(card, date), title=_first(card, title))
    return list(found.values())


@lru_cache(maxsize=256)
def _compiled(selectors: str | None) -> tuple[etree.XPath, ...]:
    """``"a, b"``: alternatives, tried in order (not a union: the first that gives a value wins)."""
    if not selectors:
        return ()
    return tuple(etree.XPath(css2xpath(selector)) for selector in selectors.split(", "))


def _first(card: etree._Element, alternatives: tuple[etree.XPath, ...], clean: bool = True) -> str | None:
    for xpath in alternatives:
        for value in xpath(card):
            value = _text(value)
            if value and value.strip():
                return " ".join(value.split()) if clean else value
    return None


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, etree._Element):
        return str(etree.tostring(value, method="html", encoding="unicode", with_tail=False))
    return str(value)
