"""The outbox: every decided alert is a delivery row per target before anything is sent.

A delivery moves pending -> sending -> sent, or to failed/unknown (retried later with
backoff) and finally dead. Claiming is one conditional UPDATE, so two workers (a
retried task, a re-queued one, a drain) never both send the same row.

The one window left: apprise has handed the message to the channel, and the worker
dies before the next statement marks the row ``sent``. The row then stays ``sending``;
after ``delivery_lease_seconds`` it is treated like a timeout — outcome unknown — and
sent once more at most. Nothing sent is ever sent twice otherwise, and nothing
decided is dropped: a row leaves the outbox only as ``sent`` or ``dead``.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from alerts.channels import SendResult, send
from alerts.messages import Message, render
from alerts.routing import Routed
from alerts.targets import Target
from worker.settings import Settings, get_settings
from worker.storage.db import session_scope
from worker.storage.models import Alert, AlertSource, Article, Delivery

log = logging.getLogger(__name__)

RETRYABLE = ("pending", "failed", "unknown")


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who gets a delivery: a target's key and label (never its secret URL), in which
    language, not before when (quiet hours)."""

    key: str
    label: str
    language: str
    not_before: datetime | None = None

    @classmethod
    def routed(cls, route: Routed) -> Recipient:
        return cls(route.target.key, getattr(route.target, "label", route.target.key), route.language,
                   route.not_before)


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    delivery_id: int
    state: str
    """sent, failed, unknown, pending (plain-text re-render), dead, busy, not_due, missing"""
    retry_in: float | None = None


def open_deliveries(session: Session, alert: Alert, purpose: str, recipients: Sequence[Recipient]) -> list[int]:
    """One pending row per (alert revision, target); opening twice creates nothing twice."""
    if not recipients:
        return []
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    now = datetime.now(UTC)
    created: list[int] = []
    for recipient in recipients:
        statement = insert(Delivery).values(
            alert_id=alert.id, revision=alert.revision, purpose=purpose, target=recipient.key,
            target_label=recipient.label, language=recipient.language, state="pending", attempts=0,
            plain_text=False, timeouts=0, next_attempt_at=recipient.not_before, created_at=now, updated_at=now,
        ).on_conflict_do_nothing(index_elements=["alert_id", "revision", "target", "purpose"]).returning(Delivery.id)
        created += list(session.scalars(statement))
    return created


def due_deliveries(session: Session, now: datetime, lease: timedelta) -> list[int]:
    """Rows to (re)send now: retryable and due, or ``sending`` past its lease (a crash)."""
    query = select(Delivery.id).where(or_(
        Delivery.state.in_(RETRYABLE) & (Delivery.next_attempt_at.is_(None) | (Delivery.next_attempt_at <= now)),
        (Delivery.state == "sending") & (Delivery.updated_at < now - lease),
    )).order_by(Delivery.id)
    return list(session.scalars(query))


def deliver(delivery_id: int, targets: Sequence[Target], *, now: datetime | None = None,
            settings: Settings | None = None) -> DeliveryResult:
    """Send one delivery if it is due and not already sent; record what happened."""
    settings = settings or get_settings()
    now = now or datetime.now(UTC)
    by_key = {t.key: t for t in targets}
    with session_scope() as session:
        claimed = _claim(session, delivery_id, now, settings)
        if isinstance(claimed, DeliveryResult):
            return claimed
        delivery, message, target = claimed, None, by_key.get(claimed.target)
        if target is None:
            _finish(session, delivery, SendResult("permanent", "target no longer configured"), now, settings,
                    final=True)
            return DeliveryResult(delivery_id, delivery.state)
        message = _message(session, delivery, target)
    # Outside any transaction: the channel can take its time.
    outcome = send(target, message, plain=delivery.plain_text)
    log.info("delivery %s to %s: %s", delivery_id, target.label, outcome.outcome,
             extra={"delivery_id": delivery_id, "alert_id": delivery.alert_id})
    with session_scope() as session:
        row = session.get(Delivery, delivery_id)
        assert row is not None
        retry_in = _finish(session, row, outcome, now, settings)
        return DeliveryResult(delivery_id, row.state, retry_in)


