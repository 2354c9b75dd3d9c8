"""One figure read as a fact: its unit, metric, scope, direction, period and dates.

Each question is answered in widening circles: the figure's own clause, the rest of its
sentence, then what the article established before it (``Context``): the crossing it
was talking about, the period it announced, the direction of the list it is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from worker.facts import scopes
from worker.facts.directions import direction_for
from worker.facts.events import effective_in
from worker.facts.metrics import NO_PERIOD, count_noun_unit, ellipsis_unit, is_fact, metric_of, plausible
from worker.facts.model import Period, Reading
from worker.facts.period_grammar import COUNT_WORDS
from worker.facts.quantities import Quantity, Unit

if TYPE_CHECKING:
    from worker.facts.document import Document
    from worker.facts.periods import PeriodMention
    from worker.facts.scopes import ScopeMention
    from worker.facts.sentences import Sentence

_KEEPS_OLD_VALUE = frozenset({"capacity_tonnes_per_year"})
""""raise capacity from 28 to 48 Mt/year": the old capacity still stands until the new one
comes. An old limit or time ("from 8 to 15 trains", "с 12 до 6 часов") is gone: not reported."""
_DATED = frozenset({"train_limit_per_day", "capacity_tonnes_per_year"})
_DAY_KINDS = frozenset({"day", "day_range"})
_NOW = frozenset({"now", "normal_mode"})
"""A daily rate "in normal operation", "currently": as it stands, not in the period named before."""
_OPENING = 25
"""How far into its sentence a time frame still opens it."""
_YEARS_LATER = re.compile(r"(?:спустя|через)\s+(\d{1,2})\s+(?:лет|год\w*)|(\d{1,2})\s+years?\s+later|"
                          r"after\s+(\d{1,2})\s+years|(\d{1,2})\s+жылдан\s+кейін")


@dataclass
class Context:
    """What the article has established so far, carried from sentence to sentence."""

    topic: str | None = None
    """The scope named first (in the headline, usually): the article's subject."""
    scope: str | None = None
    scope_sentence: int = -99
    period: Period | None = None
    parent_direction: str | None = None
    limit_direction: str | None = None
    limit_sentence: int = -99
    scopes_by_sentence: dict[int, list[ScopeMention]] = field(default_factory=dict)


def read_figure(doc: Document, sentence: Sentence, quantity: Quantity, context: Context,
                earlier: list[Quantity]) -> Reading | None:
    """The fact a figure states, or None when it states none we report."""
    if quantity.unit is None and not _borrow_unit(doc, sentence, quantity, earlier):
        return None
    if quantity.role == "upper":
        return None
    metric = metric_of(doc, sentence, quantity)
    if metric is None or quantity.value <= 0:
        return None
    if quantity.role == "old" and metric not in _KEEPS_OLD_VALUE:
        return None
    if not is_fact(doc, sentence, quantity, metric):
        return None
    mentions = context.scopes_by_sentence.get(sentence.index, [])
    scope, _ = scopes.scope_for(doc, mentions, sentence, quantity.start, context.topic, context.scope)
    if scope is None:
        return None
    period = None if metric in NO_PERIOD else period_for(doc, sentence, quantity, context, metric)
    if quantity.ordinal and (period is None or period[0] == period[1]):
        return None  # "the 1000th train" without the span it was counted over
    if metric == "trains" and period is not None and period[0] == period[1]:
        metric = "trains_per_day"  # "on 9 July, 26 trains were handed over": a day's count
    if scopes.is_monitored(scope) and not plausible(metric, quantity.value, period):
        return None
    direction = direction_for(doc, sentence, quantity.start)
    if direction is None and (sentence.is_list_item or doc.has("anaphora", sentence.start, quantity.start)):
        direction = context.parent_direction
    if metric == "train_limit_per_day":
        if direction is None and context.limit_sentence >= sentence.index - 2:
            direction = context.limit_direction  # "At the Dostyk crossing, 28 daily trains will be allowed"
        context.limit_direction, context.limit_sentence = direction, sentence.index
    effective = effective_in(doc, sentence, quantity.start) if metric in _DATED and quantity.role != "old" else None
    if effective is None and metric == "capacity_tonnes_per_year" and quantity.role != "old":
        effective = _commissioned_before(doc, sentence, quantity.start)
    return Reading(metric, round(quantity.value, 4), scope, direction or "total", period, effective,
                   doc.text[sentence.start:sentence.end], sentence.start, sentence.end, quantity.start, quantity.role)


