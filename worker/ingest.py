"""The ingest path: a fetched page becomes one stored article (or a recorded rejection).

Idempotent by construction: the canonical URL is unique, the text hash admits one
original, and a concurrent insert that loses the race re-reads what won. Running
it twice on the same page changes nothing the second time.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from worker.cleaning import CleanedPage, DecodeError, clean_html, decode_page
from worker.cleaning.language import detect_language, normalize_language
from worker.extraction import store_extraction
from worker.pages import FetchedPage
from worker.settings import get_settings
from worker.source_profiles import SourceProfile, profile_for
from worker.storage.models import Article, RejectedPage, Source
from worker.urls import canonical_url, same_site

log = logging.getLogger(__name__)

Status = Literal["stored", "duplicate", "known", "rejected"]
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    status: Status
    canonical_url: str
    article_id: int | None = None
    duplicate_of: int | None = None
    reason: str | None = None
    facts: int = 0
    events: int = 0


class Rejected(Exception):
    """A page that is not an article; recorded, never retried by the task layer."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def ingest_page(session: Session, page: FetchedPage) -> IngestOutcome:
    """Clean and store ``page``; the caller owns the transaction (commit/rollback)."""
    profile = profile_for(page.source)
    key = canonical_url(page.url, profile.url_rules)
    known = _known_article(session, key)
    if known is not None:
        return IngestOutcome("known", key, article_id=known.id,
                             duplicate_of=known.duplicate_of_id)
    try:
        text, encoding, cleaned = _clean(page, profile)
    except Rejected as rejected:
        _record_rejection(session, page, key, rejected)
        log.info("rejected %s: %s", page.url, rejected)
        return IngestOutcome("rejected", key, reason=rejected.reason)

    declared_key = _trusted_canonical(cleaned, page, profile)
    if declared_key and declared_key != key:
        # The page names its own canonical URL (a legacy or AMP address served the
        # current article): store under that, and find it if it is already there.
        key = declared_key
        known = _known_article(session, key)
        if known is not None:
            return IngestOutcome("known", key, article_id=known.id,
                                 duplicate_of=known.duplicate_of_id)

    article = _new_article(session, page, key, text, encoding, cleaned, profile)
    return _insert(session, article)


def content_hash(text: str) -> str:
    """Same words in the same order -> same hash, whatever the spacing and punctuation."""
    normalized = _NOT_WORD.sub(" ", text.casefold()).strip()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def compress(body: bytes) -> bytes:
    return zlib.compress(body, 6)


def decompress(blob: bytes) -> bytes:
    return zlib.decompress(blob)


def _clean(page: FetchedPage, profile: SourceProfile) -> tuple[str, str, CleanedPage]:
    settings = get_settings()
    size = len(page.body)
    if size == 0 or not page.body.strip():
        raise Rejected("empty", "the page has no content")
    if size > settings.max_page_bytes:
        raise Rejected("too_large", f"{size} bytes > {settings.max_page_bytes}")
    try:
        html, encoding = decode_page(page.body, page.declared_encoding)
    except DecodeError as error:
        raise Rejected(error.reason, error.detail) from error
    if _is_plain_text(page):
        cleaned = _plain_text_page(html)
    else:
        try:
            cleaned = clean_html(
                html,
                url=page.url,
                timezone=profile.timezone,
                prune_xpaths=profile.prune_xpaths,
                search_text_for_date=page.published_hint is None,
            )
        except Exception as error:  # noqa: BLE001 - hostile HTML must not kill the worker
            log.exception("cleaning failed for %s", page.url)
            raise Rejected("extract_failed", f"{type(error).__name__}: {error}") from error
    if cleaned is None:
        raise Rejected("no_text", "no article text found in the page")
    if len(cleaned.text) < settings.min_text_chars:
        raise Rejected("too_short", f"{len(cleaned.text)} characters of text")
    return html, encoding, cleaned


def _is_plain_text(page: FetchedPage) -> bool:
    return bool(page.content_type and page.content_type.split(";")[0].strip() == "text/plain")


def _plain_text_page(text: str) -> CleanedPage | None:
    """A saved text file: first non-empty line is the title."""
    body = text.replace("\r\n", "\n").strip()
    if not body:
        return None
    title = body.split("\n", 1)[0].strip()[:500]
    return CleanedPage(text=body, title=title or None, author=None, published_at=None,
                       published_on=None, date_source=None, language=detect_language(body),
                       canonical_link=None, description=None)


def _trusted_canonical(cleaned: CleanedPage, page: FetchedPage, profile: SourceProfile) -> str | None:
    link = cleaned.canonical_link
    if not link:
        return None
    hosts = profile.hosts or frozenset({_host(page.url)})
    if not same_site(link, hosts) or _path_is_root(link):
        return None
    return canonical_url(link, profile.url_rules)


