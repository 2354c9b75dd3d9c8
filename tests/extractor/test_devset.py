"""The labeled dev set (real articles) keeps its score: a floor that only moves up.

The same matching as the project's scorer: monitored scopes only; core = scope, metric
and value within 1 %; full adds direction, period and effective; events match on
(type, scope, kind). Optional labels are neither rewarded nor punished.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from worker.extractor import extract
from worker.extractor.resolve import MONITORED

DEV_SET = Path(__file__).parents[1] / "fixtures" / "facts" / "dev-articles.jsonl"
FLOOR = {"facts_full_f1": 0.97, "events_f1": 0.97}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1e-9)


def _core(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    return pred["scope"] == gold["scope"] and pred["metric"] == gold["metric"] and _close(pred["value"], gold["value"])


def _full(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    period = lambda p: (p["start"], p["end"]) if p else None  # noqa: E731
    return (_core(pred, gold) and (gold.get("direction") or "total") == pred["direction"]
            and period(gold.get("period")) == period(pred.get("period"))
            and (not gold.get("effective") or gold["effective"] == pred.get("effective")))


def _f1(tp: int, fp: int, fn: int) -> float:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score() -> dict[str, float]:
    facts = [0, 0, 0]
    events = [0, 0, 0]
    for line in DEV_SET.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        published = date.fromisoformat(article["published"]) if article.get("published") else None
        out = extract(article["text"], published=published).to_contract("dev")
        preds = [f for f in out["facts"] if f["scope"] in MONITORED]
        used: set[int] = set()
        for gold in article["facts"]:
            hit = next((i for i, p in enumerate(preds) if i not in used and _full(p, gold)), None)
            if hit is None:
                facts[2] += 1
            else:
                used.add(hit)
                facts[0] += 1
        facts[1] += sum(1 for i, p in enumerate(preds) if i not in used
                        and not any(_core(p, o) for o in article.get("optional", [])))
        key = lambda e: (e["type"], e["scope"], e["kind"])  # noqa: E731
        predicted = {key(e) for e in out["events"] if e["scope"] in MONITORED}
        gold_events = {key(e) for e in article["events"]}
        optional = {key(e) for e in article.get("optional_events", [])}
        events[0] += len(predicted & gold_events)
        events[1] += len(predicted - gold_events - optional)
        events[2] += len(gold_events - predicted)
    return {"facts_full_f1": _f1(*facts), "events_f1": _f1(*events)}


def test_dev_set_score_does_not_regress() -> None:
    found = score()
    for name, floor in FLOOR.items():
        assert found[name] >= floor, f"{name} {found[name]:.3f} < floor {floor}"
