"""Periods and dates in the text, resolved against the publication date.

"первое полугодие 2025", "январь–май т.г.", "за 5 месяцев", "in January", "24 days of
January", "H1", "9M", "last year", "в 2023 году", "on July 9", "өткен жылы", "2024 жылдың
9 айында". Each mention grows from an anchor the vocabulary found (a month, "half",
"месяц", "last year", ...) or from a year written in digits, by looking just around
it. A period named as the comparison ("compared to 2022", "аналогичного периода 2024
года", "2023 жылдан") is marked so, and is not the period of a figure.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from worker.facts.lexicon import Cue
from worker.facts.model import Period
from worker.facts.quantities import UNIT, Token

_MONTHS = {
    1: ("январ*", "january", "jan", "қаңтар*"), 2: ("феврал*", "february", "feb", "ақпан*"),
    3: ("март*", "march", "mar", "наурыз*"), 4: ("апрел*", "april", "apr", "сәуір*"),
    5: ("май", "мая", "мае", "маю", "may", "мамыр*"), 6: ("июн*", "june", "jun", "маусым*"),
    7: ("июл*", "july", "jul", "шілде*"), 8: ("август*", "august", "aug", "тамыз*"),
    9: ("сентябр*", "september", "sep", "sept", "қыркүйек*"), 10: ("октябр*", "october", "oct", "қазан*"),
    11: ("ноябр*", "november", "nov", "қараша*"), 12: ("декабр*", "december", "dec", "желтоқсан*"),
}
PERIOD_TERMS: dict[str, tuple[str, ...]] = {
    **{f"month:{n}": forms for n, forms in _MONTHS.items()},
    "half": ("полугоди*", "half", "жартыжылды*", "жарты жыл*"),
    "half:1": ("h1", "1h"), "half:2": ("h2", "2h"),
    "quarter": ("квартал*", "quarter", "тоқсан*"),
    **{f"quarter:{n}": (f"q{n}", f"{n}q") for n in range(1, 5)},
    "months": ("месяц*", "months", "мес", "айда", "айында", "ай", "айдың", "айлар*"),
    **{f"mcount:{n}": (f"{n}m", f"{n}м", f"{n}mo") for n in range(1, 13)},
    "ytd": ("с начала года", "с начала текущего года", "с начала этого года", "с начала нынешнего года",
            "since the beginning of the year", "since the start of the year", "since the beginning of this year",
            "since the start of this year", "from the beginning of the year", "from the start of the year",
            "year-to-date", "ytd", "so far this year", "жыл басынан бері", "жылдың басынан бері",
            "биылғы жылдың басынан бері"),
    "ytd_year": ("с начала", "since the beginning of", "since the start of", "from the beginning of"),
    "yearago": ("a year earlier", "a year ago", "год назад", "годом ранее", "годом раньше", "year earlier"),
    "relyear:-1": ("в прошлом году", "прошлого года", "прошлом году", "за прошлый год", "прошлый год",
                   "last year", "last year's", "previous year", "the previous year",
                   "в минувшем году", "минувшего года", "за минувший год",
                   "в прошедшем году", "прошедшего года", "өткен жылы", "өткен жылғы", "өткен жыл", "былтыр*"),
    "relyear:0": ("в этом году", "этого года", "текущего года", "в текущем году", "текущем году", "this year",
                  "this year's", "т.г.", "т. г.", "т.г", "с.г.", "сего года", "нынешнего года", "в нынешнем году",
                  "биыл*", "осы жылы", "ағымдағы жыл*"),
    "relyear:end": ("по итогам года", "по итогам прошлого года", "at the end of the year", "by the end of the year"),
    "relmonth:-1": ("в прошлом месяце", "прошлого месяца", "last month", "өткен айда"),
    "relmonth:0": ("в этом месяце", "this month", "текущего месяца"),
    "later": ("спустя", "через", "later", "after", "кейін"),  # "спустя 11 лет": counted from a year before
}
_COUNT_WORDS = {
    "два": 2, "двух": 2, "two": 2, "екі": 2, "три": 3, "трех": 3, "three": 3, "үш": 3, "четыре": 4, "четырех": 4,
    "four": 4, "төрт": 4, "пять": 5, "пяти": 5, "five": 5, "бес": 5, "шесть": 6, "шести": 6, "six": 6, "алты": 6,
    "семь": 7, "семи": 7, "seven": 7, "жеті": 7, "восемь": 8, "восьми": 8, "eight": 8, "сегіз": 8, "девять": 9,
    "девяти": 9, "nine": 9, "тоғыз": 9, "десять": 10, "десяти": 10, "ten": 10, "он": 10, "одиннадцать": 11,
    "одиннадцати": 11, "eleven": 11, "он бір": 11,
}


class PeriodMention(NamedTuple):
    start: int
    end: int
    kind: str
    """day, day_range, days_of_month, month, month_range, half, quarter, months, ytd, year,
    relative_year, relative_month"""
    period: Period | None
    comparison: bool
    """Named as the comparison or a target ("compared to 2022", "by 2030"), not a figure's period."""
    starts: date | None = None
    """For days and months: the first day, read forward (an effective date "from 1 March")."""
    as_of: bool = False
    """A date stamp, not a period: "по состоянию на 23 марта" (of a running total) or a
    dateline ("Урумчи, 25 марта /Синьхуа/ --", "ASTANA, Jan. 10 (Xinhua) --")."""


