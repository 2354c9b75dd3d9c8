"""The outbox: a decided alert is a delivery row per target before anything is sent,
and each row moves to ``sent`` exactly once.

States: ``pending`` -> ``sending`` -> ``sent``; a failed send goes to ``failed``
(retried with backoff) or ``unknown`` (timed out after the channel may have accepted
it: retried once), a refused message back to ``pending`` as plain text (once), and
the last failure to ``dead``. A row leaves the outbox only as ``sent`` or ``dead``,
so nothing decided is dropped.

Exactly once: :func:`deliver` re-reads the row (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL), skips what is sent or dead, and claims it with one conditional UPDATE
(pending/failed/unknown -> sending, guarded by the attempt counter) that it COMMITS
before apprise is called. A duplicated, retried or re-queued task, a drain and a
second worker all meet that guard: one sends, the others see ``sending`` or ``sent``.

The one window left: apprise has handed the message to the channel, and the worker
dies (or the database is unreachable for longer than the retries of the final
UPDATE) before the row is marked ``sent``. Nothing runs in that window but that
UPDATE. The row stays ``sending``; once its lease (``delivery_lease_seconds``) is
over it is treated like a timeout — the outcome is unknown — and sent once more at
most, so the worst case is one duplicate, never a loss.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from alerts.delivery.policy import RetryPolicy
from alerts.delivery.render import Message, render, render_failure_notice
from alerts.delivery.send import SendOutcome, send
from alerts.delivery.targets import Target, load_targets
from worker.retry import call_with_retries
from worker.settings import get_settings
from worker.storage.db import session_scope
from worker.storage.models import Alert, AlertSource, Article, Delivery

log = logging.getLogger(__name__)

RETRYABLE = ("pending", "failed", "unknown")
FINAL = ("sent", "dead")


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    delivery_id: int
    state: str
    """sent, failed, unknown, pending (plain re-render), dead; or, when nothing was sent:
    busy (another worker has it), not_due, missing"""
    retry_in: float | None = None
    """Seconds until the row is due again (failed, unknown, pending, not_due)."""
    opened: tuple[int, ...] = ()
    """Deliveries this one opened (failure notices to the other targets): send them too."""


@dataclass(frozen=True, slots=True)
class _Claim:
    delivery_id: int
    attempts: int
    target: Target
    message: Message
    plain: bool


def open_deliveries(session: Session, alert: Alert, purpose: str, routed: Sequence[tuple[Target, str]],
                    not_before: datetime | None = None) -> list[Delivery]:
    """One pending row per (alert, revision, target, purpose); returns the rows it created
    (none the second time: the unique constraint decides, even between two workers)."""
    if not routed:
        return []
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    now = datetime.now(UTC)
    created: list[int] = []
    for target, language in routed:
        statement = insert(Delivery).values(
            alert_id=alert.id, revision=alert.revision, purpose=purpose, target=target.key,
            target_label=target.label, language=language, state="pending", attempts=0, plain_text=False,
            timeouts=0, next_attempt_at=not_before, created_at=now, updated_at=now,
        ).on_conflict_do_nothing(index_elements=["alert_id", "revision", "target", "purpose"])
        created += session.scalars(statement.returning(Delivery.id)).all()
    return [row for row in (session.get(Delivery, delivery_id) for delivery_id in created) if row is not None]


def due_deliveries(session: Session, now: datetime, *, lease: timedelta | None = None) -> list[int]:
    """Rows to send now: retryable and due, or ``sending`` past the lease (a dead worker)."""
    lease = lease if lease is not None else timedelta(seconds=RetryPolicy.from_settings(get_settings()).lease)
    query = select(Delivery.id).where(or_(
        Delivery.state.in_(RETRYABLE) & (Delivery.next_attempt_at.is_(None) | (Delivery.next_attempt_at <= now)),
        (Delivery.state == "sending") & (Delivery.updated_at < now - lease),
    )).order_by(Delivery.id)
    return list(session.scalars(query))


def deliver(delivery_id: int, *, targets: list[Target] | None = None,
            policy: RetryPolicy | None = None) -> DeliveryResult:
    """Send one delivery if it is due and nobody sent it; record what happened."""
    settings = get_settings()
    targets = load_targets(settings) if targets is None else targets
    policy = policy or RetryPolicy.from_settings(settings)
    claimed = _claim(delivery_id, targets, policy)
    if isinstance(claimed, DeliveryResult):
        return claimed
    outcome = send(claimed.target, claimed.message, plain=claimed.plain)
    # The window: sent, not yet marked. Only the UPDATE below runs in it.
    return call_with_retries(_finish, settings.task_max_retries, claimed, outcome, targets, policy)


def _claim(delivery_id: int, targets: list[Target], policy: RetryPolicy) -> _Claim | DeliveryResult:
    now = datetime.now(UTC)
    with session_scope() as session:
        row = session.scalars(select(Delivery).where(Delivery.id == delivery_id)
                              .with_for_update(skip_locked=True)).first()
        if row is None:
            exists = session.scalar(select(Delivery.id).where(Delivery.id == delivery_id))
            return DeliveryResult(delivery_id, "busy" if exists else "missing")
        if row.state in FINAL:
            return DeliveryResult(delivery_id, row.state)
        crashed = row.state == "sending"
        if crashed and row.updated_at > now - timedelta(seconds=policy.lease):
            return DeliveryResult(delivery_id, "busy")
        if not crashed and row.next_attempt_at is not None and row.next_attempt_at > now:
            return DeliveryResult(delivery_id, "not_due", (row.next_attempt_at - now).total_seconds())
        target = next((t for t in targets if t.key == row.target), None)
        if crashed:
            log.warning("delivery %s to %s was left sending by a worker that died; its outcome is unknown",
                        delivery_id, row.target_label, extra={"delivery_id": delivery_id})
            if row.timeouts >= 1 or target is None:
                return _settle(session, row, SendOutcome("unknown", "the worker died while sending"), targets,
                               policy, now, final=True)
        if target is None:
            row.attempts += 1
            return _settle(session, row, SendOutcome("retry", "the target is no longer configured"), targets,
                           policy, now)
        # Rendered before the claim: a failing template leaves the row as it was.
        message = _message(session, row, target)
        claimed = session.execute(
            update(Delivery)
            .where(Delivery.id == delivery_id, Delivery.state == row.state, Delivery.attempts == row.attempts)
            .values(state="sending", attempts=row.attempts + 1, timeouts=row.timeouts + (1 if crashed else 0),
                    updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            session.rollback()
            return DeliveryResult(delivery_id, "busy")
        log.debug("delivery %s claimed for %s (attempt %d%s)", delivery_id, target.label, row.attempts + 1,
                  ", plain text" if row.plain_text else "", extra={"delivery_id": delivery_id})
        # Leaving the block commits: the claim is durable before apprise is called.
        return _Claim(delivery_id, row.attempts + 1, target, message, row.plain_text)


def _finish(claim: _Claim, outcome: SendOutcome, targets: list[Target], policy: RetryPolicy) -> DeliveryResult:
    now = datetime.now(UTC)  # waits count from the channel's answer, as retry_after does
    with session_scope() as session:
        row = session.scalars(select(Delivery).where(Delivery.id == claim.delivery_id).with_for_update()).one()
        if row.state == "sent":
            return DeliveryResult(row.id, "sent")
        if row.state != "sending" or row.attempts != claim.attempts:
            # Our lease ran out and another worker took the row over: what we sent is
            # still true, anything else is its business now.
            log.warning("delivery %s was taken over while sending", row.id, extra={"delivery_id": row.id})
            if outcome.outcome != "sent":
                return DeliveryResult(row.id, row.state)
        log.info("delivery %s to %s: %s%s", row.id, row.target_label, outcome.outcome,
                 f" ({outcome.detail})" if outcome.detail else "",
                 extra={"delivery_id": row.id, "alert_id": row.alert_id})
        return _settle(session, row, outcome, targets, policy, now)


def _settle(session: Session, row: Delivery, outcome: SendOutcome, targets: list[Target], policy: RetryPolicy,
            now: datetime, *, final: bool = False) -> DeliveryResult:
    """Record an outcome on the row (``final``: no further send); the caller commits."""
    row.updated_at = now
    if outcome.outcome == "sent":
        row.state, row.sent_at, row.next_attempt_at, row.last_error = "sent", now, None, None
        return DeliveryResult(row.id, "sent")
    row.last_error = (outcome.detail or outcome.outcome)[:2000]
    wait: float | None = None
    if final or row.timeouts >= 1:
        pass  # one more send after an unknown outcome, no more: a second could be a duplicate
    elif outcome.outcome == "unknown":
        row.timeouts += 1
        row.state, wait = "unknown", policy.backoff(row.attempts)
    elif outcome.outcome == "permanent" and not row.plain_text:
        row.plain_text, row.state, wait = True, "pending", 0.0  # refused as formatted: plain text, once
    elif outcome.outcome == "retry" and row.attempts < policy.max_attempts:
        row.state = "failed"
        wait = policy.after(outcome.retry_after) if outcome.retry_after is not None else policy.backoff(row.attempts)
    if wait is None:
        return DeliveryResult(row.id, "dead", opened=_dead_letter(session, row, targets))
    row.next_attempt_at = now + timedelta(seconds=wait)
    return DeliveryResult(row.id, row.state, wait)


def _dead_letter(session: Session, row: Delivery, targets: list[Target]) -> tuple[int, ...]:
    """Give up on this target and open a short notice to the others: the alert's other
    targets, or every other configured one when it had no other."""
    row.state, row.next_attempt_at = "dead", None
    log.error("delivery %s to %s is dead after %d attempts: %s", row.id, row.target_label, row.attempts,
              row.last_error, extra={"delivery_id": row.id, "alert_id": row.alert_id})
    if row.purpose.startswith("failure:"):
        return ()  # no notices about notices
    alert = session.get(Alert, row.alert_id)
    if alert is None:
        return ()
    languages: dict[str, str] = {}
    for other in session.scalars(select(Delivery).where(Delivery.alert_id == row.alert_id,
                                                        Delivery.target != row.target)):
        languages.setdefault(other.target, other.language)
    others = [t for t in targets if t.key != row.target and (t.key in languages or not languages)]
    routed = [(t, languages.get(t.key, row.language)) for t in others]
    return tuple(d.id for d in open_deliveries(session, alert, f"failure:{row.id}", routed))


def _message(session: Session, row: Delivery, target: Target) -> Message:
    alert = session.scalars(select(Alert).where(Alert.id == row.alert_id).options(
        selectinload(Alert.sources).selectinload(AlertSource.article).selectinload(Article.source))).one()
    if row.purpose.startswith("failure:"):
        failed = session.get(Delivery, int(row.purpose.partition(":")[2]))
        return render_failure_notice(alert, failed.target_label if failed else "?", language=row.language,
                                     kind=target.kind, plain=row.plain_text)
    previous = session.get(Article, alert.previous_article_id) if alert.previous_article_id else None
    return render(alert, [s.article for s in alert.sources], language=row.language, kind=target.kind,
                  plain=row.plain_text, purpose=row.purpose, previous_article=previous)
