"""What a rule proposes: one event worth an alert, before grouping decides whether it is new."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class AlertCandidate:
    type: str
    """volume_record or crossing_change"""
    basis: str
    """text (the article says so) or history (compared with stored figures)"""
    scope: str
    article_id: int
    quote: str
    metric: str | None = None
    direction: str | None = None
    kind: str | None = None
    period: tuple[date, date] | None = None
    value: float | None = None
    effective: date | None = None
    previous_value: float | None = None
    previous_period: tuple[date, date] | None = None
    previous_article_id: int | None = None
    fact_id: int | None = None
    event_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)
    published: date | None = None
    """When the reporting article was published: "the same change" is judged on this."""

    def identity(self) -> tuple[str, ...]:
        """What makes two reports the same event (the value is compared, not hashed:
        a corrected figure is an update of the event, not another event)."""
        if self.type == "volume_record":
            start, end = self.period or (None, None)
            return (self.type, self.scope, self.metric or "", self.direction or "total",
                    _iso(start), _iso(end))
        # An undated change is told apart by when it was reported (later reports within
        # the grouping window still join it: alerts/grouping.py).
        when = _iso(self.effective) if self.effective else "reported " + _iso(self.published)
        return (self.type, self.scope, self.kind or "", when)

    def fingerprint(self) -> str:
        return fingerprint(self.identity())


def fingerprint(identity: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(identity).encode("utf-8")).hexdigest()


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
