"""What the extractor returns: facts, events and their contract form (contracts/facts.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

Period = tuple[date, date]
MONITORED = frozenset({"kz-cn", "dostyk-alashankou", "altynkol-khorgos", "bakhty-tacheng"})
"""The scopes consumers monitor; any other lowercase id names a route or place they ignore."""


@dataclass(frozen=True, slots=True)
class Fact:
    metric: str
    value: float
    scope: str
    direction: str
    period: Period | None
    effective: date | None
    change_pct: float | None
    record: bool
    quote: str
    start: int
    """Offset of ``quote`` in the input text."""
    end: int
    replaced: bool = False
    """The old value of a change ("raised from 8 to 15 trains"): history, not news."""

    def to_contract(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "value": _number(self.value),
            "scope": self.scope,
            "direction": self.direction,
            "period": {"start": self.period[0].isoformat(), "end": self.period[1].isoformat()} if self.period else None,
            "effective": self.effective.isoformat() if self.effective else None,
            "change_pct": _number(self.change_pct) if self.change_pct is not None else None,
            "record": self.record,
            "quote": self.quote,
        }


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    """``volume_record`` or ``crossing_change``."""
    scope: str
    kind: str
    """The metric of a record; train_limit, capacity, closure, reopening, infrastructure,
    processing_time or schedule for a crossing change."""
    effective: date | None
    quote: str
    start: int
    """Offset of ``quote`` in the input text."""
    end: int

    def to_contract(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "scope": self.scope,
            "kind": self.kind,
            "effective": self.effective.isoformat() if self.effective else None,
            "quote": self.quote,
        }


@dataclass(slots=True)
class Reading:
    """A fact while it is being read: mutable (its change, record and date are filled in
    later), with the offset of its figure and its role there ("old" for the old value of a
    change), which the contract form does not carry. ``freeze()`` gives the ``Fact``."""

    metric: str
    value: float
    scope: str
    direction: str
    period: Period | None
    effective: date | None
    quote: str
    start: int
    end: int
    at: int
    role: str = "value"
    change_pct: float | None = None
    record: bool = False

    def freeze(self) -> Fact:
        return Fact(self.metric, self.value, self.scope, self.direction, self.period, self.effective,
                    self.change_pct, self.record, self.quote, self.start, self.end, self.role == "old")


@dataclass(frozen=True, slots=True)
class Extraction:
    language: str
    published: date | None
    facts: list[Fact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_contract(self, source: str) -> dict[str, Any]:
        return {
            "source": source,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "facts": [f.to_contract() for f in self.facts],
            "events": [e.to_contract() for e in self.events],
        }


def _number(value: float) -> float | int:
    """22200000.0 -> 22200000: integral values print as integers."""
    return int(value) if float(value).is_integer() else round(value, 6)