def _new_article(
    session: Session, page: FetchedPage, key: str, html: str, encoding: str,
    cleaned: CleanedPage, profile: SourceProfile,
) -> Article:
    published_at, published_on, date_source = _publication(cleaned, page, profile)
    language = (cleaned.language or normalize_language(page.language_hint)
                or profile.default_language)
    return Article(
        source_id=_source_id(session, page.source),
        url=page.url,
        canonical_url=key,
        language=language,
        title=cleaned.title or page.title_hint,
        author=cleaned.author,
        published_at=published_at,
        published_on=published_on,
        published_date_source=date_source,
        fetched_at=page.fetched_at,
        text=cleaned.text,
        text_length=len(cleaned.text),
        content_hash=content_hash(cleaned.text),
        raw_html=compress(page.body),
        raw_encoding=encoding,
        raw_size=len(page.body),
        crawl_run_id=page.crawl_run_id,
    )


def _publication(
    cleaned: CleanedPage, page: FetchedPage, profile: SourceProfile
) -> tuple[datetime | None, date | None, str | None]:
    """The page's own markup first, then the date the crawler saw before fetching,
    then a date found in the page's text."""
    if cleaned.published_at and cleaned.date_source == "markup":
        return cleaned.published_at, cleaned.published_on, "markup"
    hint = page.published_hint
    if hint is not None:
        zone = ZoneInfo(profile.timezone)
        if isinstance(hint, datetime):
            aware = hint if hint.tzinfo else hint.replace(tzinfo=zone)
        else:
            aware = datetime.combine(hint, time(), tzinfo=zone)
        return aware, aware.astimezone(zone).date(), "hint"
    return cleaned.published_at, cleaned.published_on, cleaned.date_source


def _insert(session: Session, article: Article) -> IngestOutcome:
    original = _original_with_text(session, article.content_hash)
    if original is not None:
        article.duplicate_of_id = original.id
    try:
        with session.begin_nested():
            session.add(article)
            session.flush()
    except IntegrityError:
        # Another worker stored this URL or this text a moment ago: take what won.
        known = _known_article(session, article.canonical_url)
        if known is not None:
            return IngestOutcome("known", known.canonical_url, article_id=known.id,
                                 duplicate_of=known.duplicate_of_id)
        original = _original_with_text(session, article.content_hash)
        if original is None:
            raise
        return _insert_duplicate(session, article, original)
    if article.duplicate_of_id is not None:
        return IngestOutcome("duplicate", article.canonical_url, article_id=article.id,
                             duplicate_of=article.duplicate_of_id)
    facts, events = store_extraction(session, article)
    return IngestOutcome("stored", article.canonical_url, article_id=article.id,
                         facts=facts, events=events)


def _insert_duplicate(session: Session, article: Article, original: Article) -> IngestOutcome:
    copy = Article(**{c.key: getattr(article, c.key) for c in Article.__table__.columns
                      if c.key not in ("id", "created_at")})
    copy.duplicate_of_id = original.id
    with session.begin_nested():
        session.add(copy)
        session.flush()
    return IngestOutcome("duplicate", copy.canonical_url, article_id=copy.id,
                         duplicate_of=original.id)


def _known_article(session: Session, key: str) -> Article | None:
    return session.scalars(select(Article).where(Article.canonical_url == key)).first()


def _original_with_text(session: Session, digest: str) -> Article | None:
    return session.scalars(
        select(Article).where(Article.content_hash == digest, Article.duplicate_of_id.is_(None))
    ).first()


def _source_id(session: Session, name: str) -> int:
    found = session.scalars(select(Source.id).where(Source.name == name)).first()
    if found is not None:
        return found
    try:
        with session.begin_nested():
            source = Source(name=name)
            session.add(source)
            session.flush()
            return source.id
    except IntegrityError:
        return session.scalars(select(Source.id).where(Source.name == name)).one()


def _record_rejection(session: Session, page: FetchedPage, key: str, rejected: Rejected) -> None:
    existing = session.scalars(select(RejectedPage).where(RejectedPage.canonical_url == key)).first()
    if existing is not None:
        existing.attempts += 1
        existing.reason, existing.detail = rejected.reason, rejected.detail[:2000]
        existing.fetched_at = page.fetched_at
        return
    try:
        with session.begin_nested():
            session.add(RejectedPage(
                source_id=_source_id(session, page.source), url=page.url, canonical_url=key,
                reason=rejected.reason, detail=rejected.detail[:2000], size=len(page.body),
                fetched_at=page.fetched_at,
            ))
    except IntegrityError:
        pass  # a concurrent worker recorded the same rejection


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _path_is_root(url: str) -> bool:
    return urlsplit(url).path in ("", "/")
