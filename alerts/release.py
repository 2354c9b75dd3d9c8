"""Grouping wait over -> the alert is ready: one pending delivery per routed target.

Deliveries are rows first (the outbox) and sends second, so an alert decided is
never lost to a crash between the two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.config import RulesConfig
from alerts.delivery.outbox import open_deliveries
from alerts.delivery.targets import Target
from alerts.routing import route
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
        by_start: defaultdict[datetime | None, list[tuple[Target, str]]] = defaultdict(list)
        for routed in route(alert, rules, targets, now):
            by_start[routed.not_before].append((routed.target, routed.language))  # type: ignore[arg-type]
        for not_before, recipients in by_start.items():
            delivery_ids += [row.id for row in open_deliveries(session, alert, purpose, recipients, not_before)]
        alert.state = "ready"
    session.flush()
    return delivery_ids
