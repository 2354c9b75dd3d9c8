"""Grouping wait over -> the alert is ready: one pending delivery per routed target.

Deliveries are rows first (the outbox) and sends second, so an alert decided is
never lost to a crash between the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.config import RulesConfig
from alerts.outbox import Recipient, open_deliveries
from alerts.routing import route
from alerts.targets import Target
from worker.storage.models import Alert


def release_due(session: Session, now: datetime, rules: RulesConfig, targets: Sequence[Target]) -> list[int]:
    """Mark every alert whose grouping wait is over as ready and open its deliveries;
    returns the ids of the new deliveries (the caller commits, then sends)."""
    due = session.scalars(
        select(Alert).where(Alert.state == "grouping", Alert.send_after <= now)
        .order_by(Alert.id).with_for_update(skip_locked=True)
    ).all()
    delivery_ids: list[int] = []
    for alert in due:
        purpose = "alert" if alert.revision == 1 else "update"
        recipients = [Recipient.routed(r) for r in route(alert, rules, targets, now)]
        delivery_ids.extend(open_deliveries(session, alert, purpose, recipients))
        alert.state = "ready"
    session.flush()
    return delivery_ids
