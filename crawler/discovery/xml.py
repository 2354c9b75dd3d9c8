"""XML from outside is parsed without entity expansion, DTDs or network access.

A document that declares entities (a billion-laughs bomb, an external entity) is
refused outright (``HostileXml``) before any parser sees it; merely broken XML is
read as far as it goes. Gzipped sitemaps are inflated only up to a size limit, so a
gzip bomb is refused too.
"""

from __future__ import annotations

import re
import zlib

from lxml import etree

_DECLARATIONS = re.compile(rb"<!\s*(?:ENTITY|DOCTYPE[^>]*\[)", re.I)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          recover=True, remove_comments=True, remove_pis=True)
GZIP_MAGIC = b"\x1f\x8b"
MAX_INFLATED = 64 * 1024 * 1024


class HostileXml(ValueError):
    """Entity declarations, or a compressed body that inflates past the limit: never expanded."""


def parse(body: bytes) -> etree._Element | None:
    """The document's root, or None when nothing usable is in it."""
    if body.startswith(GZIP_MAGIC):
        body = gunzip(body)
    if _DECLARATIONS.search(body):
        raise HostileXml("entity declarations in a feed or sitemap")
    try:
        return etree.fromstring(body.lstrip(), parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


def gunzip(body: bytes, limit: int = MAX_INFLATED) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit)
    except zlib.error:
        return b""
    if inflater.unconsumed_tail:
        raise HostileXml(f"gzipped document inflates past {limit} bytes")
    return out


def local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def child_text(element: etree._Element, *names: str) -> str | None:
    """Text of the first descendant (any namespace) whose local name is one of ``names``."""
    for child in element.iter():
        if child is not element and local(child) in names and (child.text or "").strip():
            return (child.text or "").strip()
    return None