_YEAR_AFTER = re.compile(r"\s*,?\s*(?:of\s+|of\s+the\s+year\s+)?((?:19|20)\d\d)(?![\d.,/-]\d)"
                         r"(?:\s*(?:года|году|годом|год|гг?\.?|жыл\w*|year))?")
_YEAR_BEFORE_KK = re.compile(r"((?:19|20)\d\d)\s*(?:ж\.\s*|жыл(?:дың|ғы|ы)\s+)$")
_YEAR_WORD = re.compile(r"\s*(?:года|году|годом|год|гг?\.|г(?!\w)|жыл\w*|year(?!\w))")
_YEAR_PREPOSITION = re.compile(r"(?<!\w)(?:в|во|за|in|for|of|по итогам|итоги|итогам|at the end of|end of|конец|конце|"
                               r"the whole of|all of|throughout|during|the year|calendar)\s*$")
_RANGE_JOIN = re.compile(r"\s*(?:-|по|to|through|till|until|and|и|–)\s*")
_DAY_BEFORE = re.compile(r"(?<![\d.,])(\d{1,2})(?:\s*(?:-|по|to|and|до|и)\s*(\d{1,2}))?(?:-?(?:го|е|th|st|nd|rd|ші|шы))?"
                         r"(?:\s+of)?\s+$")
_DAYS_OF = re.compile(r"(?:first\s+|первые\s+)?(?<![\d.,])(\d{1,2})\s+(?:days?|дн(?:я|ей)|күн\w*)\s+(?:of\s+)?$")
_DAY_AFTER = re.compile(r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d.,]\d|\d)")
_WHICH_BEFORE = re.compile(r"(?<!\w)(перв\w*|втор\w*|трет\w*|четв[её]рт\w*|[1-4]-?(?:[а-яәіқ]{1,3})?|first|second|third|"
                           r"fourth|i{1,3}|iv|бірінші|екінші|үшінші|төртінші|алғашқы)\s+$")
_COUNT_BEFORE = re.compile(r"(?<![\d.,])(\d{1,2}|[а-яa-zәіңғүұқөһ]+(?:\s+бір)?)\s*$")
_WINDOW = re.compile(r"(?<!\w)(?:последн\w*|past|last|recent|previous|предыдущ\w*|соңғы|прошедш\w*|following|next|"
                     r"ближайш\w*|следующ\w*|алдағы)\s+(?:\w+\s+)?$")
