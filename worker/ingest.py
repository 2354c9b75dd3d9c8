"""The ingest path: a fetched page becomes one stored article (or a recorded rejection).

Two phases, so no database transaction is held open while trafilatura works:
:func:`prepare` is pure (decode, clean, canonical key, content hash), :func:`store`
is one short transaction. Idempotent by construction: the canonical URL is unique,
the text hash admits one original, and a store that loses a race to another worker
is repeated once and then finds what won.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Literal, NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from worker.cleaning import CleanedPage, DecodeError, clean_html, decode_page
from worker.cleaning.language import detect_language, normalize_language
from worker.extraction import extract_facts, extractor_version, write_extraction
from worker.pages import FetchedPage
from worker.settings import get_settings
from worker.source_profiles import SourceProfile, profile_for
from worker.storage.models import Article, RejectedPage, Source
from worker.urls import canonical_url, same_site

if TYPE_CHECKING:
    from worker.facts import Extraction

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


@dataclass(frozen=True, slots=True)
class Rejection:
    """A page that is not an article: recorded with its reason, never retried."""

    reason: str
    detail: str


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """Everything about the article that needs no database."""

    keys: tuple[str, ...]
    """Canonical URL to store under first, then the URL it was fetched as, if different."""
    alias: str | None
    """Canonical form of the requested URL when it differs from the stored one."""
    cleaned: CleanedPage
    encoding: str
    content_hash: str
    published_at: datetime | None
    published_on: date | None
    date_source: str | None
    language: str | None
    extraction: Extraction


class StoredRef(NamedTuple):
    id: int
    canonical_url: str
    duplicate_of_id: int | None


def page_key(page: FetchedPage) -> str:
    """The storage key of a page as fetched (before reading its ``rel=canonical``)."""
    return canonical_url(page.url, profile_for(page.source).url_rules)


def find_known(session: Session, key: str) -> StoredRef | None:
    row = session.execute(
        select(Article.id, Article.canonical_url, Article.duplicate_of_id)
        .where(Article.canonical_url == key)
    ).first()
    return StoredRef(*row) if row else None


def known_outcome(known: StoredRef) -> IngestOutcome:
    return IngestOutcome("known", known.canonical_url, article_id=known.id,
                         duplicate_of=known.duplicate_of_id)


def prepare(page: FetchedPage, fetched_key: str | None = None) -> PreparedArticle | Rejection:
    """Decode and clean; pure, so it runs outside any transaction. ``fetched_key`` is
    :func:`page_key` of the page when the caller has it already."""
    settings = get_settings()
    profile = profile_for(page.source)
    size = len(page.body)
    if size == 0 or not page.body.strip():
        return Rejection("empty", "the page has no content")
    if size > settings.max_page_bytes:
        return Rejection("too_large", f"{size} bytes > {settings.max_page_bytes}")
    try:
        html, encoding = decode_page(page.body, page.declared_encoding)
    except DecodeError as error:
        return Rejection(error.reason, error.detail)
    if _is_plain_text(page):
        cleaned = _plain_text_page(html)
    else:
        try:
            cleaned = clean_html(html, url=page.url, timezone=profile.timezone,
                                 prune_xpaths=profile.prune_xpaths,
                                 search_text_for_date=page.published_hint is None)
        except Exception as error:
            log.exception("cleaning failed for %s", page.url)
            return Rejection("extract_failed", f"{type(error).__name__}: {error}")
    if cleaned is None:
        return Rejection("no_text", "no article text found in the page")
    if len(cleaned.text) < settings.min_text_chars:
        return Rejection("too_short", f"{len(cleaned.text)} characters of text")

    fetched_key = fetched_key or canonical_url(page.url, profile.url_rules)
    declared_key = _trusted_canonical(cleaned, page, profile)
    keys = (declared_key, fetched_key) if declared_key and declared_key != fetched_key else (fetched_key,)
    requested_key = canonical_url(page.requested_url, profile.url_rules) if page.requested_url else fetched_key
    alias = next((k for k in (requested_key, fetched_key) if k != keys[0]), None)
    published_at, published_on, date_source = _publication(cleaned, page, profile)
    language = cleaned.language or normalize_language(page.language_hint) or profile.default_language
    return PreparedArticle(
        keys=keys,
        alias=alias,
        cleaned=cleaned,
        encoding=encoding,
        content_hash=content_hash(cleaned.text, cleaned.title or page.title_hint),
        published_at=published_at,
        published_on=published_on,
        date_source=date_source,
        language=language,
        extraction=extract_facts(cleaned.text, published_on, language, cleaned.title or page.title_hint),
    )


def store(session: Session, page: FetchedPage, prepared: PreparedArticle) -> IngestOutcome:
    """Insert the article (or find it already there); the caller commits.

    The caller looked the fetched URL up before cleaning. A concurrent insert of the
    same URL or text makes the flush raise ``IntegrityError``: the caller rolls back,
    looks up again, and finds the winner.
    """
    if len(prepared.keys) > 1:  # the page's own canonical URL was not checked yet
        known = find_known(session, prepared.keys[0])
        if known is not None:
            return known_outcome(known)
    original = _original_with_text(session, prepared.content_hash)
    cleaned = prepared.cleaned
    key = prepared.keys[0]
    # Core inserts: one statement per table, none of the unit of work's bookkeeping.
    article_id = session.execute(insert(Article).returning(Article.id), [{
        "source_id": _source_id(session, page.source),
        "url": page.url,
        "canonical_url": key,
        "alias_url": prepared.alias,
        "language": prepared.language,
        "title": cleaned.title or page.title_hint,
        "author": cleaned.author,
        "published_at": prepared.published_at,
        "published_on": prepared.published_on,
        "published_date_source": prepared.date_source,
        "fetched_at": page.fetched_at,
        "text": cleaned.text,
        "text_length": len(cleaned.text),
        "content_hash": prepared.content_hash,
        "duplicate_of_id": original.id if original else None,
        "raw_html": compress(page.body),
        "raw_encoding": prepared.encoding,
        "raw_size": len(page.body),
        "extractor_version": None if original else extractor_version(),
        "crawl_run_id": page.crawl_run_id,
        "created_at": datetime.now(UTC),
    }]).scalar_one()
    if original is not None:  # facts are read from originals only
        return IngestOutcome("duplicate", key, article_id=article_id, duplicate_of=original.id)
    extraction = prepared.extraction
    write_extraction(session, article_id, extraction, replace=False)
    return IngestOutcome("stored", key, article_id=article_id,
                         facts=len(extraction.facts), events=len(extraction.events))


def record_rejection(session: Session, page: FetchedPage, rejection: Rejection) -> IngestOutcome:
    """Remember why a page is not an article (counting repeats); the caller commits."""
    key = page_key(page)
    existing = session.scalars(select(RejectedPage).where(RejectedPage.canonical_url == key)).first()
    if existing is not None:
        existing.attempts += 1
        existing.reason, existing.detail = rejection.reason, rejection.detail[:2000]
        existing.fetched_at = page.fetched_at
    else:
        session.add(RejectedPage(
            source_id=_source_id(session, page.source), url=page.url, canonical_url=key,
            reason=rejection.reason, detail=rejection.detail[:2000], size=len(page.body),
            fetched_at=page.fetched_at,
        ))
        session.flush()
    return IngestOutcome("rejected", key, reason=rejection.reason)


def content_hash(text: str, title: str | None = None) -> str:
    """Same words in the same order -> same hash, whatever the spacing and punctuation,
    and whether or not a copy repeats the headline as its first line."""
    normalized = _NOT_WORD.sub(" ", text.casefold()).strip()
    if title:
        heading = _NOT_WORD.sub(" ", title.casefold()).strip()
        if heading and normalized.startswith(heading + " "):
            normalized = normalized[len(heading) + 1:]
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def compress(body: bytes) -> bytes:
    # Level 3: within 7% of level 6's size at less than half its time (measured on pages).
    return zlib.compress(body, 3)


def decompress(blob: bytes) -> bytes:
    return zlib.decompress(blob)


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


def _trusted_canonical(cleaned: CleanedPage, page: FetchedPage,
                       profile: SourceProfile) -> str | None:
    """A page's own ``rel=canonical`` names its main URL (an AMP or legacy address
    served the current article) — trusted only within the source's own sites."""
    link = cleaned.canonical_link
    if not link:
        return None
    hosts = profile.hosts or frozenset({(urlsplit(page.url).hostname or "").lower()})
    if not same_site(link, hosts) or urlsplit(link).path in ("", "/"):
        return None
    return canonical_url(link, profile.url_rules)


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


def _original_with_text(session: Session, digest: str) -> StoredRef | None:
    row = session.execute(
        select(Article.id, Article.canonical_url, Article.duplicate_of_id)
        .where(Article.content_hash == digest, Article.duplicate_of_id.is_(None))
    ).first()
    return StoredRef(*row) if row else None


_source_ids: dict[tuple[str, str], int] = {}


def _source_id(session: Session, name: str) -> int:
    """Source rows are created once and never deleted, so their ids are remembered."""
    cache_key = (str(session.get_bind().engine.url), name)
    cached = _source_ids.get(cache_key)
    if cached is not None:
        return cached
    found = session.scalars(select(Source.id).where(Source.name == name)).first()
    if found is None:
        source = Source(name=name)
        session.add(source)
        session.flush()  # a concurrent creator makes this raise: the caller repeats the store
        found = source.id
    else:
        _source_ids[cache_key] = found  # cached only once committed by someone
    return found
