"""Which candidate URLs are already stored: asked of the database, never of memory a
restart would forget."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from worker.storage.db import session_scope
from worker.storage.models import Article, RejectedPage

_BATCH = 500


def known_urls(keys: Iterable[str]) -> set[str]:
    """The subset of canonical URLs stored as articles (or their aliases) or rejections."""
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    with session_scope() as session:
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start:start + _BATCH]
            found.update(session.scalars(select(Article.canonical_url).where(Article.canonical_url.in_(batch))))
            found.update(u for u in session.scalars(select(Article.alias_url).where(Article.alias_url.in_(batch))) if u)
            found.update(session.scalars(select(RejectedPage.canonical_url).where(RejectedPage.canonical_url.in_(batch))))
    return found