def _borrow_unit(doc: Document, sentence: Sentence, quantity: Quantity, earlier: list[Quantity]) -> bool:
    """A figure whose unit stands elsewhere: the total before it ("1 820 поездов, в том
    числе через Достык – 1 050") or a count noun ("количество поездов превысило 8 000")."""
    total = ellipsis_unit(doc, sentence, quantity, earlier)
    if total is not None and total.unit is not None:
        quantity.unit, quantity.borrowed = total.unit, True  # (a daily rate's "and up to 18 via Altynkol" too)
        if quantity.multiplier == 1.0 and quantity.number < total.number:
            quantity.multiplier = total.multiplier
        return True
    kind = count_noun_unit(doc, sentence, quantity) or _header_unit(doc, sentence, quantity)
    if kind is None:
        return False
    quantity.unit = Unit(kind)
    quantity.borrowed = True
    return True


_HEADER_COUNT = re.compile(r"(?<!\w)(?:(?P<trains>поезд\w*|состав\w*|trains|пойыз\w*)|"
                           r"(?P<wagons>вагон\w*|wagons|railcars))(?!\w)[^:]{0,60}:\s*$")
_ITEM_END = re.compile(r"\s*[;.,]?\s*$")
_LIST_REACH = 6


def _header_unit(doc: Document, sentence: Sentence, quantity: Quantity) -> str | None:
    """"Передано поездов через переходы:" then "– в Китай – 7 412;": a bare number closing a
    list item counts what the list's header line names."""
    if not sentence.is_list_item or not _ITEM_END.fullmatch(doc.normalized, quantity.end, sentence.end):
        return None
    index = sentence.index - 1
    while index >= max(0, sentence.index - _LIST_REACH) and doc.sentences[index].is_list_item:
        index -= 1
    if index < 0:
        return None
    header = doc.sentences[index]
    match = _HEADER_COUNT.search(doc.normalized, header.start, header.end)
    if match is None:
        return None
    return "trains" if match.group("trains") else "wagons"


# --- period ----------------------------------------------------------------------------------

def period_for(doc: Document, sentence: Sentence, quantity: Quantity, context: Context,
               metric: str | None = None) -> Period | None:
    """The period in the figure's clause (before it, then after it), else in its sentence,
    else the one the article set last (not for a daily rate as it stands now), else the year
    after a compared-with year."""
    mentions = [m for m in doc.periods_in(sentence.start, sentence.end)
                if m.period is not None and not m.comparison and not m.as_of]
    if quantity.ordinal:
        milestone = _milestone(mentions, doc.reference)
        if milestone is not None:
            return milestone
    later = _years_later(doc, sentence)
    if later is not None:
        return later
    start, end = doc.clause(sentence, quantity.start)
    span = None
    if "closure_span" in doc.sentence_tags[sentence.index]:
        span = doc.last("closure_span", start, end) or doc.last("closure_span", sentence.start,
                                                                  min(sentence.start + _OPENING, quantity.start))
    if span is not None:
        closure = _closure_period(doc, sentence, span.start)
        if closure is not None:
            return closure
    in_clause = [m for m in mentions if start <= m.start < end]
    # a range of days elsewhere in the sentence is a closure's or a schedule's, unless it opens
    # a sentence that stops nothing as its time frame ("Between March 10-16, the port handled 160 trains")
    opens = "closure" not in doc.sentence_tags[sentence.index]
    elsewhere = [m for m in mentions if not start <= m.start < end
                 and (m.kind != "day_range" or (opens and m.start - sentence.start <= _OPENING))]
    clause_before = [m for m in in_clause if m.start < quantity.start]
    clause_after = [m for m in in_clause if m.start > quantity.start]
    if clause_before and not (clause_before[-1].kind == "relative_week" and clause_after):
        # "Last week KTZ said 1,480 trains crossed in November": the week dates the report
        return clause_before[-1].period
    if clause_after:
        return clause_after[0].period
    before = [m for m in elsewhere if m.start < quantity.start]
    if before:
        return before[-1].period
    after = [m for m in elsewhere if m.start > quantity.start]
    if after:
        return after[0].period
    if "first_day" in doc.sentence_tags[sentence.index]:
        return _first_day(doc, sentence, quantity.start)
    if metric == "trains_per_day" and not doc.sentence_tags[sentence.index].isdisjoint(_NOW):
        return None  # "За 11 месяцев ... 6 412 поездов." then "Сейчас передаём 18 поездов в сутки"
    if context.period is not None:
        return context.period
    return _after_compared_year(doc, sentence)