_MODAL_MONTH = {"may", "march", "mar", "jan", "dec", "oct", "sep", "aug", "jun", "jul", "apr", "feb", "nov"}
_MONTH_CONTEXT_BEFORE = re.compile(r"(?<!\w)(?:in|of|since|until|by|from|to|early|late|mid|end|beginning|start|"
                                   r"during|through|the|this|last|next|on)\s*-?\s*$")
_COMPARISON = re.compile(
    r"(?<!\w)(?:сравнени\w*\s+с|по\s+сравнению\s+с|аналогичн\w*\s+период\w*|против|чем\s+(?:в|за)?|относительно|"
    r"к\s+уровню|уровн\w*|превыша\w*|показател\w*|compared\s+(?:to|with)|than(?:\s+in)?|against|versus|vs\.?|"
    r"relative\s+to|level\s+of|levels\s+of|the\s+same\s+period\s+(?:of|in|last)|same\s+period)"
    r"\s*(?:the\s+)?(?:same\s+period\s+(?:of|in)\s+)?(?:the\s+)?$")
# "since 2015", "с 2020 года", "over 2024": the base of a change, for years and parts of years only
# (before a day or a month the same words start something: "с 1 марта", "from March").
_COMPARISON_FROM = re.compile(r"(?<!\w)(?:over|from|since|с|со|от|начиная\s+с)\s*(?:the\s+)?$")
_YEARLIKE = frozenset({"year", "relative_year", "half", "quarter", "months", "ytd"})
_ABLATIVE_END = re.compile(r"(?:дан|ден|нан|нен|тан|тен|дағы|дегі)$")
_TARGET = re.compile(r"(?<!\w)(?:к|до|by|until|till|through|in\s+the\s+run-up\s+to|to)\s*(?:the\s+end\s+of\s+)?$")
_KAZAKH_FROM = re.compile(r"(?:-?(?:дан|ден|нан|нен|тан|тен)|\s+бері|\s+деңгей\w*)(?!\w)")
_AS_OF = re.compile(r"(?<!\w)(?:по\s+состоянию\s+на|as\s+of|as\s+at|на)\s*$")


def month_of(tags: frozenset[str]) -> int | None:
    for tag in tags:
        if tag.startswith("month:"):
            return int(tag[6:])
    return None


def _tag_value(tags: frozenset[str], name: str) -> str | None:
    for tag in tags:
        if tag.startswith(name + ":"):
            return tag[len(name) + 1:]
    return None


def find_periods(normalized: str, cues: Sequence[Cue], numbers: Sequence[Token],
                 reference: date | None, exact: bool = True) -> list[PeriodMention]:
    """Every period mention, left to right, none overlapping. ``exact`` is False when the
    reference is only a year inferred from the text: dates without a year take that year."""
    anchors: list[tuple[int, Cue | Token]] = [(c.start, c) for c in cues if not c.tags.isdisjoint(_PERIOD_TAGS)]
    anchors += [(t.start, t) for t in numbers if t.digits and len(t.text) == 4 and t.text[:2] in ("19", "20")
                and t.text.isdigit()]
    anchors.sort(key=_first)
    month_cues = {c.start: c for c in cues if "month" in c.tags}
    found: list[PeriodMention] = []
    taken_until = -1
    for start, anchor in anchors:
        if start < taken_until:
            continue
        if isinstance(anchor, Token):
            mention = _year_mention(normalized, anchor, reference)
        else:
            mention = _cue_mention(normalized, anchor, month_cues, reference, exact)
        if mention is None:
            continue
        if found and mention.start < found[-1].end:
            if mention.start > found[-1].start:
                continue
            found.pop()  # "2024 жылдың 9 айында": the year grew into a longer mention
        if mention.kind == "day" and found and found[-1].kind == "ytd" and found[-1].period is not None \
                and _UP_TO.fullmatch(normalized, found[-1].end, mention.start) and mention.period is not None:
            # "с начала года по 20 июля": the running total up to that day
            ytd = found.pop()
            mention = PeriodMention(ytd.start, mention.end, "ytd", (ytd.period[0], mention.period[1]),  # type: ignore[index]
                                    ytd.comparison)
        found.append(mention)
        taken_until = mention.end
    return found


