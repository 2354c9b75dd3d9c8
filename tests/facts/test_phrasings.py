"""Invented sentences in the outlets' phrasings (fixtures/facts/cases.yaml): what must be read."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from worker.facts import MONITORED, extract

CASES = yaml.safe_load((Path(__file__).parents[1] / "fixtures" / "facts" / "cases.yaml").read_text(encoding="utf-8"))


def _as_date(value: Any) -> date | None:
    return value if isinstance(value, date) or value is None else date.fromisoformat(str(value))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    result = extract(case["text"], published=_as_date(case.get("published")))
    facts = [f for f in result.facts if f.scope in MONITORED]
    for expected in case.get("facts", []):
        matches = [f for f in facts if f.metric == expected["metric"] and f.scope == expected["scope"]
                   and abs(f.value - expected["value"]) <= 0.01 * expected["value"]]
        assert matches, f"missing {expected}; got {[(f.metric, f.value, f.scope) for f in facts]}"
        fact = matches[0]
        if "direction" in expected:
            assert fact.direction == expected["direction"]
        if "period" in expected:
            assert fact.period == tuple(_as_date(d) for d in expected["period"])
        if "effective" in expected:
            assert fact.effective == _as_date(expected["effective"])
        if "change_pct" in expected:
            assert fact.change_pct == pytest.approx(expected["change_pct"])
        if "record" in expected:
            assert fact.record is expected["record"]
        assert fact.quote in case["text"]
    if case.get("no_facts"):
        assert facts == [], [(f.metric, f.value, f.scope) for f in facts]
    for value in case.get("absent", []):
        assert all(abs(f.value - value) > 0.5 for f in facts)
    events = {(e.type, e.scope, e.kind): e for e in result.events}
    for spec in case.get("events", []):
        kind, scope, name, *effective = spec.split()
        assert (kind, scope, name) in events, f"missing event {spec}; got {sorted(events)}"
        if effective:
            assert events[(kind, scope, name)].effective == date.fromisoformat(effective[0])
    if case.get("no_events"):
        assert [e for e in result.events if e.scope in MONITORED] == []
