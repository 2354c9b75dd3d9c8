"""The extractor: article text in, facts and events out (contracts/facts.md).

Pure and total: any string in, an ``Extraction`` out, never an exception. Reading is
one pass of patterns (``document.read``); then every figure is resolved from where it
stands, sentence by sentence, carrying what the article established along the way.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from worker.cleaning.language import detect_language
from worker.extractor import vocabulary as v
from worker.extractor.document import Document, read
from worker.extractor.events import Event, sentence_events
from worker.extractor.figures import count_noun_unit, ellipsis_unit, is_fact, metric_of
from worker.extractor.numbers import PERCENT, TIMES, Unit
from worker.extractor.periods import Period
from worker.extractor.quantities import Quantity, scan
from worker.extractor.resolve import (
    MONITORED,
    VOLUME_METRICS,
    Context,
    direction_for,
    effective_for,
    explicit_scope,
    period_for,
    scope_for,
    sentence_period,
    topic_of,
)
from worker.extractor.text import Sentence, clause_bounds

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "2026.11.1"
MAX_CHARS = 2_000_000
_KEEPS_OLD_VALUE = frozenset({"train_limit_per_day", "capacity_tonnes_per_year", "processing_hours"})
_TIMES_WORDS = {"два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "two": 2, "three": 3, "four": 4, "five": 5}
_NO_PERIOD = frozenset({"train_limit_per_day", "capacity_tonnes_per_year", "processing_hours"})


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
    end: int
    replaced: bool = False
    """The old value of a change ("from 8 to 15": the 8); kept out of the contract output."""

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
class Extraction:
    language: str | None
    published: date | None
    facts: list[Fact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_contract(self, source: str) -> dict[str, Any]:
        return {
            "source": source,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "facts": [f.to_contract() for f in self.facts],
            "events": [{"type": e.type, "scope": e.scope, "kind": e.kind,
                        "effective": e.effective.isoformat() if e.effective else None, "quote": e.quote}
                       for e in self.events],
        }


def extract(text: str, *, published: date | None = None, language: str | None = None) -> Extraction:
    """Facts and events of one article. Never raises: a failure is logged and yields nothing."""
    language = language or detect_language(text) or "en"
    if not isinstance(text, str) or not text.strip():
        return Extraction(language, published)
    try:
        return _extract(text[:MAX_CHARS], published, language)
    except Exception:
        log.exception("fact extraction failed; the article is stored without facts")
        return Extraction(language, published)


def _extract(text: str, published: date | None, language: str) -> Extraction:
    doc = read(text, published, language)
    context = Context(topic=topic_of(doc))
    quantities = scan(doc.normalized, language, [(p.start, p.end) for p in doc.periods])
    by_sentence: dict[int, list[Quantity]] = {}
    for quantity in quantities:
        sentence = doc.index.at(quantity.start)
        if sentence is not None:
            by_sentence.setdefault(sentence.index, []).append(quantity)
    facts: list[Fact] = []
    events: list[Event] = []
    for sentence in doc.sentences:
        explicit = explicit_scope(doc, sentence)
        if sentence.is_list_item:
            context.list_parent = context.list_parent or _parent(doc, sentence)
        else:
            context.list_parent = None
        in_sentence = by_sentence.get(sentence.index, [])
        found = [f for q in in_sentence if (f := _fact(doc, sentence, q, context, in_sentence))]
        found = _with_changes_and_records(doc, sentence, found)
        facts.extend(found)
        events.extend(sentence_events(doc, sentence, context,
                                      any(f.metric == "train_limit_per_day" for f in found)))
        carried_crossing = context.scope in ("dostyk-alashankou", "altynkol-khorgos", "bakhty-tacheng")
        if explicit is not None and (explicit != "kz-cn" or not carried_crossing or sentence.is_title
                                     or _names_crossings(doc, sentence) or by_sentence.get(sentence.index)):
            # a bilateral phrase in passing ("agreements between Kazakhstan and China")
            # does not move the subject away from a crossing
            context.scope, context.scope_sentence = explicit, sentence.index
        elif found and found[-1].scope:
            context.scope, context.scope_sentence = found[-1].scope, sentence.index
        context.period = sentence_period(doc, sentence) or _carried_period(found) or context.period
        if not sentence.is_list_item:
            context.parent_direction = found[-1].direction if found else context.parent_direction
    facts = _with_limit_dates(_deduplicate(doc, facts), events)
    events = _events(doc, facts, events)
    return Extraction(language, published, facts, events)


def _fact(doc: Document, sentence: Sentence, quantity: Quantity, context: Context,
          earlier: list[Quantity]) -> Fact | None:
    if quantity.unit is None:
        total = ellipsis_unit(doc, sentence, quantity, earlier)
        if total is not None:
            quantity.unit = total.unit
            if quantity.multiplier == 1.0 and quantity.number < total.number:
                quantity.multiplier = total.multiplier
        else:
            unit_kind = count_noun_unit(doc, sentence, quantity)
            if unit_kind is None:
                return None
            quantity.unit = Unit(unit_kind)
    if quantity.role == "upper":
        return None
    metric = metric_of(doc, sentence, quantity)
    if metric is None or quantity.value <= 0:
        return None
    if quantity.role == "old" and metric not in _KEEPS_OLD_VALUE:
        return None
    if not is_fact(doc, sentence, quantity, metric):
        return None
    scope, _ = scope_for(doc, sentence, quantity.start, context)
    if scope is None:
        return None
    direction = direction_for(doc, sentence, quantity, context)
    if direction is None and sentence.is_list_item and context.parent_direction:
        direction = context.parent_direction
    if metric == "train_limit_per_day":
        if direction is None and context.limit_sentence >= sentence.index - 2:
            direction = context.limit_direction
        context.limit_direction, context.limit_sentence = direction, sentence.index
    period = None if metric in _NO_PERIOD else period_for(doc, sentence, quantity, context)
    dated = metric in ("train_limit_per_day", "capacity_tonnes_per_year")
    effective = effective_for(doc, sentence, quantity.start) if dated and quantity.role != "old" else None
    return Fact(metric=metric, value=round(quantity.value, 4), scope=scope, direction=direction or "total",
                period=period, effective=effective, change_pct=None, record=False,
                quote=doc.text[sentence.start:sentence.end], start=quantity.start, end=quantity.end,
                replaced=quantity.role == "old")


def _names_crossings(doc: Document, sentence: Sentence) -> bool:
    return any(m.kind in ("crossing", "both") for m in doc.scopes_in(sentence.start, sentence.end))


def _carried_period(found: list[Fact]) -> Period | None:
    periods = [f.period for f in found if f.period is not None and f.period[0] != f.period[1]]
    return periods[-1] if periods else None


def _parent(doc: Document, sentence: Sentence) -> Sentence | None:
    for candidate in reversed(doc.sentences[:sentence.index]):
        if not candidate.is_list_item:
            return candidate
    return None


def _with_changes_and_records(doc: Document, sentence: Sentence, facts: list[Fact]) -> list[Fact]:
    volumes = [f for f in facts if f.metric in VOLUME_METRICS]
    if not volumes:
        return facts
    changes = _changes(doc, sentence)
    records = _record_cues(doc, sentence)
    updated: dict[int, Fact] = {}
    for offset, pct in changes:
        target = _nearest(doc, sentence, volumes, offset)
        if target is not None and target.start not in {f.start for f in updated.values() if f.change_pct is not None}:
            updated[target.start] = replace(updated.get(target.start, target), change_pct=pct)
    for offset in records:
        target = _nearest(doc, sentence, volumes, offset)
        if target is not None:
            updated[target.start] = replace(updated.get(target.start, target), record=True)
    return [updated.get(f.start, f) for f in facts]


def _changes(doc: Document, sentence: Sentence) -> list[tuple[int, float]]:
    text = doc.normalized
    found: list[tuple[int, float]] = []
    for match in PERCENT.finditer(text, sentence.start, sentence.end):
        clause = clause_bounds(text, sentence, match.start())
        window = text[max(clause[0], match.start() - 60):min(clause[1], match.end() + 40)]
        if v.NOT_YOY.search(window) or doc.cue("PROCESSING").any(*clause):
            continue
        up, down = v.INCREASE.search(window), v.DECREASE.search(window)
        if not up and not down and "+" not in text[max(0, match.start() - 2):match.start()]:
            continue
        value = float(match.group(1).replace(",", "."))
        sign = -1 if down and not up else 1
        if "-" in text[max(0, match.start() - 2):match.start()] and not up:
            sign = -1
        found.append((match.start(), sign * value))
    for match in TIMES.finditer(text, sentence.start, sentence.end):
        clause = clause_bounds(text, sentence, match.start())
        if doc.cue("PROCESSING").any(*clause):
            continue
        if match.group("double"):
            found.append((match.start(), 100.0))
            continue
        word = match.group(1)
        number = _TIMES_WORDS.get(word)
        value = float(number) if number else float(word.replace(",", "."))
        if value > 1:
            found.append((match.start(), round((value - 1) * 100, 4)))
    return found


def _record_cues(doc: Document, sentence: Sentence) -> list[int]:
    cues = []
    for start, _ in doc.cue("RECORD").within(sentence.start, sentence.end):
        before = doc.normalized[max(sentence.start, start - 30):start + 15]
        if not v.NOT_RECORD.search(before):
            cues.append(start)
    return cues


def _nearest(doc: Document, sentence: Sentence, facts: list[Fact], offset: int) -> Fact | None:
    """The figure a change or record cue belongs to: in its clause if any, else the closest."""
    clause = clause_bounds(doc.normalized, sentence, offset)
    in_clause = [f for f in facts if clause[0] <= f.start < clause[1]]
    pool = in_clause or facts
    return min(pool, key=lambda f: abs(f.start - offset)) if pool else None


def _deduplicate(doc: Document, facts: list[Fact]) -> list[Fact]:
    """One fact per statement: a headline repeating a figure, or a figure repeated without
    its period, folds into the fuller mention."""
    kept: list[Fact] = []
    title_end = doc.sentences[0].end if doc.sentences and doc.sentences[0].is_title else -1
    for fact in sorted(facts, key=lambda f: (f.period is None, f.start < title_end, f.start)):
        twin = next((k for k in kept if k.metric == fact.metric and k.scope == fact.scope
                     and abs(k.value - fact.value) <= 1e-6 * max(k.value, 1)
                     and (k.period == fact.period or fact.period is None or k.period is None)
                     and k.effective in (fact.effective, None)), None)
        if twin is None:
            kept.append(fact)
        elif fact.record and not twin.record:
            kept[kept.index(twin)] = replace(twin, record=True)
    return sorted(kept, key=lambda f: f.start)


def _with_limit_dates(facts: list[Fact], events: list[Event]) -> list[Fact]:
    """"agreed to double the handover at Altynkol from March 1 ... from 8 to 15 trains per
    day": the limit takes the date its announcement gave."""
    dated = {e.scope: e.effective for e in events
             if e.kind == "train_limit" and e.effective is not None}
    return [replace(f, effective=dated[f.scope])
            if f.metric == "train_limit_per_day" and f.effective is None and f.scope in dated and not f.replaced
            else f for f in facts]


