"""XML from outside is parsed without entity expansion, DTDs or network access.

An entity-expansion bomb or an external entity is refused outright (``HostileXml``);
merely broken XML is read as far as it goes.
"""

from __future__ import annotations

import re

from lxml import etree

_DECLARATIONS = re.compile(rb"<!(?:ENTITY|DOCTYPE[^>]*\[)", re.I)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          recover=True, remove_comments=True, remove_pis=True)


class HostileXml(ValueError):
    """The document declares entities (a billion-laughs bomb, XXE): never expanded."""


def parse(body: bytes) -> etree._Element | None:
    """The document's root, or None when nothing usable is in it."""
    if _DECLARATIONS.search(body[:65536]):
        raise HostileXml("entity declarations in a feed or sitemap")
    try:
        root = etree.fromstring(body.lstrip(), parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root


def local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def child_text(element: etree._Element, *names: str) -> str | None:
    """Text of the first child (any namespace) whose local name is one of ``names``."""
    for child in element.iter():
        if child is not element and local(child) in names and (child.text or "").strip():
            return (child.text or "").strip()
    return None
