"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item's link, date and title."""

from __future__ import annotations

from crawler.discovery import Candidate
from crawler.discovery.xml import child_text, local, parse


def parse_feed(body: bytes) -> list[Candidate]:
    root = parse(body)
    if root is None:
        return []
    found: list[Candidate] = []
    for item in root.iter():
        kind = local(item)
        if kind not in ("item", "entry"):
            continue
        link = _link(item)
        if link:
            found.append(Candidate(
                url=link,
                published=child_text(item, "pubdate", "published", "date", "updated", "issued"),
                title=child_text(item, "title"),
            ))
    return found


def _link(item: object) -> str | None:
    for child in item.iter():  # type: ignore[attr-defined]
        if local(child) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href.strip()
        if (child.text or "").strip():
            return (child.text or "").strip()
    guid = child_text(item, "guid")
    return guid if guid and guid.startswith("http") else None