_FIRST_DAY_REACH = 3
"""How many sentences back the start a "first day" refers to is looked for."""


def _first_day(doc: Document, sentence: Sentence, offset: int) -> Period | None:
    """"С 1 июля возобновлён приём зерна ... В первый же день отправлено 9 поездов": the day
    the latest start named just before (a resumption over a recalled suspension), not the
    year around it; None when no start is named (the figure then has no period)."""
    since = doc.sentences[max(0, sentence.index - _FIRST_DAY_REACH)].start
    days = [day for at, day in doc.effective if since <= at < offset]
    days += [m.starts for m in doc.periods_in(since, offset)  # "resumed on 1 July"
             if m.kind == "day" and m.starts is not None and not m.comparison and not m.as_of]
    days = [day for day in days if doc.reference is None or day <= doc.reference]
    if not days:
        return None
    day = max(days)
    return day, day


_ITS = re.compile(r"\W{0,3}(?:его|ее|её|их|its|their|оның|олардың)\s")
_WITH_COMMISSIONING = re.compile(
    r"(?<!\w)(?:(?:с|после)\s+(?:вводом|ввода|запуском|запуска|открытием|открытия)|"
    r"(?:with|after|following)\s+the\s+(?:commissioning|launch|opening)|"
    r"with\s+the\s+new\s+[\w-]+(?:\s+[\w-]+)?\s+(?:in\s+service|in\s+operation|operational)|"
    r"(?:іске\s+қосылу|пайдалануға\s+берілу|ашылу)(?:ымен|ыменен|імен|ынан\s+кейін|інен\s+кейін))")
_COMMISSIONING_REACH = 2


def _commissioned_before(doc: Document, sentence: Sentence, offset: int) -> date | None:
    """"The terminal opened on 7 November. ... Its design capacity is 5 Mt a year", "put into
    service on 18 March. With the new yard in service, capacity rose to 27 Mt": a capacity
    that refers back to a commissioning applies from its day. Not without that reference."""
    text = doc.normalized
    if not (_ITS.match(text, sentence.start) or _WITH_COMMISSIONING.search(text, sentence.start, offset)):
        return None
    for index in range(sentence.index - 1, max(-1, sentence.index - 1 - _COMMISSIONING_REACH), -1):
        candidate = doc.sentences[index]
        if "in_service" not in doc.sentence_tags[index]:
            continue
        days = [m.starts for m in doc.periods_in(candidate.start, candidate.end)
                if m.kind == "day" and m.starts is not None and not m.as_of and not m.comparison]
        if days:
            return days[0]
    return None


_COUNT_BEFORE = re.compile(r"(?<!\w)(\d{1,2}|[a-zа-яәіңғүұқөһ]+)\s+$")
_CLOSURE_REACH = 3
"""How many sentences back the dates of a closure a figure refers to are looked for."""


