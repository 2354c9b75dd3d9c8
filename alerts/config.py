"""The alert rules file: which events alert, with which thresholds, to whom, in which language.

Every field has a documented default, so no file at all is a valid configuration;
``railwatch rules check FILE`` validates one and prints what is wrong, where.
The grouping wait and the replay horizon are settings (``RAILWATCH_GROUPING_WAIT_SECONDS``,
``RAILWATCH_ALERT_HORIZON_DAYS``): they are about operation, not about what to alert.
"""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

MONITORED_SCOPES = ("kz-cn", "dostyk-alashankou", "altynkol-khorgos", "bakhty-tacheng")
VOLUME_METRICS = ("freight_tonnes", "containers_teu", "trains", "wagons", "trains_per_day")
CROSSING_KINDS = ("train_limit", "capacity", "closure", "reopening", "infrastructure",
                  "processing_time", "schedule")
ALERT_TYPES = ("volume_record", "crossing_change", "source_stale", "source_blocked")
# Crossing metrics whose stored value changing is a crossing change, and the kind it is.
CROSSING_METRIC_KINDS = {
    "train_limit_per_day": "train_limit",
    "capacity_tonnes_per_year": "capacity",
    "processing_hours": "processing_time",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RecordRules(_Strict):
    from_text: bool = Field(True, description="Alert when an article claims a record.")
    from_history: bool = Field(True, description="Alert when a figure beats every stored comparable one.")
    metrics: tuple[str, ...] = Field(VOLUME_METRICS, description="Metrics that can set records.")
    min_history: int = Field(3, ge=1, description="Earlier comparable figures needed before a history record.")
    min_change_pct: float = Field(0.0, ge=0, description="How far above the previous maximum, in %.")

    @field_validator("metrics")
    @classmethod
    def _known_metrics(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - set(VOLUME_METRICS))
        if unknown:
            raise ValueError(f"unknown metric(s) {unknown}; known: {list(VOLUME_METRICS)}")
        return value


class CrossingRules(_Strict):
    from_text: bool = Field(True, description="Alert on changes the article reports.")
    from_history: bool = Field(True, description="Alert when a limit/capacity/time differs from the last stored.")
    kinds: tuple[str, ...] = Field(CROSSING_KINDS, description="Kinds of crossing change that alert.")
    min_change_pct: float = Field(5.0, ge=0, description="Smaller relative changes of a value do not alert.")

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - set(CROSSING_KINDS))
        if unknown:
            raise ValueError(f"unknown kind(s) {unknown}; known: {list(CROSSING_KINDS)}")
        return value


class QuietHours(_Strict):
    """Deliveries that fall in quiet hours wait until they end (nothing is dropped)."""

    start: time
    end: time
    timezone: str = "Asia/Almaty"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value


class Route(_Strict):
    """Which alerts go to which targets (apprise tags, or ``all``), in which language."""

    targets: tuple[str, ...] = ("all",)
    types: tuple[str, ...] = ALERT_TYPES
    scopes: tuple[str, ...] | None = None
    language: Literal["ru", "en"] = "ru"
    quiet_hours: QuietHours | None = None

    @field_validator("types")
    @classmethod
    def _known_types(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - set(ALERT_TYPES))
        if unknown:
            raise ValueError(f"unknown alert type(s) {unknown}; known: {list(ALERT_TYPES)}")
        return value


class RulesConfig(_Strict):
    scopes: tuple[str, ...] = Field(MONITORED_SCOPES, description="Scopes that alert at all.")
    records: RecordRules = RecordRules()
    crossing_changes: CrossingRules = CrossingRules()
    value_tolerance_pct: float = Field(
        2.0, ge=0, description="Reports within this % of an alert's figure are the same event."
    )
    grouping_window_days: int = Field(
        21, ge=1, description="How long later reports still attach to an alert of the same event."
    )
    routes: tuple[Route, ...] = (Route(),)

    @field_validator("scopes")
    @classmethod
    def _scopes_lowercase(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [s for s in value if s != s.lower() or not s]
        if bad:
            raise ValueError(f"scope ids are lowercase, like kz-cn: {bad}")
        return value


class RulesError(ValueError):
    """A rules file that cannot be used, with every problem on its own line."""


def load_rules(path: Path | None) -> RulesConfig:
    """The rules from ``path``, or the defaults when there is none."""
    if path is None:
        return RulesConfig()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RulesError(f"{path}: cannot read: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise RulesError(f"{path}: not valid YAML: {error}") from error
    if raw is None:
        return RulesConfig()
    if not isinstance(raw, dict):
        raise RulesError(f"{path}: the top level must be a mapping, not {type(raw).__name__}")
    try:
        return RulesConfig.model_validate(raw)
    except ValidationError as error:
        lines = [f"{path}: {error.error_count()} problem(s):"]
        for problem in error.errors():
            where = ".".join(str(part) for part in problem["loc"]) or "(top level)"
            lines.append(f"  {where}: {problem['msg'].removeprefix('Value error, ')}")
        raise RulesError("\n".join(lines)) from error
