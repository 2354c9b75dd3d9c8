"""Finding figures: every number with its unit, and its role in "from X to Y" or "X–Y".

A figure's role decides what is reported: the new value of a change ("с 14 до 10"),
the lower bound of a range ("12–14 hours"), the old value of a change (kept only for
limits, capacities and times, where it is still a true statement), or a plain value.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass

from worker.extractor.numbers import (
    MULTIPLIER,
    NUMBER,
    WORD_NUMBER,
    Unit,
    multiplier_value,
    parse_digits,
    unit_at,
    word_value,
)


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    """Offsets of the number (with its multiplier and unit when they follow it)."""
    number: float
    multiplier: float
    unit: Unit | None
    unit_span: tuple[int, int] | None
    role: str = "value"
    """value, new (of a change), lower (of a range), old (of a change), upper (of a range)"""
    ordinal: bool = False

    @property
    def value(self) -> float:
        scale = self.unit.scale if self.unit else 1.0
        return self.number * self.multiplier * scale


_ORDINAL = re.compile(r"-?(?:й|ый|ой|ий|го|th|st|nd|rd|ші|шы)\b")
_RANGE_JOIN = re.compile(r"\s*(?:-|или|or)\s*$")
_TO_JOIN = re.compile(
    r"\s*(?:до|to|по|through)\s*(?:just|only|всего|лишь|about|около|примерно|almost|nearly|over|more than)?\s*$")
_FROM = re.compile(r"(?<!\w)(?:с|со|from|from\s+to|from\s+about|from\s+around|from\s+some|since)\s*$")


def scan(normalized: str, language: str | None, dates: list[tuple[int, int]] = ()) -> list[Quantity]:  # type: ignore[assignment]
    """Every number outside ``dates`` (years, days); one without a unit borrows its range
    or change partner's, or keeps none (the caller may find its unit before it:
    "количество поездов ... 8 000")."""
    starts = [start for start, _ in dates]  # sorted, non-overlapping
    tokens = [q for q in _number_tokens(normalized, language) if not _inside(q.start, dates, starts)]
    groups = _range_groups(normalized, tokens)
    for first, second in itertools.pairwise(groups):
        gap = normalized[_group_end(first):second[0].start]
        if not _TO_JOIN.fullmatch(gap):
            continue
        _share_unit(first, second)
        if _FROM.search(normalized[max(0, first[0].start - 16):first[0].start]):
            for q in first:
                q.role = "old" if q.role in ("value", "lower") else q.role
            second[0].role = "new"
        else:
            first[0].role = "lower"
            for q in second:
                q.role = "upper"
    return tokens


def _inside(offset: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect_right(starts, offset) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _range_groups(normalized: str, tokens: list[Quantity]) -> list[list[Quantity]]:
    """Numbers joined by a dash ("12-14", "шести — восьми") form one range."""
    groups: list[list[Quantity]] = []
    for quantity in tokens:
        if groups and _RANGE_JOIN.fullmatch(normalized[groups[-1][-1].end:quantity.start]) \
                and groups[-1][-1].unit is None:
            _share_unit([groups[-1][-1]], [quantity])
            groups[-1][0].role = "lower"
            quantity.role = "upper"
            groups[-1].append(quantity)
        else:
            groups.append([quantity])
    return groups


def _group_end(group: list[Quantity]) -> int:
    last = group[-1]
    return last.end


def _share_unit(first: list[Quantity], second: list[Quantity]) -> None:
    """"с 2-3 дней до 16 часов": each keeps its own unit; a bare number takes its partner's."""
    source = next((q for q in second if q.unit is not None), None)
    if source is None:
        return
    for quantity in first:
        if quantity.unit is None:
            quantity.unit, quantity.unit_span = source.unit, source.unit_span
            if quantity.multiplier == 1.0 and source.multiplier != 1.0:
                quantity.multiplier = source.multiplier


def _number_tokens(normalized: str, language: str | None) -> list[Quantity]:
    found: list[Quantity] = []
    for match in NUMBER.finditer(normalized):
        found.append(_quantity(normalized, match.start(), match.end(), match.group(1), language, digits=True))
    for match in WORD_NUMBER.finditer(normalized):
        found.append(_quantity(normalized, match.start(), match.end(), match.group(1), language, digits=False))
    found.sort(key=lambda q: q.start)
    return found


def _quantity(normalized: str, start: int, end: int, token: str, language: str | None, digits: bool) -> Quantity:
    position = end
    multiplier = 1.0
    mult = MULTIPLIER.match(normalized, position)
    if mult is not None:
        multiplier = multiplier_value(mult.group("mult"))
        position = mult.end()
    if digits:
        mode = "en" if language == "en" and mult is None else "ru"
        number = parse_digits(token, mode) or 0.0
    else:
        number = word_value(token)
    ordinal = bool(_ORDINAL.match(normalized, position))
    found = unit_at(normalized, position)
    if found is None:
        return Quantity(start, position, number, multiplier, None, None, ordinal=ordinal)
    unit, unit_start, unit_end = found
    return Quantity(start, unit_end, number, multiplier, unit, (unit_start, unit_end), ordinal=ordinal)
