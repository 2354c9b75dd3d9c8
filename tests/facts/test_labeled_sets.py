"""The labeled sets keep their scores: floors that only move up.

- dev-articles.jsonl: the 35 real articles of the shared dev set.
- invented-articles.jsonl: 39 articles written by hand in the outlets' styles, none from
  the dev set, to test generalisation: other periods, Chinese-side wording, limits and
  schedules, Kazakh texts, and negatives (China–Europe totals, the Middle Corridor,
  Russia, Aktau, the whole KTZ network).
- invented-articles-2.jsonl: 31 more hand-written articles in other forms: long analytical
  pieces where the monitored figures are few among many, bullet lists and table rows, number
  words and unusual separators, "as of" dates, weeks and single days, indirect records,
  closures for repairs, limits lowered, working hours, Chinese state media in Russian, and
  nine negatives (road, pipeline, passenger trains, targets, other borders).
- invented-articles-3.jsonl: 32 more, written by someone who had not read the extractor
  (0.776 core / 0.639 full / 0.600 events when first scored): daily norms, pipe tables and
  bullet lists, "last week" and "as of Sunday", Kazakh suffixed numbers, rounded headline
  figures, records "in the facility's history", other borders (Keles, Poland–Belarus),
  passenger coaches, and eight negatives.
- invented-articles-4.jsonl: 32 more by another such writer (0.885 / 0.788 / 0.833 when first
  scored, after the rules set 3 prompted): interviews and digests, Chinese customs figures,
  rates "as it stands now", 12-month spans, "since 1 January ... up to 31 August", plans and
  hopes, times in words and halves, and eight negatives.
- invented-articles-5.jsonl: 30 more (0.833 / 0.648 / 0.737 when first scored, after the rules
  sets 3 and 4 prompted): decades of a month, plain-text tables, Chinese-side imports in
  English, quotas split by crossing, transit through Kazakhstan, changes stated in the next
  sentence, and air cargo and wagon purchases as negatives.
- invented-articles-6.jsonl: 30 more in the outlets' full page layout (bylines, photo lines,
  related headlines; 0.929 / 0.787 / 0.863 when first scored): handover as export, acceptance
  bans, "without closing traffic", "the seven-month volume", opening dates as look-backs.

Same matching as ../shared/tools/score_facts.py (see scoring.py), on ``extract``
directly. A floor is the achieved score minus a small margin; raise it when the extractor
improves, never lower it to let a change through.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.facts.scoring import Tally, run

SETS = Path(__file__).parents[1] / "fixtures" / "facts"
FLOORS = {
    "dev-articles.jsonl": {"facts_full_f1": 0.97, "events_f1": 0.97},
    "invented-articles.jsonl": {"facts_full_f1": 0.98, "events_f1": 0.98},
    "invented-articles-2.jsonl": {"facts_full_f1": 0.98, "events_f1": 0.98},
    "invented-articles-3.jsonl": {"facts_full_f1": 0.98, "events_f1": 0.98},
    "invented-articles-4.jsonl": {"facts_full_f1": 0.98, "events_f1": 0.98},
    "invented-articles-5.jsonl": {"facts_full_f1": 0.98, "events_f1": 0.98},
    "invented-articles-6.jsonl": {"facts_full_f1": 0.98, "events_f1": 0.95},
}


@pytest.mark.parametrize("name", FLOORS)
def test_score_does_not_regress(name: str) -> None:
    facts, events = Tally(), Tally()
    for line in (SETS / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            run(json.loads(line), facts, events)
    scores = {"facts_full_f1": facts.f1(), "events_f1": events.f1()}
    for metric, floor in FLOORS[name].items():
        assert scores[metric] >= floor, f"{metric} {scores[metric]:.3f} < {floor}: {facts.misses + events.misses}"