def _closure_period(doc: Document, sentence: Sentence, at: int) -> Period | None:
    """"closed since 14 May ... 22 trains a day during the four days of the closure": the
    closure's days, from its dates (a range, else its first day and the count of days or the
    day before the reopening)."""
    first: date | None = None
    reopened: date | None = None
    for candidate in doc.sentences[max(0, sentence.index - _CLOSURE_REACH):sentence.index + 1]:
        tags = doc.sentence_tags[candidate.index]
        days = [m for m in doc.periods_in(candidate.start, min(candidate.end, at))
                if m.kind in _DAY_KINDS and m.period is not None and not m.comparison and not m.as_of]
        if not days:
            continue
        if "closure" in tags:
            ranges = [m.period for m in days if m.kind == "day_range" and m.period is not None]
            if ranges:
                return ranges[-1]
            assert days[0].period is not None
            first = days[0].period[0]
            if "reopening" in tags and len(days) > 1 and days[-1].period is not None:
                reopened = days[-1].period[0]  # "closed on 14 May and reopened on 18 May"
        elif "reopening" in tags and days[-1].period is not None:
            reopened = days[-1].period[0]
    count_match = _COUNT_BEFORE.search(doc.normalized, max(0, at - 16), at)
    count = 0
    if count_match is not None:
        word = count_match.group(1)
        count = int(word) if word.isdigit() else COUNT_WORDS.get(word, 0)
    if first is not None and count:
        return first, first + timedelta(days=count - 1)
    if first is not None and reopened is not None and reopened > first:
        return first, reopened - timedelta(days=1)
    if reopened is not None and count:
        return reopened - timedelta(days=count), reopened - timedelta(days=1)
    return None


def sentence_period(doc: Document, sentence: Sentence) -> Period | None:
    """The period a sentence sets for those after it (never a single day)."""
    found = [m for m in doc.periods_in(sentence.start, sentence.end)
             if m.period is not None and not m.comparison and not m.as_of and m.kind not in _DAY_KINDS]
    return found[-1].period if found else None


def _milestone(mentions: list[PeriodMention], reference: date | None) -> Period | None:
    """"14 February ... its 1000th train in 2026": from the year's start to that day."""
    days = [m for m in mentions if m.kind == "day" and m.starts is not None]
    if not days:
        return None
    day = days[0].starts
    assert day is not None
    years = [m.period[0].year for m in mentions if m.kind == "year" and m.period is not None]
    year = years[0] if years else day.year
    if day.year != year:
        return None
    return date(year, 1, 1), day


def _years_later(doc: Document, sentence: Sentence) -> Period | None:
    """"в 2013 году (17 751 000 тонн). И спустя 11 лет ...": the year 11 years after."""
    if "later" not in doc.sentence_tags[sentence.index]:
        return None
    key = ("years_later", sentence.index)  # the same answer for every figure of the sentence
    if key not in doc.memo:
        doc.memo[key] = _years_later_in(doc, sentence)
    later: Period | None = doc.memo[key]
    return later


def _years_later_in(doc: Document, sentence: Sentence) -> Period | None:
    match = _YEARS_LATER.search(doc.normalized, sentence.start, sentence.end)
    if match is None:
        return None
    years = int(next(g for g in match.groups() if g))
    for candidate in reversed(doc.sentences[max(0, sentence.index - 2):sentence.index + 1]):
        found = [m for m in doc.periods_in(candidate.start, min(candidate.end, match.start()))
                 if m.kind == "year" and m.period is not None]
        if found:
            assert found[-1].period is not None
            year = found[-1].period[0].year + years
            return date(year, 1, 1), date(year, 12, 31)
    return None


def _after_compared_year(doc: Document, sentence: Sentence) -> Period | None:
    """"grew by 22% compared to 2022", "2023 жылдан 13 пайызға артқан": the figure is for the
    year after (not after "since 2016", which starts a running total)."""
    for candidate in (sentence, doc.sentences[sentence.index - 1] if sentence.index > 0 else None):
        if candidate is None:
            continue
        years = [m for m in doc.periods_in(candidate.start, candidate.end)
                 if m.comparison and m.kind == "year" and m.period is not None
                 and (doc.has("compared", m.start - 45, m.start) or doc.normalized.endswith("дан", m.start, m.end))]
        if years:
            assert years[-1].period is not None
            year = years[-1].period[0].year + 1
            if doc.reference is None or year <= doc.reference.year:
                return date(year, 1, 1), date(year, 12, 31)
    return None
