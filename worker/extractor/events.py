"""Events: records the text claims, and changes at a crossing the text reports.

A ``volume_record`` follows from every record fact on a monitored scope. A
``crossing_change`` needs a change verb about a crossing's traffic, limits, capacity,
infrastructure or processing time, in the past or present (a plan is not a change);
limits announced for a date are changes by nature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from worker.extractor.document import Document
from worker.extractor.resolve import MONITORED, Context, effective_for, scope_for
from worker.extractor.text import Sentence


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    scope: str
    kind: str
    effective: date | None
    quote: str
    start: int
    end: int


_LIMIT_SUBJECT = re.compile(
    r"(?<!\w)(?:handover|передач\w*|обмен\w*|exchange\w*|при[её]м\w*|trains?|поезд\w*|состав\w*|пойыз\w*)")
_NOUN_ONLY_REOPENING = re.compile(r"(?:о|about|on|for)\s+возобновлени\w*")


def sentence_events(doc: Document, sentence: Sentence, context: Context, has_limit_fact: bool) -> list[Event]:
    """The crossing changes one sentence reports."""
    span = (sentence.start, sentence.end)
    found: list[str] = []
    closing = doc.cue("CLOSURE_VERB").any(*span) and doc.cue("TRAFFIC_OBJECT").any(*span)
    if closing and not _about_wagons_only(doc, sentence):
        found.append("closure")
    reopening = doc.cue("REOPENING").within(*span)
    if reopening and not _NOUN_ONLY_REOPENING.search(doc.normalized, *span):
        found.append("reopening")
    if _infrastructure_in_service(doc, sentence):
        found.append("infrastructure")
    if doc.cue("CAPACITY").any(*span) and doc.cue("CAPACITY_CHANGE").any(*span) and not doc.cue("FUTURE").any(*span):
        found.append("capacity")
    if (doc.cue("PROCESSING").any(*span) and doc.cue("PROCESSING_TIME").any(*span)
            and doc.cue("PROCESSING_CHANGE").any(*span) and not doc.cue("FUTURE").any(*span)):
        found.append("processing_time")
    if not has_limit_fact and doc.cue("LIMIT").any(*span) and _LIMIT_SUBJECT.search(doc.normalized, *span) \
            and _doubling_or_limit(doc, sentence):
        found.append("train_limit")
    if not found:
        return []
    scope, explicit = scope_for(doc, sentence, sentence.start, context)
    if scope not in MONITORED or (not explicit and context.scope_sentence < sentence.index - 5):
        return []
    effective = effective_for(doc, sentence, sentence.end) or _single_day(doc, sentence)
    first_effective = _first_start(doc, sentence) or _single_day(doc, sentence)
    quote = doc.text[sentence.start:sentence.end]
    return [Event("crossing_change", scope, kind, first_effective if kind in ("closure", "reopening") else effective,
                  quote, sentence.start, sentence.end) for kind in found]


_UNTIL_BEFORE = re.compile(r"(?:до|until|till|by|к|по)\s*$")


_TODAY = re.compile(r"(?<!\w)(?:сегодня|today|бүгін)(?!\w)")


def _single_day(doc: Document, sentence: Sentence) -> date | None:
    """"was closed on June 3", "приостановлено 18 января", "сегодня": the day it happened."""
    for mention in doc.periods_in(sentence.start, sentence.end):
        if mention.kind == "day" and mention.day is not None and not mention.comparison \
                and not _UNTIL_BEFORE.search(doc.normalized[max(0, mention.start - 8):mention.start]):
            return mention.day
    if doc.published and _TODAY.search(doc.normalized, sentence.start, sentence.end):
        return doc.published
    return None


_TRAIN_SUBJECT = re.compile(r"(?<!\w)(?:trains?|поезд\w*|состав\w*|рейс\w*|пойыз\w*)(?:\s+\w+){0,3}\s*$")
_OLD_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _infrastructure_in_service(doc: Document, sentence: Sentence) -> bool:
    """A line, track, terminal or station put into service now, not planned, not built,
    not historical ("станция, открытая в 1990 году"), not a train "launched"."""
    span = (sentence.start, sentence.end)
    if doc.cue("INFRA_BLOCK").any(*span):
        return False
    objects = doc.cue("INFRA_OBJECT").within(*span)
    for start, end in doc.cue("INFRA_VERB").within(*span):
        if _TRAIN_SUBJECT.search(doc.normalized[max(sentence.start, start - 40):start]):
            continue
        if not any(abs(o_start - start) <= 60 for o_start, _ in objects):
            continue
        nearby = doc.normalized[max(sentence.start, start - 30):min(sentence.end, end + 30)]
        years = [int(y) for y in _OLD_YEAR.findall(nearby)]
        if years and doc.reference and min(years) < doc.reference.year - 1:
            continue
        return True
    return False


def _about_wagons_only(doc: Document, sentence: Sentence) -> bool:
    """"3,500 wagons have been halted" is a queue, not a closed crossing."""
    text = doc.normalized[sentence.start:sentence.end]
    return bool(re.search(r"(?:wagons?|вагон\w*)\s+(?:\w+\s+){0,4}?(?:halted|stopped|остановлен\w*)", text)) and \
        not re.search(r"(?:ban|suspend|запрет|приостанов|тыйым)", text)


_LIMIT_CHANGE = re.compile(
    r"double|вдвое|удво|increase\s+the\s+(?:exchange|handover)|увеличить\s+(?:передачу|обмен|при[её]м)"
    r"|ограничил\w*\s+при[её]м|limit\w*\s+(?:the\s+)?(?:number|handover)")


def _doubling_or_limit(doc: Document, sentence: Sentence) -> bool:
    return bool(_LIMIT_CHANGE.search(doc.normalized, sentence.start, sentence.end))


def _first_start(doc: Document, sentence: Sentence) -> date | None:
    """The first start date in the sentence (a closure "с 4 по 8 сентября" starts on the 4th)."""
    for start, day in doc.effective:
        if sentence.start <= start < sentence.end:
            return day
    return None
