"""The labeled dev set (35 real articles) keeps its score: a floor that only moves up.

Same matching as /work/shared/tools/score_facts.py (see scoring.py), on ``extract``
directly. The floor is the achieved score minus a small margin; raise it when the
extractor improves, never lower it to let a change through.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.facts.scoring import Tally, run

DEV_SET = Path(__file__).parents[1] / "fixtures" / "facts" / "dev-articles.jsonl"
FLOOR = {"facts_full_f1": 0.97, "events_f1": 0.97}


def test_dev_set_score_does_not_regress() -> None:
    facts, events = Tally(), Tally()
    for line in DEV_SET.read_text(encoding="utf-8").splitlines():
        if line.strip():
            run(json.loads(line), facts, events)
    scores = {"facts_full_f1": facts.f1(), "events_f1": events.f1()}
    for name, floor in FLOOR.items():
        assert scores[name] >= floor, f"{name} {scores[name]:.3f} < {floor}: {facts.misses + events.misses}"