_UP_TO = re.compile(r"\s*(?:по|до|to|through|until|till)\s*")


_PERIOD_TAGS = frozenset({"month", "half", "quarter", "months", "mcount", "ytd", "ytd_year", "relyear", "relmonth",
                          "yearago"})


def _first(anchor: tuple[int, Cue | Token]) -> int:
    return anchor[0]


def _mention(normalized: str, start: int, end: int, kind: str, period: Period | None,
             starts: date | None = None, comparison: bool = False) -> PeriodMention:
    before = normalized[max(0, start - 45):start]
    comparison = comparison or bool(_COMPARISON.search(before)) or normalized.endswith(("жылдан", "жылмен"), start, end)
    if not comparison and kind in _YEARLIKE:
        comparison = bool(_COMPARISON_FROM.search(before) or _KAZAKH_FROM.match(normalized, end)
                          or _TARGET.search(before))  # "since 2015", "2023 жылдан", "к 2030 году", "by 2027"
    as_of = kind == "day" and bool(_AS_OF.search(before) or _DATELINE.match(normalized, end))
    return PeriodMention(start, end, kind, period, comparison, starts, as_of)


_DATELINE = re.compile(r"\s*(?:[(/][^)/\n]{2,30}[)/])?\s*(?:--|—|-\s+[\w ]{2,25}\.|\s-\s)")


def _year_after(normalized: str, end: int) -> tuple[int | None, int]:
    match = _YEAR_AFTER.match(normalized, end)
    if match is None:
        return None, end
    return int(match.group(1)), match.end()


def _kazakh_year_before(normalized: str, start: int) -> tuple[int | None, int]:
    match = _YEAR_BEFORE_KK.search(normalized, max(0, start - 20), start)
    if match is None:
        return None, start
    return int(match.group(1)), match.start()


def _relative_year_after(normalized: str, end: int, reference: date | None) -> tuple[int | None, int]:
    """"январь–май т.г.", "in January this year", "октябре текущего года"."""
    match = _RELATIVE_AFTER.match(normalized, end)
    if match is None or reference is None:
        return None, end
    word = match.group(1)
    last = any(w in word for w in ("прошл", "last", "previous", "минувш"))
    return reference.year - 1 if last else reference.year, match.end()


_RELATIVE_AFTER = re.compile(r"\s*(?:of\s+)?(т\.\s?г\.?|текущего\s+года|этого\s+года|нынешнего\s+года|this\s+year|"
                             r"прошлого\s+года|минувшего\s+года|last\s+year|the\s+previous\s+year|сего\s+года|с\.г\.)")


