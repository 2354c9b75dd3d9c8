"""Invented articles (39, hand-labeled, none from the dev set) keep their score: a floor
that only moves up.

They are written in the outlets' styles to test generalisation beyond the dev texts:
other periods, Chinese-side wording, limits and schedules, Kazakh texts, and negatives
(China–Europe totals, the Middle Corridor, Russia, Aktau, the whole KTZ network).
Scored with the same matching as the dev set (scoring.py). Raise the floor when the
extractor improves, never lower it to let a change through.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.facts.scoring import Tally, run

INVENTED_SET = Path(__file__).parents[1] / "fixtures" / "facts" / "invented-articles.jsonl"
FLOOR = {"facts_full_f1": 0.98, "events_f1": 0.98}


def test_invented_set_score_does_not_regress() -> None:
    facts, events = Tally(), Tally()
    for line in INVENTED_SET.read_text(encoding="utf-8").splitlines():
        if line.strip():
            run(json.loads(line), facts, events)
    scores = {"facts_full_f1": facts.f1(), "events_f1": events.f1()}
    for name, floor in FLOOR.items():
        assert scores[name] >= floor, f"{name} {scores[name]:.3f} < {floor}: {facts.misses + events.misses}"
