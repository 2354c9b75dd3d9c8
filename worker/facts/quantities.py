"""Figures in the text: a number, its multiplier and its unit, and its role in a pair.

"22,2 млн тонн", "8 165 грузовых поездов", "15 daily trains", "14,9 мың ЖФЕ",
"шести — восьми часов". A figure's role decides what is reported: the new value of a
change ("с 14 до 10": the 10), the lower bound of a range ("12–14 hours": the 12), the
old value of a change (still true for limits, capacities and times), or a plain value.
Percentages and "N times" are kept apart: they are changes, not figures.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from worker.facts.numbers import (
    AFTER_NUMBER,
    NUMBER,
    compound_word_value,
    multiplier_value,
    parse_number,
    word_value,
)


@dataclass(frozen=True, slots=True)
class Unit:
    kind: str
    """tonnes, teu, trains, wagons, hours"""
    scale: float = 1.0
    """Minutes and days are stored as hours."""
    annual: bool = False
    """"tonnes per year": a capacity."""


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    """Offsets of the number with its multiplier and unit."""
    number: float
    multiplier: float
    unit: Unit | None
    unit_start: int
    """Where the unit word starts (``end`` when there is none)."""
    digits: bool
    """Written with digits (a number word is trusted only for times and daily trains)."""
    ordinal: bool = False
    borrowed: bool = False
    """The unit stands elsewhere ("количество поездов ... превысило 8 000")."""
    role: str = "value"
    """value, new (of a change), old (of a change), lower or upper (of a range)"""

    @property
    def value(self) -> float:
        return self.number * self.multiplier * (self.unit.scale if self.unit else 1.0)


class Change(NamedTuple):
    """A percentage or a factor next to a number: "+4,3%", "в 4 раза"."""

    start: int
    end: int
    value: float
    times: bool


# Words that may stand between a number and its unit ("8 165 грузовых поездов",
# "7,000 China-Europe trains", "100-ден астам контейнерлік пойыз"), never prepositions.
# Nor a count noun of its own ("117 маршрутов поездов" counts routes, not trains). Two
# qualifiers may be joined by "and" ("4,600 inbound and outbound trains").
_FILLER_WORD = (r"(?:\s+(?!(?:в|на|и|до|с|по|за|из|от|не|to|and|or|from|of|in|per|by|than|mm|km|kg|cm|мм|км|кг|см|м|m)"
                r"(?![a-zа-яәғқңөұүһі]))(?!(?:маршрут(?:ов|а|ы)?|routes?|стран[ы]?|countries|видов|types?|categories|"
                r"категори[йия]|наименовани[йя]|городов|cities|направлени[йя]|сотрудник(?:ов|а)?|employees|"
                r"рейсов|trips)(?![a-zа-яәғқңөұүһі'\-]))[a-zа-яәғқңөұүһі'\-]{2,}(?![a-zа-яәғқңөұүһі])"
                # a route written with spaced dashes: "8 412 Қытай – Еуропа – Қытай контейнерлік пойызы"
                r"(?:\s+-\s+[a-zа-яәғқңөұүһі']{2,}(?![a-zа-яәғқңөұүһі]))*)")
_FILLER = rf"(?:{_FILLER_WORD}{{0,3}}?(?:\s+(?:and|и){_FILLER_WORD}{{1,3}}?)?)"
_PER_YEAR = (r"(?:\s*(?:/|в|per|a|за)\s*(?:год|year|annum|yr)(?!\w)|\s+жылына|\s+annually|\s+ежегодно"
             r"|\s+годовых)")
UNIT = re.compile(
    r"(?:-?(?:й|ый|ой|ий|го|ти|th|st|nd|rd|ші|шы|ден|дан|нан|нен|тан|тен)(?!\w))?"  # 1000-й, 100-ден
    + _FILLER + r"\s*(?:\(\s*)?(?P<unit>"
    r"(?P<tonnes>тонн\w*|tonnes?(?!\w)|tons?(?!\w)|metric\s+tons(?!\w))(?P<annual>" + _PER_YEAR + r")?"
    r"|(?P<megatonnes>mt(?!\w))(?P<mt_annual>" + _PER_YEAR + r")?"
    r"|(?P<teu>teus?(?!\w)|дфэ|дфе|жфэ|жфе|twenty-foot\s+equivalent\s+units?"
    r"|контейнер\w*\s+(?:в\s+)?(?:дфэ|дфе|20-футов\w*\s+эквивалент\w*))"
    r"|(?P<trains>поезд\w*|состав(?:а|ов|ы)?(?!\w)|trains?(?!\w)|пойыз\w*|құрам\w*|пар(?:ы|ам)?\s+поезд\w*"
    r"|pairs?\s+of\s+trains)"
    r"|(?P<wagons>вагон\w*|railcars?(?!\w)|wagons?(?!\w)|railway\s+cars(?!\w)|rail\s+cars(?!\w))"
    r"|(?P<hours>час(?:а|ов)?(?!\w)|hours?(?!\w)|hrs?(?!\w)|сағат\w*)"
    r"|(?P<minutes>минут\w*|мин(?!\w)|minutes?(?!\w)|mins?(?!\w))"
    r"|(?P<days>дн(?:я|ей)(?!\w)|день(?!\w)|суток(?!\w)|сутки(?!\w)|days?(?!\w)|күн\w*|тәулік\w*)"
    r")"
)
# One-letter units ("22 млн т", "18 mln.t", "16 ч") only right after the number.
SHORT_UNIT = re.compile(r"\s*(?:(?P<tonnes>т|t)(?![a-zа-яәғқңөұүһі.])|(?P<tonnes2>т|t)\.(?!\s*[a-zа-я]\.)"
                        r"|(?P<hours>ч)(?![а-я]))")
_KINDS = ("tonnes", "megatonnes", "teu", "trains", "wagons", "hours", "minutes", "days")
_SCALE = {"minutes": 1 / 60, "days": 24.0, "megatonnes": 1e6}
_BASE = {"minutes": "hours", "days": "hours", "megatonnes": "tonnes"}
_ORDINAL = re.compile(r"-?(?:й|ый|ой|ий|го|th|st|nd|rd|ші|шы)(?!\w)")


def unit_at(normalized: str, position: int) -> tuple[Unit, int, int] | None:
    """The unit right after ``position`` (fillers allowed): (unit, unit start, unit end)."""
    short = SHORT_UNIT.match(normalized, position)
    if short is not None:
        if short.group("hours"):
            return Unit("hours"), short.start("hours"), short.end()
        group = "tonnes" if short.group("tonnes") else "tonnes2"
        return Unit("tonnes"), short.start(group), short.end()
    match = UNIT.match(normalized, position)
    if match is None:
        return None
    for kind in _KINDS:
        if match.group(kind):
            annual = bool(match.group("annual") or match.group("mt_annual"))
            return Unit(_BASE.get(kind, kind), _SCALE.get(kind, 1.0), annual), match.start("unit"), match.end()
    return None


class Token(NamedTuple):
    """A number found in the text, before its unit is looked for."""

    start: int
    end: int
    text: str
    digits: bool


def number_tokens(normalized: str, word_spans: Sequence[tuple[int, int]]) -> list[Token]:
    """Numbers written with digits, and the number words the vocabulary found."""
    new = tuple.__new__  # (a NamedTuple's own ``__new__`` is a Python call per token)
    found = [new(Token, (*m.span(), m.group(), True)) for m in NUMBER.finditer(normalized)]
    found += _joined_words(normalized, word_spans)
    found.sort()
    return found


_WORD_GAP = re.compile(r"\s*-\s*|\s+")


def _joined_words(normalized: str, word_spans: Sequence[tuple[int, int]]) -> list[Token]:
    """Number words as tokens, a ten and the unit after it ("тридцать три") joined into one."""
    tokens: list[Token] = []
    index = 0
    while index < len(word_spans):
        start, end = word_spans[index]
        if index + 1 < len(word_spans):
            next_start, next_end = word_spans[index + 1]
            if _WORD_GAP.fullmatch(normalized, end, next_start) and compound_word_value(
                    normalized[start:end], normalized[next_start:next_end]) is not None:
                tokens.append(Token(start, next_end, normalized[start:next_end], False))
                index += 2
                continue
        tokens.append(Token(start, end, normalized[start:end], False))
        index += 1
    return tokens


def read_quantities(normalized: str, tokens: Sequence[Token], english: bool) -> tuple[list[Quantity], list[Change]]:
    """Each token as a figure (with or without a unit) or as a change (% or times)."""
    quantities: list[Quantity] = []
    changes: list[Change] = []
    halves = "половин" in normalized or "half" in normalized or "жарым" in normalized  # (rare: test once)
    for token in tokens:
        position = token.end
        half = _HALF.match(normalized, position) if halves else None
        if half is not None:
            position = half.end()
        after = AFTER_NUMBER.match(normalized, position)
        multiplier = 1.0
        if after is not None:
            kind = after.lastgroup
            if kind in ("pct", "times"):
                number = _number_of(token, english, False)
                if number is not None:
                    changes.append(Change(token.start, after.end(), number, kind == "times"))
                continue
            multiplier = multiplier_value(after.group(kind or "m"))
            position = after.end()
        number = _number_of(token, english, after is not None)
        if number is None:
            continue
        if half is not None:
            number += 0.5
        found = unit_at(normalized, position)
        if found is None:
            ordinal = _ORDINAL.match(normalized, position) is not None
            quantities.append(Quantity(token.start, position, number, multiplier, None, position, token.digits,
                                       ordinal))
        else:
            unit, unit_start, unit_end = found
            ordinal = _ORDINAL.match(normalized, position) is not None
            quantities.append(Quantity(token.start, unit_end, number, multiplier, unit, unit_start, token.digits,
                                       ordinal))
    _assign_roles(normalized, quantities)
    _borrow_units(normalized, quantities)
    return quantities, changes


# --- a unit that stands elsewhere ----------------------------------------------------------
# "more than", "about", "почти" ... between a marker and its number
_ROUGHLY = r"(?:(?:more\s+than|over|about|almost|nearly|around|около|более|свыше|почти|порядка)\s+)?"
# "3 118 пойыз өтті, оның 1 342-сі Қытайға жөнелтілді": a Kazakh possessive on a number
# ("-сі", "-ы", "-сына") makes it a part of what was counted before it.
_KAZAKH_PART = re.compile(r"-с?[ыі](?:н(?:а|е|ан|ен|да|де|ың|ің)?)?(?!\w)")
# "пойыздар саны 3 118-ге жетті", "вагондардың 14 870-і": the count noun right before a
# number with a Kazakh case ending.
_KAZAKH_CASE = re.compile(r"-(?:с?[ыі]\w{0,3}|[гкғқ][еа]|[дтн][еа]н?)(?!\w)")
_NOUN_BEFORE = re.compile(r"(?<!\w)(?P<unit>пойыз\w*|вагон\w*|контейнер\w*)\s+(?:(?:саны|көлемі)\s+)?$")
# "12 880 trains, including 6,720 handed over to China", "421,300, of which 224,900 to China":
# a bare number right after "including" is a part of the figure before it ...
_PART_WORD = re.compile(r"(?<!\w)(?:including|of\s+which|of\s+them|of\s+these|в\s+том\s+числе|в\s+т\.\s?ч\.|"
                        r"из\s+них|из\s+которых|оның\s+ішінде|соның\s+ішінде|оның)\s*" + _ROUGHLY + "$")
# ... and so is the next bare number joined to that part ("... to China and 196,400 from China").
_PART_JOIN = re.compile(r"[^\d\n]{0,40}?(?:,|and|while|и|а|мен|және)\s*$")
# What may follow such a part: a preposition or verb, never a noun of its own ("including
# 2 new terminals" counts terminals).
_PART_TAIL = re.compile(r"\s*(?:$|[,;:.)(]|-|(?:to|from|into|via|through|at|were|was|had|have|went|passed|handed|"
                        r"sent|moved|arrived|came|left|departed|entered|crossed|headed|bound|carried|в|из|на|с|через|"
                        r"по|были|было|пришл\w*|приходи\w*|прошл\w*|прибыл\w*|ушл\w*|пошл\w*|направ\w*|отправ\w*|"
                        r"сдан\w*|сдав\w*|переда\w*|приня\w*|принима\w*|следова\w*|поступи\w*|вывез\w*|"
                        r"ввез\w*)(?!\w))")
# ... and a bare number joined to a figure with a unit, with a verb of its own, is its parallel:
# "5,927 trains went to China and 5,357 came from China", "... и 531 были приняты".
_PARALLEL_TAIL = re.compile(r"\s+(?:were|was|had|went|passed|came|arrived|left|departed|entered|crossed|headed|moved|"
                            r"были|было|пришл\w*|прошл\w*|прибыл\w*|ушл\w*|сдан\w*|переда\w*|приня\w*|"
                            r"отправ\w*|поступи\w*)(?!\w)")
_BOUNDARY = re.compile(r"\.\s|[!?\n]")
# "- freight trains: 12,880", "Вагоны – 421 300": the unit in a line's label before the number.
_LABEL = re.compile(r"\s*(?:[-•*·▪●–—]\s*|\d{1,2}[.)]\s*)?(?P<label>[^\d:\n]{2,70}?)\s*(?::|-)\s*" + _ROUGHLY)
LABEL_UNIT = re.compile(r"(?<!\w)(?:(?P<m>млрд|млн|million|mln|тыс|thousand|мың)\.?\s+)?"
                         r"(?P<unit>поезд\w*|состав(?:а|ов|ы)?|trains?|пойыз\w*|вагон\w*|railcars?|wagons?|"
                         r"тонн\w*|tonnes?|tons?|teus?|дфэ|жфе|час(?:а|ов)?|hours?|сағат\w*|т|t)(?!\w)")
"""A unit named without a number ("млн тонн", "freight trains", "тыс. TEU"); a bare "т" counts only
after a multiplier ("млн т")."""


def label_unit(normalized: str, start: int, end: int) -> tuple[Unit, float] | None:
    """The last unit a label or caption names, with its multiplier: "Вагоны" -> wagons,
    "январь – июнь, млн тонн" -> (tonnes, 1e6)."""
    for match in reversed(list(LABEL_UNIT.finditer(normalized, start, end))):
        multiplier = match.group("m")
        if match.group("unit") in ("т", "t") and not multiplier:
            continue
        found = unit_at(normalized, match.start("unit"))
        if found is not None:
            return found[0], multiplier_value(multiplier) if multiplier else 1.0
    return None


def _borrow_units(normalized: str, quantities: list[Quantity]) -> None:
    """A bare number whose unit the text gives elsewhere: the total it is a part of, the
    Kazakh count noun before it, or the label of its line."""
    if all(q.unit is not None or not q.digits for q in quantities):
        return  # every figure has its own unit: nothing to borrow
    last: Quantity | None = None
    """The last figure with a unit, while no sentence has ended since."""
    total: Quantity | None = None
    """The figure the parts read so far belong to."""
    for quantity in quantities:
        if quantity.unit is not None:
            last, total = quantity, None
            continue
        if not quantity.digits or quantity.ordinal:
            continue
        if last is not None and _BOUNDARY.search(normalized, last.end, quantity.start):
            last = total = None  # (looked for only here: most figures have their own unit)
        source = _part_of(normalized, quantity, last, total)
        if source is not None:
            _take_unit(quantity, source)
            total = source
            last = quantity
            continue
        if _KAZAKH_CASE.match(normalized, quantity.end):
            noun = _NOUN_BEFORE.search(normalized, max(0, quantity.start - 40), quantity.start)
            found = unit_at(normalized, noun.start("unit")) if noun else None
            if found is not None:
                quantity.unit, quantity.borrowed = found[0], True
                last = quantity
            continue
        _label_unit(normalized, quantity)
        if quantity.unit is not None:
            last = quantity


def _part_of(normalized: str, quantity: Quantity, last: Quantity | None, total: Quantity | None) -> Quantity | None:
    """The total a bare number is a part of, or None."""
    if last is None or last.unit is None:
        return None
    kazakh = _KAZAKH_PART.match(normalized, quantity.end) is not None
    if not kazakh and not _PART_TAIL.match(normalized, quantity.end):
        return None
    window = max(last.end, quantity.start - 60)
    if total is not None and last.borrowed and _PART_JOIN.fullmatch(normalized, last.end, quantity.start):
        source = total
    elif kazakh or _PART_WORD.search(normalized, window, quantity.start):
        source = total or last
    elif not last.borrowed and _PARALLEL_TAIL.match(normalized, quantity.end) \
            and _PART_JOIN.fullmatch(normalized, last.end, quantity.start):
        return last  # "611 trains were handed over to China and 531 were received from China"
    else:
        return None
    whole = source.number * source.multiplier
    return source if quantity.number * max(quantity.multiplier, 1.0) <= whole or (
        quantity.multiplier == 1.0 and quantity.number < source.number) else None


def _take_unit(quantity: Quantity, source: Quantity) -> None:
    quantity.unit, quantity.borrowed = source.unit, True
    if quantity.multiplier == 1.0 and source.multiplier != 1.0 and quantity.number < source.number:
        quantity.multiplier = source.multiplier  # "2,8 млн тонн, в том числе 1,6 – экспорт"


def _label_unit(normalized: str, quantity: Quantity) -> None:
    line_start = normalized.rfind("\n", 0, quantity.start) + 1
    if quantity.start - line_start > 80 or not _LABEL.fullmatch(normalized, line_start, quantity.start):
        return
    found = label_unit(normalized, line_start, quantity.start)
    if found is None:
        return
    quantity.unit, quantity.borrowed = found[0], True
    if quantity.multiplier == 1.0:
        quantity.multiplier = found[1]


def _number_of(token: Token, english: bool, before_multiplier: bool) -> float | None:
    if token.digits:
        return parse_number(token.text, english, before_multiplier)
    value = word_value(token.text)
    if value is None:
        head, _, tail = _WORD_GAP.sub(" ", token.text).partition(" ")
        value = compound_word_value(head, tail) if tail else None
    return value


# "трёх с половиной часов", "two and a half hours", "үш жарым сағат": a half added to the number.
_HALF = re.compile(r"\s+(?:с\s+половиной|and\s+a\s+half|жарым)(?!\w)")
_RANGE_JOIN = re.compile(r"\s*(?:-|или|or|немесе)\s*")
_TO_JOIN = re.compile(
    r"\s*(?:до|to|по|through)\s*(?:just|only|всего|лишь|about|around|около|примерно|almost|nearly|over|more\s+than|"
    r"свыше|более|почти)?\s*")
_FROM = re.compile(r"(?<!\w)(?:с|со|from|from\s+to|from\s+about|from\s+around|from\s+some|from\s+over|from\s+almost|"
                   r"from\s+nearly|since)\s*$")


def _assign_roles(normalized: str, quantities: list[Quantity]) -> None:
    """"12-14 hours" is a range (the 12 counts); "с 14 до 10 составов" a change (the 10
    counts, the 14 is the old value); "с 2-3 дней до 16 часов" both."""
    groups: list[list[Quantity]] = []
    for quantity in quantities:
        last = groups[-1][-1] if groups else None
        if last is not None and last.unit is None and _RANGE_JOIN.fullmatch(normalized, last.end, quantity.start):
            _share_unit([last], quantity)
            groups[-1].append(quantity)
        else:
            groups.append([quantity])
    for group in groups:
        if len(group) > 1:
            group[0].role = "lower"
            for quantity in group[1:]:
                quantity.role = "upper"
    kazakh = "дейін" in normalized  # (tested once: most texts have no Kazakh "to")
    for first, second in itertools.pairwise(groups):
        if kazakh and _kazakh_change(normalized, first[-1], second[-1], second[0].start):
            _share_unit(first, next((q for q in second if q.unit is not None), second[0]))
            for quantity in first:
                quantity.role = "old" if quantity.role in ("value", "lower") else quantity.role
            second[0].role = "new"
            continue
        if not _TO_JOIN.fullmatch(normalized, first[-1].end, second[0].start):
            continue
        source = next((q for q in second if q.unit is not None), None)
        if source is not None:
            _share_unit(first, source)
        if _FROM.search(normalized, max(0, first[0].start - 16), first[0].start):
            for quantity in first:
                quantity.role = "old" if quantity.role in ("value", "lower") else quantity.role
            second[0].role = "new"
        elif len(first) == 1 and len(second) == 1:
            first[0].role, second[0].role = "lower", "upper"


# "4 сағаттан 2,5 сағатқа дейін", "14-тен 16 пойызға дейін": Kazakh "from X (ablative) to Y (dative) дейін".
_KAZAKH_FROM_END = re.compile(r"(?:дан|ден|тан|тен|нан|нен)$")
_KAZAKH_FROM_GAP = re.compile(r"(?:-?(?:дан|ден|тан|тен|нан|нен))?\s+")
_KAZAKH_UNTIL = re.compile(r"(?:-?(?:ға|ге|қа|ке|на|не|а|е))?\s+дейін(?!\w)")


def _kazakh_change(normalized: str, old: Quantity, new: Quantity, new_start: int) -> bool:
    if _KAZAKH_FROM_GAP.fullmatch(normalized, old.end, new_start) is None \
            or _KAZAKH_UNTIL.match(normalized, new.end) is None:
        return False
    # the ablative is on the number ("14-тен") or on its unit ("4 сағаттан")
    return bool(normalized[old.end:new_start].strip()) \
        or _KAZAKH_FROM_END.search(normalized, old.start, old.end) is not None


def _share_unit(first: list[Quantity], source: Quantity) -> None:
    """A bare number takes its partner's unit (and multiplier): "from 28 million to 48 million
    tonnes/year", "от 5 до 10 суток"; a number with its own unit keeps it."""
    if source.unit is None:
        return
    for quantity in first:
        if quantity.unit is None:
            quantity.unit = source.unit
            if quantity.multiplier == 1.0 and source.multiplier != 1.0:
                quantity.multiplier = source.multiplier
