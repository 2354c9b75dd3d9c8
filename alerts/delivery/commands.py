"""What the CLI shows of delivery: ``railwatch alerts test`` and the delivery states
of ``railwatch alerts list``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.delivery.render import render_test
from alerts.delivery.send import send
from alerts.delivery.targets import Target, load_targets
from worker.settings import Settings
from worker.storage.models import Delivery


def send_test(settings: Settings, *, language: str = "en",
              targets: list[Target] | None = None) -> list[tuple[str, bool, str]]:
    """A test message to every configured target, sent directly (no outbox: nothing
    to deliver exactly once). Returns (label, ok, error) per target."""
    report = []
    for target in load_targets(settings) if targets is None else targets:
        outcome = send(target, render_test(language=language, kind=target.kind))
        ok = outcome.outcome == "sent"
        report.append((target.label, ok, "" if ok else f"{outcome.outcome}: {outcome.detail}"))
    return report


def delivery_states(session: Session, alert_ids: Iterable[int] | None = None) -> dict[int, list[dict[str, Any]]]:
    """alert id -> its deliveries in order: target label, purpose, revision, language,
    state, attempts, last error, sent at."""
    query = select(Delivery).order_by(Delivery.alert_id, Delivery.id)
    if alert_ids is not None:
        query = query.where(Delivery.alert_id.in_(list(alert_ids)))
    states: dict[int, list[dict[str, Any]]] = {}
    for row in session.scalars(query):
        states.setdefault(row.alert_id, []).append({
            "id": row.id, "target": row.target_label, "purpose": row.purpose, "revision": row.revision,
            "language": row.language, "state": row.state, "attempts": row.attempts,
            "last_error": row.last_error, "sent_at": row.sent_at.isoformat() if row.sent_at else None,
        })
    return states
