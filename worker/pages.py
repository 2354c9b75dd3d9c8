"""The hand-off between the crawler and the worker: one fetched page.

It travels as JSON through the broker, so the body is base64 in the payload.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str
    """The URL the page was finally served from (after redirects)."""
    source: str
    """Registry name of the source (``railnews``, ``kazinform``, ...)."""
    body: bytes
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    declared_encoding: str | None = None
    """What the server said (Content-Type charset); may be wrong."""
    content_type: str | None = None
    requested_url: str | None = None
    """The URL that was asked for, when a redirect changed it."""
    published_hint: date | datetime | None = None
    """A date read before fetching (feed, sitemap, listing card, URL)."""
    language_hint: str | None = None
    """The language of the section the page was found in."""
    title_hint: str | None = None
    crawl_run_id: int | None = None

    @classmethod
    def from_text(cls, url: str, source: str, text: str, **kwargs: Any) -> FetchedPage:
        return cls(url=url, source=source, body=text.encode("utf-8"),
                   declared_encoding="utf-8", **kwargs)

    def to_payload(self) -> dict[str, Any]:
        hint = self.published_hint
        return {
            "url": self.url,
            "source": self.source,
            "body_b64": base64.b64encode(self.body).decode("ascii"),
            "fetched_at": self.fetched_at.isoformat(),
            "declared_encoding": self.declared_encoding,
            "content_type": self.content_type,
            "requested_url": self.requested_url,
            "published_hint": hint.isoformat() if hint else None,
            "language_hint": self.language_hint,
            "title_hint": self.title_hint,
            "crawl_run_id": self.crawl_run_id,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> FetchedPage:
        hint_raw = payload.get("published_hint")
        hint: date | datetime | None = None
        if hint_raw:
            hint = datetime.fromisoformat(hint_raw) if "T" in hint_raw else date.fromisoformat(hint_raw)
        fetched_at = datetime.fromisoformat(payload["fetched_at"])
        if fetched_at.tzinfo is None:
            fetched_at = fetched_at.replace(tzinfo=UTC)
        return cls(
            url=payload["url"],
            source=payload["source"],
            body=base64.b64decode(payload["body_b64"]),
            fetched_at=fetched_at,
            declared_encoding=payload.get("declared_encoding"),
            content_type=payload.get("content_type"),
            requested_url=payload.get("requested_url"),
            published_hint=hint,
            language_hint=payload.get("language_hint"),
            title_hint=payload.get("title_hint"),
            crawl_run_id=payload.get("crawl_run_id"),
        )