def _cue_mention(normalized: str, cue: Cue, month_cues: dict[int, Cue],
                 reference: date | None, exact: bool) -> PeriodMention | None:
    tags = cue.tags
    month = month_of(tags)
    if month is not None:
        return _month_mention(normalized, cue, month, month_cues, reference, exact)
    if "half" in tags or "quarter" in tags:
        return _part_mention(normalized, cue, reference)
    if "months" in tags or "mcount" in tags:
        return _months_mention(normalized, cue, reference)
    if "ytd" in tags or "ytd_year" in tags:
        year, end = _year_after(normalized, cue.end)
        if "ytd_year" in tags and year is None:
            return None
        year = year or (reference.year if reference else None)
        period: Period | None = None
        if year is not None:
            if reference is not None and reference.year == year:
                period = (date(year, 1, 1), reference)
            else:
                period = (date(year, 1, 1), date(year, 12, 31))
        return _mention(normalized, cue.start, end, "ytd", period)
    relative = _tag_value(tags, "relyear") or ("-1" if "yearago" in tags else None)
    if relative is not None:
        period = None
        if reference is not None:
            if relative == "end":
                year = reference.year - 1 if reference.month <= 2 else reference.year
            else:
                year = reference.year + int(relative)
            period = (date(year, 1, 1), date(year, 12, 31))
        return _mention(normalized, cue.start, cue.end, "relative_year", period, comparison="yearago" in tags)
    relative = _tag_value(tags, "relmonth")
    if relative is not None and reference is not None:
        first = date(reference.year, reference.month, 1)
        if relative == "-1":
            first = (first - timedelta(days=1)).replace(day=1)
        return _mention(normalized, cue.start, cue.end, "relative_month", (first, _month_end(first.year, first.month)))
    return None


def _month_mention(normalized: str, cue: Cue, month: int, month_cues: dict[int, Cue],
                   reference: date | None, exact: bool) -> PeriodMention | None:
    word = normalized[cue.start:cue.end]
    start, end = cue.start, cue.end
    # a second month right after: a range ("январь–май", "January-April", "с января по май")
    join = _RANGE_JOIN.match(normalized, end)
    last_month = month
    if join is not None and join.end() in month_cues:
        second = month_cues[join.end()]
        last_month = month_of(second.tags) or month
        end = second.end
    if last_month == month and word in _MODAL_MONTH:  # "may reach", "march on", "Jan" as a name
        after_year = _YEAR_AFTER.match(normalized, end)
        after_day = _DAY_AFTER.match(normalized, end)
        if not (after_year or after_day or _MONTH_CONTEXT_BEFORE.search(normalized, max(0, start - 14), start)
                or _DAY_BEFORE.search(normalized, max(0, start - 14), start)):
            return None
    year, end = _year_after(normalized, end)
    explicit = year is not None
    if year is None:
        year, end = _relative_year_after(normalized, end, reference)
        explicit = year is not None
    if year is None:
        year, kk_start = _kazakh_year_before(normalized, start)
        if year is not None:
            explicit, start = True, kk_start
    if last_month == month:
        days = _DAYS_OF.search(normalized, max(0, start - 24), start)
        if days is not None:
            return _days_of_month(normalized, days.start(), end, int(days.group(1)), month, year, reference)
        day = _DAY_BEFORE.search(normalized, max(0, start - 16), start)
        if day is not None:
            first, last = int(day.group(1)), int(day.group(2) or day.group(1))
            return _day_mention(normalized, day.start(), end, month, first, last, year, reference, exact)
        after = _DAY_AFTER.match(normalized, cue.end)
        if after is not None and not explicit and UNIT.match(normalized, after.end()) is None:
            year2, end2 = _year_after(normalized, after.end())
            return _day_mention(normalized, start, end2, month, int(after.group(1)), int(after.group(1)),
                                year2, reference, exact)
    kind = "month" if last_month == month else "month_range"
    if year is None and reference is None:
        return _mention(normalized, start, end, kind, None)
    starts = date(year, month, 1) if year is not None else _nearest(reference, month, 1, exact)
    if year is None:
        assert reference is not None
        year = reference.year - 1 if exact and last_month > reference.month else reference.year  # "in November",
        # read in February, is last November
    period = (date(year, month, 1), _month_end(year, last_month)) if month <= last_month else None
    return _mention(normalized, start, end, kind, period, starts)


def _nearest(reference: date | None, month: int, day: int, exact: bool = True) -> date | None:
    """A date written without its year: the one nearest the publication ("from 1 July" read in
    February is this July; "on December 28" read on 5 January is last December)."""
    if reference is None:
        return None
    if not exact:
        return date(reference.year, month, min(day, calendar.monthrange(reference.year, month)[1]))
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if day <= calendar.monthrange(year, month)[1]:
            candidates.append(date(year, month, day))
    return min(candidates, key=lambda d: abs((d - reference).days), default=None)


