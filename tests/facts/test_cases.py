"""Invented sentences in the outlets' phrasings (fixtures/cases.yaml, fixtures/phrasings*.yaml):
what must be read.

These prove the rules are general: none of the sentences comes from the dev set.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from worker.facts import MONITORED, extract

FIXTURES = Path(__file__).parent / "fixtures"
CASE_FILES = [FIXTURES / "cases.yaml", *sorted(FIXTURES.glob("phrasings*.yaml"))]
CASES: list[tuple[str, dict[str, Any]]] = [
    (f"{path.stem}{i:03d}", case)
    for path in CASE_FILES
    for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")))
]


def _date(value: Any) -> date | None:
    return value if isinstance(value, date) or value is None else date.fromisoformat(str(value))


@pytest.mark.parametrize("case", [case for _, case in CASES], ids=[name for name, _ in CASES])
def test_case(case: dict[str, Any]) -> None:
    text = case["text"]
    result = extract(text, published=_date(case.get("published")))
    facts = [f for f in result.facts if f.scope in MONITORED]
    got = [(f.metric, f.value, f.scope, f.direction, f.period, f.effective) for f in facts]
    for expected in case.get("facts", []):
        matches = [f for f in facts if f.metric == expected["metric"] and f.scope == expected["scope"]
                   and abs(f.value - expected["value"]) <= 0.01 * expected["value"]]
        assert matches, f"missing {expected}; got {got}"
        fact = matches[0]
        if "direction" in expected:
            assert fact.direction == expected["direction"], got
        if "period" in expected:
            period = expected["period"]  # null: a figure with no period ("currently 20 trains a day")
            assert fact.period == (None if period is None else tuple(_date(d) for d in period)), got
        if "effective" in expected:
            assert fact.effective == _date(expected["effective"]), got
        if "change_pct" in expected:
            assert fact.change_pct == pytest.approx(expected["change_pct"]), got
        if "record" in expected:
            assert fact.record is expected["record"], got
        assert text[fact.start:fact.end] == fact.quote
    if case.get("no_facts"):
        assert facts == [], got
    for value in case.get("absent", []):
        assert all(abs(f.value - value) > 0.5 for f in facts), got
    events = {(e.type, e.scope, e.kind): e for e in result.events}
    for spec in case.get("events", []):
        kind, scope, name, *effective = spec.split()
        assert (kind, scope, name) in events, f"missing event {spec}; got {sorted(events)}"
        if effective:
            assert events[(kind, scope, name)].effective == date.fromisoformat(effective[0])
    for spec in case.get("absent_events", []):
        kind, scope, name = spec.split()[:3]
        assert (kind, scope, name) not in events, f"unexpected event {spec}; got {sorted(events)}"
    if case.get("no_events"):
        assert [e for e in result.events if e.scope in MONITORED] == [], sorted(events)
