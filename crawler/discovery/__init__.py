"""Finding articles before fetching them: feeds, sitemaps, listing and archive pages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article link seen on a discovery page, with what the page said about it."""

    url: str
    published: str | None = None
    """The date as the page printed it; parsed by the spider with the source's formats."""
    title: str | None = None
