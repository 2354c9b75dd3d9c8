"""Which targets get an alert, in which language, and not before when (quiet hours)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from alerts.config import QuietHours, RulesConfig
from worker.storage.models import Alert


class RoutableTarget(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def tags(self) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class Routed:
    target: RoutableTarget
    language: str
    not_before: datetime | None


def route(alert: Alert, rules: RulesConfig, targets: Sequence[RoutableTarget], now: datetime) -> list[Routed]:
    """The first route that matches a target decides its language and quiet hours."""
    chosen: dict[str, Routed] = {}
    for rule in rules.routes:
        if alert.type not in rule.types:
            continue
        if rule.scopes is not None and alert.type not in ("source_stale", "source_blocked") \
                and alert.scope not in rule.scopes:
            continue
        for target in targets:
            if target.key in chosen:
                continue
            if "all" in rule.targets or target.tags & set(rule.targets):
                not_before = quiet_until(rule.quiet_hours, now) if rule.quiet_hours else None
                chosen[target.key] = Routed(target, rule.language, not_before)
    return list(chosen.values())


def quiet_until(quiet: QuietHours, now: datetime) -> datetime | None:
    """The end of the quiet period ``now`` falls in, or None outside quiet hours."""
    zone = ZoneInfo(quiet.timezone)
    local = now.astimezone(zone)
    start = local.replace(hour=quiet.start.hour, minute=quiet.start.minute, second=0, microsecond=0)
    end = local.replace(hour=quiet.end.hour, minute=quiet.end.minute, second=0, microsecond=0)
    if quiet.start <= quiet.end:  # e.g. 13:00-15:00
        return end if start <= local < end else None
    # overnight, e.g. 23:00-07:00
    if local >= start:
        return end + timedelta(days=1)
    if local < end:
        return end
    return None
