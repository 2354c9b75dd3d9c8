"""The matching of /work/shared/tools/score_facts.py, on ``extract`` directly (no CLI).

Only the monitored scopes count. core = scope, metric and value within 1 %; full adds
direction, period and the effective date when the label has one. A prediction matching
an optional label is neither a hit nor an error. Events match on (type, scope, kind).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from worker.facts import MONITORED, extract

Label = dict[str, Any]


def close(a: Any, b: Any, rel: float = 0.01) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= rel * max(abs(x), abs(y), 1e-9)


def _period(value: Any) -> tuple[str, str] | None:
    if not value:
        return None
    if isinstance(value, dict):
        return str(value.get("start")), str(value.get("end"))
    return str(value[0]), str(value[1])


def core_match(pred: Label, gold: Label) -> bool:
    return (pred.get("scope") == gold.get("scope") and pred.get("metric") == gold.get("metric")
            and close(pred.get("value"), gold.get("value")))


def full_match(pred: Label, gold: Label) -> bool:
    if not core_match(pred, gold):
        return False
    if (gold.get("direction") or "total") != (pred.get("direction") or "total"):
        return False
    if _period(gold.get("period")) != _period(pred.get("period")):
        return False
    return not gold.get("effective") or str(gold.get("effective")) == str(pred.get("effective"))


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def f1(self) -> float:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_facts(preds: list[Label], golds: Iterable[Label], optional: Iterable[Label], tally: Tally,
                name: str = "") -> None:
    optional = list(optional)
    used: set[int] = set()
    for gold in golds:
        hit = next((i for i, p in enumerate(preds) if i not in used and full_match(p, gold)), None)
        if hit is None:
            tally.fn += 1
            tally.misses.append(f"{name}: missed {gold}")
        else:
            used.add(hit)
            tally.tp += 1
    for i, pred in enumerate(preds):
        if i not in used and not any(full_match(pred, o) or core_match(pred, o) for o in optional):
            tally.fp += 1
            tally.misses.append(f"{name}: extra {pred}")


def _key(event: Any) -> tuple[str, str, str]:
    if isinstance(event, str):
        kind, scope, name, *_ = event.split()
        return kind, scope, name
    return event["type"], event["scope"], event["kind"]


def score_events(preds: list[Label], golds: Iterable[Any], optional: Iterable[Any], tally: Tally,
                 name: str = "") -> None:
    predicted = {_key(e) for e in preds if e["scope"] in MONITORED}
    gold = {_key(e) for e in golds}
    allowed = {_key(e) for e in optional}
    tally.tp += len(predicted & gold)
    tally.fp += len(predicted - gold - allowed)
    tally.fn += len(gold - predicted)
    tally.misses += [f"{name}: missed event {k}" for k in sorted(gold - predicted)]
    tally.misses += [f"{name}: extra event {k}" for k in sorted(predicted - gold - allowed)]


def run(article: Label, facts: Tally, events: Tally) -> None:
    """Extract one labeled article and add its matches to the tallies."""
    published = article.get("published")
    if published is not None and not isinstance(published, date):
        published = date.fromisoformat(str(published))
    out = extract(article["text"], published=published).to_contract("test")
    preds = [f for f in out["facts"] if f["scope"] in MONITORED]
    name = str(article.get("id") or article.get("name"))
    score_facts(preds, article.get("facts") or [], article.get("optional") or [], facts, name)
    score_events(out["events"], article.get("events") or [], article.get("optional_events") or [], events, name)
