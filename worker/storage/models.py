"""The database schema: the data flow as tables.

fetched page -> Article (or RejectedPage) -> Fact / Event -> Alert (+ AlertSource)
-> Delivery, with CrawlRun and HttpValidator as the crawler's memory.

Times are stored as UTC. Changes go through Alembic migrations
(``worker/storage/migrations``), never ``create_all`` in production.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON}  # noqa: RUF012


class Source(Base):
    """A news source from the registry; the row exists so others can point at it."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    articles: Mapped[list[Article]] = relationship(back_populates="source")


class Article(Base):
    """A cleaned news article, stored once per canonical URL.

    The same text under another URL is stored as a row pointing at the first one
    (``duplicate_of_id``); facts are read from originals only.
    """

    __tablename__ = "articles"
    __table_args__ = (
        # One original per text: a second URL with the same text becomes a duplicate,
        # even when both arrive at the same moment.
        Index(
            "uq_articles_original_content",
            "content_hash",
            unique=True,
            sqlite_where=text("duplicate_of_id IS NULL"),
            postgresql_where=text("duplicate_of_id IS NULL"),
        ),
        Index("ix_articles_source_published", "source_id", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(String(2048), unique=True)
    alias_url: Mapped[str | None] = mapped_column(String(2048), index=True)
    """Canonical form of the URL the page was requested as, when a redirect or its own
    rel=canonical moved it (a legacy _a1234567 link): the crawler knows it too."""
    language: Mapped[str | None] = mapped_column(String(8))
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    published_on: Mapped[date | None] = mapped_column(Date, index=True)
    """The calendar day of publication in the source's time zone (periods resolve on it)."""
    published_date_source: Mapped[str | None] = mapped_column(String(32))
    """Where the date came from: markup (the page), hint (feed/listing/CLI), text."""
    fetched_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
    text_length: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    raw_html: Mapped[bytes] = mapped_column(LargeBinary)
    """The page as fetched, zlib-compressed, so it can be cleaned again later."""
    raw_encoding: Mapped[str | None] = mapped_column(String(32))
    raw_size: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str | None] = mapped_column(String(32))
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    source: Mapped[Source] = relationship(back_populates="articles")
    duplicate_of: Mapped[Article | None] = relationship(remote_side=[id])
    facts: Mapped[list[Fact]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Fact.position"
    )
    events: Mapped[list[Event]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Event.position"
    )


class RejectedPage(Base):
    """A fetched page that did not yield an article, with the reason why."""

    __tablename__ = "rejected_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(String(2048), unique=True)
    reason: Mapped[str] = mapped_column(String(32))
    """empty, too_large, binary, undecodable, not_html, no_text, extract_failed"""
    detail: Mapped[str | None] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    fetched_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Fact(Base):
    """One quantitative statement of an article (contracts/facts.md)."""

    __tablename__ = "facts"
    __table_args__ = (
        Index("ix_facts_series", "scope", "metric", "direction", "period_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    metric: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    scope: Mapped[str] = mapped_column(String(40))
    direction: Mapped[str] = mapped_column(String(16), default="total")
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    effective: Mapped[date | None] = mapped_column(Date)
    change_pct: Mapped[float | None] = mapped_column(Float)
    record: Mapped[bool] = mapped_column(Boolean, default=False)
    quote: Mapped[str] = mapped_column(Text)
    extra: Mapped[dict[str, Any] | None]
    """Optional contract fields added later, without a migration."""

    article: Mapped[Article] = relationship(back_populates="facts")


class Event(Base):
    """A change the article reports: a record it claims or a crossing change."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    type: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    effective: Mapped[date | None] = mapped_column(Date)
    quote: Mapped[str] = mapped_column(Text)
    extra: Mapped[dict[str, Any] | None]

    article: Mapped[Article] = relationship(back_populates="events")


class Alert(Base):
    """One real-world event worth telling the team, however many articles report it.

    ``fingerprint`` identifies the event; ``revision`` grows when a later report
    changes the figure or the date (an update is sent), not when it only adds a source.
    """

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    type: Mapped[str] = mapped_column(String(32))
    """volume_record, crossing_change, source_stale, source_blocked, ..."""
    basis: Mapped[str] = mapped_column(String(16))
    """text (the article says so), history (compared with stored figures), ops"""
    scope: Mapped[str | None] = mapped_column(String(40))
    metric: Mapped[str | None] = mapped_column(String(40))
    direction: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str | None] = mapped_column(String(40))
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    value: Mapped[float | None] = mapped_column(Float)
    previous_value: Mapped[float | None] = mapped_column(Float)
    previous_period_start: Mapped[date | None] = mapped_column(Date)
    previous_period_end: Mapped[date | None] = mapped_column(Date)
    previous_article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))
    effective: Mapped[date | None] = mapped_column(Date)
    quote: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(String(16), default="grouping")
    """grouping (waiting for other outlets), ready (deliveries decided), silenced"""
    send_after: Mapped[datetime | None]
    details: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    sources: Mapped[list[AlertSource]] = relationship(
        back_populates="alert", cascade="all, delete-orphan", order_by="AlertSource.id"
    )
    deliveries: Mapped[list[Delivery]] = relationship(
        back_populates="alert", cascade="all, delete-orphan", order_by="Delivery.id"
    )


class AlertSource(Base):
    """An article that reports an alert's event (the first one and every later outlet)."""

    __tablename__ = "alert_sources"
    __table_args__ = (UniqueConstraint("alert_id", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"),
                                          index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)
    fact_id: Mapped[int | None] = mapped_column(ForeignKey("facts.id", ondelete="SET NULL"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    alert: Mapped[Alert] = relationship(back_populates="sources")
    article: Mapped[Article] = relationship()


class Delivery(Base):
    """The outbox: one row per (alert revision, target), so each is sent exactly once."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("alert_id", "revision", "target", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"),
                                          index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    purpose: Mapped[str] = mapped_column(String(32), default="alert")
    """``alert`` (first send), ``update`` (the figure or date changed), or
    ``failure:<delivery id>`` (a notice that another target's delivery failed)."""
    target: Mapped[str] = mapped_column(String(64))
    """A stable key of the target (hash of its apprise URL): secrets stay out of the DB."""
    target_label: Mapped[str] = mapped_column(Text)
    """apprise's privacy form of the URL, for people and logs."""
    language: Mapped[str] = mapped_column(String(8), default="en")
    """Language of the message for this target (rules file)."""
    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    """pending, sending, sent, unknown, failed, dead"""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    plain_text: Mapped[bool] = mapped_column(Boolean, default=False)
    """Re-rendered as plain text after the channel refused the formatted message."""
    timeouts: Mapped[int] = mapped_column(Integer, default=0)
    """Sends whose outcome is unknown (timed out after the channel may have accepted)."""
    next_attempt_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    sent_at: Mapped[datetime | None]

    alert: Mapped[Alert] = relationship(back_populates="deliveries")


class CrawlRun(Base):
    """One crawl of one source, with what it did and a verdict."""

    __tablename__ = "crawl_runs"
    __table_args__ = (Index("ix_crawl_runs_source_started", "source", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    verdict: Mapped[str | None] = mapped_column(String(16))
    """ok, empty, blocked, failed, skipped (another run held the lock), running (None)"""
    new_articles: Mapped[int] = mapped_column(Integer, default=0)
    stats: Mapped[dict[str, Any] | None]
    """pages by kind, skipped known / old, errors by kind, ..."""
    error: Mapped[str | None] = mapped_column(Text)


class HttpValidator(Base):
    """ETag / Last-Modified of a feed or sitemap, for conditional GET on the next run."""

    __tablename__ = "http_validators"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)