def _claim(session: Session, delivery_id: int, now: datetime, settings: Settings) -> Delivery | DeliveryResult:
    lease = timedelta(seconds=settings.delivery_lease_seconds)
    row = session.get(Delivery, delivery_id)
    if row is None:
        return DeliveryResult(delivery_id, "missing")
    if row.state in ("sent", "dead"):
        return DeliveryResult(delivery_id, row.state)
    crashed = row.state == "sending" and row.updated_at < now - lease
    if row.state == "sending" and not crashed:
        return DeliveryResult(delivery_id, "busy", float(settings.delivery_lease_seconds))
    if row.next_attempt_at is not None and row.next_attempt_at > now and not crashed:
        return DeliveryResult(delivery_id, "not_due", (row.next_attempt_at - now).total_seconds())
    if crashed and row.timeouts >= 1:
        _finish(session, row, SendResult("unknown", "sent twice without a confirmation"), now, settings, final=True)
        return DeliveryResult(delivery_id, "dead")
    expected_state = row.state
    claimed = session.execute(  # type: ignore[attr-defined]
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.state == expected_state,
               Delivery.updated_at == row.updated_at)
        .values(state="sending", attempts=Delivery.attempts + 1, updated_at=now,
                timeouts=Delivery.timeouts + (1 if crashed else 0))
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        session.rollback()
        return DeliveryResult(delivery_id, "busy", 1.0)
    if crashed:
        log.warning("delivery %s was left sending by a crashed worker; its outcome is unknown, sending once more",
                    delivery_id)
    session.commit()
    session.refresh(row)
    return row


def _message(session: Session, delivery: Delivery, target: Target) -> Message:
    alert = session.scalars(select(Alert).where(Alert.id == delivery.alert_id).options(
        selectinload(Alert.sources).selectinload(AlertSource.article).selectinload(Article.source))).one()
    sources = [s.article for s in alert.sources]
    about = None
    if delivery.purpose.startswith("failure:"):
        failed = session.get(Delivery, int(delivery.purpose.split(":", 1)[1]))
        about = failed.target_label if failed else "?"
    if alert.previous_article_id and all(a.id != alert.previous_article_id for a in sources):
        previous = session.get(Article, alert.previous_article_id)
        if previous is not None:
            sources = [*sources, previous]
    return render(alert, sources, language=delivery.language, kind=target.kind, plain=delivery.plain_text,
                  purpose=delivery.purpose, about=about)


def _finish(session: Session, row: Delivery, outcome: SendResult, now: datetime, settings: Settings,
            final: bool = False) -> float | None:
    """Record the outcome; returns seconds until the next try, or None when done.

    Waits count from now, when the channel answered (Telegram's retry_after does)."""
    finished = datetime.now(UTC)
    row.updated_at = finished
    row.last_error = outcome.detail[:2000] or None
    if outcome.outcome == "sent":
        row.state, row.sent_at, row.last_error = "sent", datetime.now(UTC), None
        return None
    retry_in: float | None
    if outcome.outcome == "permanent" and not row.plain_text and not final:
        row.plain_text, row.state = True, "pending"  # formatted text refused: plain, once
        retry_in = 0.0
    elif outcome.outcome == "unknown" and row.timeouts < 1 and not final:
        row.timeouts += 1
        row.state = "unknown"
        retry_in = backoff(row.attempts, settings)
    elif outcome.outcome == "retry" and row.attempts < settings.delivery_max_attempts and not final:
        row.state = "failed"
        retry_in = outcome.retry_after if outcome.retry_after is not None else backoff(row.attempts, settings)
    else:
        _dead_letter(session, row)
        return None
    row.next_attempt_at = finished + timedelta(seconds=retry_in)
    return retry_in


def backoff(attempts: int, settings: Settings) -> float:
    """Exponential with jitter: base * 2^(n-1), capped, then 50-100 % of that."""
    delay = min(settings.delivery_backoff_cap_seconds, settings.delivery_backoff_seconds * 2 ** max(0, attempts - 1))
    return delay * random.uniform(0.5, 1.0)


def _dead_letter(session: Session, row: Delivery) -> None:
    """Give up on this target, and tell the alert's other targets that it failed."""
    row.state = "dead"
    log.error("delivery %s to %s is dead after %d attempts: %s", row.id, row.target_label, row.attempts,
              row.last_error, extra={"delivery_id": row.id, "alert_id": row.alert_id})
    if row.purpose.startswith("failure:"):
        return  # no notices about notices
    others = session.scalars(select(Delivery).where(
        Delivery.alert_id == row.alert_id, Delivery.target != row.target,
        ~Delivery.purpose.like("failure:%"))).all()
    seen: set[str] = set()
    alert = session.get(Alert, row.alert_id)
    assert alert is not None
    recipients = []
    for other in others:
        if other.target not in seen:
            seen.add(other.target)
            recipients.append(Recipient(other.target, other.target_label, other.language))
    open_deliveries(session, alert, f"failure:{row.id}", recipients)