def _events(doc: Document, facts: list[Fact], events: list[Event]) -> list[Event]:
    found: dict[tuple[str, str, str], Event] = {}
    for fact in facts:
        if fact.scope not in MONITORED:
            continue
        if fact.record:
            found.setdefault(("volume_record", fact.scope, fact.metric),
                             Event("volume_record", fact.scope, fact.metric, None, fact.quote, fact.start, fact.end))
        sentence = doc.index.at(fact.start)
        changed = sentence is not None and _reports_change(doc, sentence)
        if fact.metric == "train_limit_per_day" and (fact.effective is not None or changed):
            key = ("crossing_change", fact.scope, "train_limit")
            existing = found.get(key)
            if existing is None or (existing.effective is None and fact.effective is not None):
                found[key] = Event("crossing_change", fact.scope, "train_limit", fact.effective, fact.quote,
                                   fact.start, fact.end)
    for event in events:
        key = (event.type, event.scope, event.kind)
        existing = found.get(key)
        if existing is None:
            found[key] = event
        elif existing.effective is None and event.effective is not None:
            found[key] = replace(existing, effective=event.effective)
    crossing_limits = any(k[2] == "train_limit" and k[1] != "kz-cn" for k in found)
    if crossing_limits:  # "agreed to double the trains" in general, then per crossing
        found.pop(("crossing_change", "kz-cn", "train_limit"), None)
    return sorted(found.values(), key=lambda e: e.start)


_CHANGE_VERB = re.compile(r"(?<!\w)(?:ограничил\w*|ограничен\w*|снизил\w*|снижен\w*|сократил\w*|увеличил\w*|увелич\w+|"
                          r"повысил\w*|удвоил\w*|restrict\w*|limited|capped|reduced|cut|raised|increas\w*|doubl\w*|"
                          r"lowered|шектел\w*|азайт\w*|арттыр\w*)")


def _reports_change(doc: Document, sentence: Sentence) -> bool:
    return bool(_CHANGE_VERB.search(doc.normalized, sentence.start, sentence.end))


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