def _days_of_month(normalized: str, start: int, end: int, count: int, month: int, year: int | None,
                   reference: date | None) -> PeriodMention:
    year = year or (reference.year if reference else None)
    period = None
    if year is not None:
        last = min(count, calendar.monthrange(year, month)[1])
        period = (date(year, month, 1), date(year, month, max(last, 1)))
    return _mention(normalized, start, end, "days_of_month", period)


def _day_mention(normalized: str, start: int, end: int, month: int, first: int, last: int, year: int | None,
                 reference: date | None, exact: bool) -> PeriodMention | None:
    if year is None:
        nearest = _nearest(reference, month, min(first, 28), exact)
        if nearest is None:
            return _mention(normalized, start, end, "day", None)
        year = nearest.year
    days_in_month = calendar.monthrange(year, month)[1]
    if not (1 <= first <= last <= days_in_month):
        return None
    day = date(year, month, first)
    kind = "day" if first == last else "day_range"
    return _mention(normalized, start, end, kind, (day, date(year, month, last)), day)


def _part_mention(normalized: str, cue: Cue, reference: date | None) -> PeriodMention | None:
    """Halves and quarters: "первое полугодие 2025", "H1", "в III квартале", "Q1 2026"."""
    half = "half" in cue.tags
    count = 2 if half else 4
    which_tag = _tag_value(cue.tags, "half" if half else "quarter")
    start = cue.start
    which: int | None = int(which_tag) if which_tag else None
    if which_tag and _after_decimal(normalized, start):
        return None  # "1.2h"
    if which is None:
        match = _WHICH_BEFORE.search(normalized, max(0, start - 20), start)
        if match is not None:
            which = _ordinal(match.group(1))
            start = match.start()
        elif reference is not None and _BARE_PART_BEFORE.search(normalized, max(0, start - 12), start):
            # "за полугодие", "за квартал": the last one finished (or running) at publication
            months = 12 // count
            which = (reference.month - 1) // months or count
            if which == count and reference.month <= months:
                reference = date(reference.year - 1, 12, 31)
        else:
            return None
    if which is None or not 1 <= which <= count:
        return None
    year, end = _year_after(normalized, cue.end)
    if year is None:
        year, end = _relative_year_after(normalized, end, reference)
    if year is None:
        year, start = _kazakh_year_before(normalized, start)
    if year is None and reference is not None:
        year = reference.year
        if (which - 1) * (12 // count) + 1 > reference.month:
            year -= 1  # "the third quarter", read in May: last year's
    months = 12 // count
    period = None
    if year is not None:
        period = (date(year, (which - 1) * months + 1, 1), _month_end(year, which * months))
    return _mention(normalized, start, end, "half" if half else "quarter", period)


_BARE_PART_BEFORE = re.compile(r"(?<!\w)(?:за|по\s+итогам|в|во|for\s+the|in\s+the|over\s+the)\s+$")


def _after_decimal(normalized: str, start: int) -> bool:
    """"2.4m tonnes" is no "4M" (four months): a digit term glued to a decimal point."""
    return start >= 2 and normalized[start - 1] in ".," and normalized[start - 2].isdigit()


_ORDINALS = (("перв", 1), ("втор", 2), ("трет", 3), ("четв", 4), ("first", 1), ("second", 2), ("third", 3),
             ("fourth", 4), ("бірінші", 1), ("екінші", 2), ("үшінші", 3), ("төртінші", 4), ("алғашқы", 1), ("iv", 4),
             ("iii", 3),
             ("ii", 2), ("i", 1), ("1", 1), ("2", 2), ("3", 3), ("4", 4))


def _ordinal(word: str) -> int | None:
    for prefix, value in _ORDINALS:
        if word.startswith(prefix):
            return value
    return None


def _months_mention(normalized: str, cue: Cue, reference: date | None) -> PeriodMention | None:
    """"за 5 месяцев", "the first eight months of 2025", "9M 2023", "2024 жылдың 9 айында"."""
    start = cue.start
    count_tag = _tag_value(cue.tags, "mcount")
    if count_tag is not None:
        if _after_decimal(normalized, start):
            return None
        count = int(count_tag)
    else:
        match = _COUNT_BEFORE.search(normalized, max(0, start - 16), start)
        if match is None:
            return None
        word = match.group(1)
        count = int(word) if word.isdigit() else _COUNT_WORDS.get(word, 0)
        start = match.start()
    if not 1 <= count <= 12 or _WINDOW.search(normalized, max(0, start - 24), start):
        return None  # "за последние 7 месяцев": a rolling window, no calendar period
    year, end = _year_after(normalized, cue.end)
    if year is None:
        year, end = _relative_year_after(normalized, end, reference)
    if year is None:
        year, start = _kazakh_year_before(normalized, start)
    if year is None and reference is not None:
        year = reference.year if reference.month > count else reference.year - 1
    period = (date(year, 1, 1), _month_end(year, count)) if year is not None else None
    return _mention(normalized, start, end, "months", period)


def _year_mention(normalized: str, token: Token, reference: date | None) -> PeriodMention | None:
    year = int(token.text)
    end = token.end
    after = normalized[end:end + 3]
    if _DATE_OR_RANGE.match(after):
        return None  # an ISO date or a range of years
    word = _YEAR_WORD.match(normalized, end)
    if word is not None:
        end = word.end()
    elif UNIT.match(normalized, end) is not None or _MULTIPLIER_AFTER.match(normalized, end):
        return None  # "2000 вагонов"
    elif not (_YEAR_PREPOSITION.search(normalized, max(0, token.start - 20), token.start)
              or not after.strip() or after.lstrip()[:1] in ",.;:)!?\"'"):
        return None
    return _mention(normalized, token.start, end, "year", (date(year, 1, 1), date(year, 12, 31)))


_DATE_OR_RANGE = re.compile(r"[-/.]\d|\s*-\s*(?:19|20)\d\d")
_MULTIPLIER_AFTER = re.compile(r"\s*(?:млн|млрд|тыс|million|billion)")
_RANGE_TO_DAY = re.compile(r"\s*(?:по|to|until|до)\s*\d")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# --- effective dates ("from 1 March", "с 1 июля 2025 года", "1 наурыздан", "starting in December") ---
_FROM = re.compile(r"(?<!\w)(?:from|starting|starting\s+from|starting\s+on|beginning|beginning\s+on|effective|"
                   r"effective\s+from|с|со|начиная\s+с|since|as\s+from|from\s+the)\s*(?:in\s+)?(?:the\s+)?$")
_UNTIL = re.compile(r"(?<!\w)(?:until|till|to|up\s+to|до|по|through|by|к)\s*(?:the\s+)?$")


def effective_dates(normalized: str, mentions: Sequence[PeriodMention]) -> list[tuple[int, date]]:
    """Dates introduced as the start of something, as (offset, date)."""
    found: list[tuple[int, date]] = []
    for mention in mentions:
        if mention.starts is None or mention.comparison:
            continue
        before = normalized[max(0, mention.start - 25):mention.start]
        if _UNTIL.search(before) and mention.kind != "day_range":
            continue
        text_end = normalized[mention.end:mention.end + 10]
        ablative = (_KAZAKH_FROM.match(normalized, mention.end) is not None
                    or _ABLATIVE_END.search(normalized, mention.start, mention.end) is not None) \
            and "бері" not in text_end[:7]
        if mention.kind == "day_range" or _FROM.search(before) or ablative \
                or _RANGE_TO_DAY.match(text_end):
            found.append((mention.start, mention.starts))
    return found
