"""How each kind of period is written, read from its anchor outwards.

A mention grows from an anchor (a month, "half", "месяц", "last year", a year in digits)
by looking just around it: the ordinal before "полугодие", the count before "months",
the year after a month or before it in Kazakh ("2024 жылдың 9 айында"), the day before
a month or after it ("9 июля", "July 9"). Then its role is marked: the comparison or a
target ("compared to 2022", "аналогичного периода 2024 года", "2023 жылдан", "к 2030
году") is no figure's period, nor is a date stamp (a dateline, "по состоянию на").
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from datetime import date, timedelta
from typing import NamedTuple

from worker.facts.lexicon import Cue
from worker.facts.model import Period
from worker.facts.quantities import UNIT, Token

COUNT_WORDS = {
    "два": 2, "двух": 2, "two": 2, "екі": 2, "три": 3, "трех": 3, "three": 3, "үш": 3, "четыре": 4, "четырех": 4,
    "four": 4, "төрт": 4, "пять": 5, "пяти": 5, "five": 5, "бес": 5, "шесть": 6, "шести": 6, "six": 6, "алты": 6,
    "семь": 7, "семи": 7, "seven": 7, "жеті": 7, "восемь": 8, "восьми": 8, "eight": 8, "сегіз": 8, "девять": 9,
    "девяти": 9, "nine": 9, "тоғыз": 9, "десять": 10, "десяти": 10, "ten": 10, "он": 10, "одиннадцать": 11,
    "одиннадцати": 11, "eleven": 11, "он бір": 11,
}
_ORDINALS = (("перв", 1), ("втор", 2), ("трет", 3), ("четв", 4), ("first", 1), ("second", 2), ("third", 3),
             ("fourth", 4), ("бірінші", 1), ("екінші", 2), ("үшінші", 3), ("төртінші", 4), ("алғашқы", 1),
             ("iv", 4), ("iii", 3), ("ii", 2), ("i", 1), ("1", 1), ("2", 2), ("3", 3), ("4", 4))


class PeriodMention(NamedTuple):
    start: int
    end: int
    kind: str
    """day, day_range, days_of_month, month, month_range, half, quarter, months, ytd, year,
    relative_year, relative_month, relative_week"""
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
_RELATIVE_AFTER = re.compile(r"\s*(?:of\s+)?(т\.\s?г\.?|текущего\s+года|этого\s+года|нынешнего\s+года|this\s+year|"
                             r"прошлого\s+года|минувшего\s+года|last\s+year|the\s+previous\s+year|сего\s+года|с\.г\.)")
_RANGE_JOIN = re.compile(r"\s*(?:-{1,2}|по|to|through|till|until|and|и)\s*")  # "январь -- июнь": a typed dash
# not the minutes of a time above a paragraph ("10:15\n\nТамыз айында")
_DAY_BEFORE = re.compile(r"(?<![\d.,:])(\d{1,2})(?:\s*(?:-|по|to|and|до|и)\s*(\d{1,2}))?"
                         r"(?:-?(?:го|е|th|st|nd|rd|ші|шы))?(?:\s+of)?[^\S\n]+$")
_DAYS_OF = re.compile(r"(?:first\s+|первые\s+)?(?<![\d.,])(\d{1,2})\s+(?:days?|дн(?:я|ей)|күн\w*)\s+(?:of\s+)?$")
# "за первую декаду мая", "во второй декаде июня", "the first ten days of May" (before the month);
# "мамырдың бірінші онкүндігінде" (after it): days 1-10, 11-20, 21 to the month's end
_DECADE_BEFORE = re.compile(r"(?<!\w)(перв\w*|втор\w*|трет\w*|последн\w*|first|second|third|last|final)\s+"
                            r"(?:декад\w*|десятидневк\w*|ten[\s-]+days?|ten-day\s+period|10\s+days)\s+(?:of\s+)?$")
_DECADE_AFTER_KK = re.compile(r"\s+(бірінші|екінші|үшінші|соңғы|алғашқы)\s+(?:он\s*күнді\w*|он\s+күн\w*)")
_DECADES = (("перв", 1), ("first", 1), ("бірінші", 1), ("алғашқы", 1), ("втор", 2), ("second", 2), ("екінші", 2))
_DAY_AFTER = re.compile(r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|to|through)\s*(\d{1,2})(?:st|nd|rd|th)?)?"
                        r"(?![\d.,]\d|\d)")
_WHICH_BEFORE = re.compile(r"(?<!\w)(перв\w*|втор\w*|трет\w*|четв[её]рт\w*|[1-4]-?(?:[а-яәіқ]{1,3})?|first|second|"
                           r"third|fourth|i{1,3}|iv|бірінші|екінші|үшінші|төртінші|алғашқы)\s+$")
_BARE_PART_BEFORE = re.compile(r"(?<!\w)(?:за|по\s+итогам|в|во|for\s+the|in\s+the|over\s+the)\s+$")
_COUNT_BEFORE = re.compile(r"(?<![\d.,])(\d{1,2}|[а-яa-zәіңғүұқөһ]+(?:\s+бір)?)\s*-?$")
# "the seven-month volume", "its 10-month total": a count of months naming the figure it qualifies
_COMPOUND_TOTAL = re.compile(r"\s+(?:[a-z]+\s+)?(?:volume|volumes|total|totals|period|figure|figures|results|tally|"
                             r"traffic|throughput|shipments|haul)(?!\w)")
_WINDOW = re.compile(r"(?<!\w)(?:последн\w*|past|last|recent|previous|предыдущ\w*|соңғы|прошедш\w*|following|next|"
                     r"ближайш\w*|следующ\w*|алдағы)\s+(?:\w+\s+)?$")
_MODAL_MONTH = frozenset({"may", "march", "mar", "jan", "dec", "oct", "sep", "aug", "jun", "jul", "apr", "feb", "nov"})
_MONTH_CONTEXT_BEFORE = re.compile(r"(?<!\w)(?:in|of|since|until|by|from|to|early|late|mid|end|beginning|start|"
                                   r"during|through|the|this|last|next|on)\s*-?\s*$")
_DATE_OR_RANGE = re.compile(r"[-/.]\d|\s*-\s*(?:19|20)\d\d")
_SINCE = re.compile(r"(?<!\w)since\s+(?:the\s+)?$")
_MONTHS_TO = re.compile(r"\s*,?\s*(?:to|through|ending|ended|up\s+to|until|по|до)\s+"
                        r"(?:(?:the\s+)?end\s+of\s+|конца\s+|конец\s+|in\s+)?")
_MULTIPLIER_AFTER = re.compile(r"\s*(?:млн|млрд|тыс|million|billion)")
_UP_TO = re.compile(r"\s*(?:по|до|to|through|until|till|по\s+состоянию\s+на|as\s+of|as\s+at)\s*")

# What marks a comparison or a target just before a period, or a date stamp after a day.
_COMPARISON = re.compile(
    r"(?<!\w)(?:сравнени\w*\s+с(?:\s+(?:тем|том|того)\s+же\s+период\w*)?|(?:тем|том|того|тот)\s+же\s+период\w*|"
    r"аналогичн\w*\s+период\w*|против|чем\s+(?:в|за)?|относительно|"
    r"к\s+уровню|уровн\w*|превыша\w*|показател\w*|compared\s+(?:to|with)|than(?:\s+in)?|against|versus|vs\.?|"
    r"relative\s+to|level\s+of|levels\s+of|the\s+same\s+period\s+(?:of|in|last)|same\s+period)"
    r"\s*(?:the\s+)?(?:same\s+period\s+(?:of|in)\s+)?(?:the\s+)?$")
# "since 2015", "с 2020 года", "over 2024": the base of a change, for years and parts of years only
# (before a day or a month the same words start something: "с 1 марта", "from March").
_COMPARISON_FROM = re.compile(r"(?<!\w)(?:over|from|since|с|со|от|начиная\s+с)\s*(?:the\s+)?$")
_TARGET = re.compile(r"(?<!\w)(?:к|до|by|until|till|through|in\s+the\s+run-up\s+to|to)\s*(?:the\s+end\s+of\s+)?$")
KAZAKH_FROM = re.compile(r"(?:-?(?:дан|ден|нан|нен|тан|тен)|\s+бері|\s+деңгей\w*)(?!\w)")
_KAZAKH_COMPARED_AFTER = re.compile(r"[^.,;:]{0,40}?(?:салыстырғанда|қарағанда)")
_AS_OF = re.compile(r"(?<!\w)(?:по\s+состоянию\s+на|as\s+of|as\s+at|на)\s*$")
_STAMP = re.compile(r"(?<!\w)(?:по\s+состоянию\s+на|as\s+of|as\s+at)\s*$")
_OPENING_WORDS = (r"(?:open\w*|launch\w*|commission\w*|inaugurat\w*|establish\w*|founded|built|открыт\w*|открыл\w*|"
                  r"запуск\w*|запущ\w*|пуск\w*|ввод\w*|основан\w*|создан\w*)")
_SINCE_OPENING = re.compile(r"(?<!\w)(?:since|с\s+момента|со\s+дня|с\s+тех\s+пор|с|со)\s+(?:[\w'-]+\s+){0,4}?"
                            + _OPENING_WORDS + r"(?:\s+[\w'-]+){0,4}?\s+(?:in|в|во)\s+$")
_IN_WORDS = ("in", "в", "во")
_OPENING_KINDS = frozenset({"year", "month"})
_KAZAKH_SINCE_OPENING = re.compile(r"(?:\s+[а-яәғқңөұүһі]+){1,3}?(?:ғаннан|геннен|қаннан|кеннен)\s+бер")
# "перехода, открытого в декабре 2012 года", "opened in 2012", "введен в эксплуатацию в 2012 году":
# the date a crossing or a station opened, never a reporting period
_OPENED_IN = re.compile(r"(?<!\w)(?:" + _OPENING_WORDS + r"|введ\w*\s+в\s+(?:строй|эксплуатацию)|put\s+into\s+"
                        r"(?:operation|service))(?:\s+[\w'-]+){0,2}?\s+(?:in|в|во)\s+$")
_KAZAKH_OPENED = re.compile(r"(?:\s+[а-яәғқңөұүһі]+){0,2}?\s+(?:ашылған|іске\s+қосылған|пайдалануға\s+берілген)")
_KAZAKH_STAMP_AFTER = re.compile(r"(?:дегі|гі)?\s+(?:жағдай\w*\s+бойынша|күйі\w*\s+бойынша)")
_SENTENCE_BREAK = re.compile(r"[.!?;](?:\s|$)|\n")
_DATELINE = re.compile(r"\s*(?:[(/][^)/\n]{2,30}[)/])?\s*(?:--|—|-\s+[\w ]{2,25}\.|\s-\s)")
_YEARLIKE = frozenset({"year", "relative_year", "half", "quarter", "months", "ytd"})


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


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


class PeriodReader:
    """Reads the mention around one anchor of an article, against its reference date.

    ``exact`` is False when the reference is only a year inferred from the text: dates
    without a year then take that year."""

    def __init__(self, text: str, cues: list[Cue], reference: date | None, exact: bool) -> None:
        self.text = text
        self.reference = reference
        self.exact = exact
        self.month_cues = {c.start: c for c in cues if "month" in c.tags}
        self.compared_ends = sorted(c.end for c in cues if "compared" in c.tags)

    # --- anchors -------------------------------------------------------------------------------
    def from_cue(self, cue: Cue) -> PeriodMention | None:
        tags = cue.tags
        month = month_of(tags)
        if month is not None:
            return self._month(cue, month)
        if "half" in tags or "quarter" in tags:
            return self._part(cue)
        if "months" in tags or "mcount" in tags:
            return self._months(cue)
        if "ytd" in tags or "ytd_year" in tags:
            return self._year_to_date(cue)
        relative = _tag_value(tags, "relyear") or ("-1" if "yearago" in tags else None)
        if relative is not None:
            return self._relative_year(cue, relative)
        relative = _tag_value(tags, "relmonth")
        if relative is not None and self.reference is not None:
            first = date(self.reference.year, self.reference.month, 1)
            if relative == "-1":
                first = (first - timedelta(days=1)).replace(day=1)
            return self._mention(cue.start, cue.end, "relative_month", (first, month_end(first.year, first.month)))
        relative = _tag_value(tags, "relweek")
        if relative is not None and self.reference is not None and self.exact:
            return self._relative_week(cue, int(relative))
        weekday = _tag_value(tags, "weekday")
        if weekday is not None:
            return self._weekday_stamp(cue, int(weekday))
        return None

    def from_year(self, token: Token) -> PeriodMention | None:
        """A year in digits: "в 2023 году", "in 2024,", "2024 жылы"; not "2000 вагонов"."""
        text = self.text
        year = int(token.text)
        end = token.end
        after = text[end:end + 3]
        if _DATE_OR_RANGE.match(after):
            return None  # an ISO date or a range of years
        word = _YEAR_WORD.match(text, end)
        if word is not None:
            end = word.end()
        elif not (not after.strip() or after.lstrip()[:1] in ",.;:)!?\"'"
                  or _YEAR_PREPOSITION.search(text, max(0, token.start - 20), token.start)):
            return None
        elif UNIT.match(text, end) is not None or _MULTIPLIER_AFTER.match(text, end):
            return None  # "в 2000 вагонов"
        return self._mention(token.start, end, "year", (date(year, 1, 1), date(year, 12, 31)))

    def stamps_running_total(self, day: PeriodMention, ytd: PeriodMention) -> bool:
        """"По состоянию на 1 декабря ... с начала года": a date stamp before a running total
        of the same sentence ends it."""
        return (day.as_of and ytd.start - day.end <= 120
                and (_STAMP.search(self.text, max(0, day.start - 25), day.start) is not None
                     or _KAZAKH_STAMP_AFTER.match(self.text, day.end) is not None)
                and _SENTENCE_BREAK.search(self.text, day.end, ytd.start) is None)

    def joins_up_to(self, ytd: PeriodMention, day: PeriodMention) -> bool:
        """"с начала года по 20 июля": a running total up to that day."""
        return _UP_TO.fullmatch(self.text, ytd.end, day.start) is not None

    # --- marks ---------------------------------------------------------------------------------
    def _mention(self, start: int, end: int, kind: str, period: Period | None, starts: date | None = None,
                 comparison: bool = False) -> PeriodMention:
        text = self.text
        i = bisect_left(self.compared_ends, start - 45)
        if i < len(self.compared_ends) and self.compared_ends[i] <= start:  # a comparison word just before
            comparison = comparison or bool(_COMPARISON.search(text, max(0, start - 45), start))
        comparison = comparison or text.endswith(("жылдан", "жылмен"), start, end)
        if not comparison and kind in _YEARLIKE:
            base = _COMPARISON_FROM.search(text, max(0, start - 16), start)
            if base is not None and kind == "months" and base.group().startswith("over"):
                base = None  # "over the eight months", "over 12 months": a duration, not the base of a change
            comparison = bool(base
                              or KAZAKH_FROM.match(text, end) or _TARGET.search(text, max(0, start - 30), start)
                              or _KAZAKH_COMPARED_AFTER.match(text, end))
            comparison = comparison or (kind == "year" and _since_opening(text, start, end))
        if not comparison and kind in _OPENING_KINDS:
            comparison = _opened_in(text, start, end)
        as_of = kind == "day" and bool(_AS_OF.search(text, max(0, start - 25), start) or _DATELINE.match(text, end))
        return PeriodMention(start, end, kind, period, comparison, starts, as_of)

    # --- years around a mention ------------------------------------------------------------------
    def _year_after(self, end: int) -> tuple[int | None, int]:
        match = _YEAR_AFTER.match(self.text, end)
        return (int(match.group(1)), match.end()) if match else (None, end)

    def _kazakh_year_before(self, start: int) -> tuple[int | None, int]:
        match = _YEAR_BEFORE_KK.search(self.text, max(0, start - 20), start)
        return (int(match.group(1)), match.start()) if match else (None, start)

    def _relative_year_after(self, end: int) -> tuple[int | None, int]:
        """"январь–май т.г.", "in January this year", "октябре текущего года"."""
        match = _RELATIVE_AFTER.match(self.text, end)
        if match is None or self.reference is None:
            return None, end
        last = any(w in match.group(1) for w in ("прошл", "last", "previous", "минувш"))
        return self.reference.year - 1 if last else self.reference.year, match.end()

    def _any_year(self, start: int, end: int) -> tuple[int | None, int, int]:
        year, end = self._year_after(end)
        if year is None:
            year, end = self._relative_year_after(end)
        if year is None:
            year, start = self._kazakh_year_before(start)
        return year, start, end

    def _nearest(self, month: int, day: int) -> date | None:
        """A date written without its year: the one nearest the publication ("from 1 July" read
        in February is this July; "on December 28" read on 5 January is last December)."""
        reference = self.reference
        if reference is None:
            return None
        if not self.exact:
            return date(reference.year, month, min(day, calendar.monthrange(reference.year, month)[1]))
        candidates = [date(y, month, day) for y in (reference.year - 1, reference.year, reference.year + 1)
                      if day <= calendar.monthrange(y, month)[1]]
        return min(candidates, key=lambda d: abs((d - reference).days), default=None)

    # --- kinds ---------------------------------------------------------------------------------
    def _month(self, cue: Cue, month: int) -> PeriodMention | None:
        text = self.text
        start, end = cue.start, cue.end
        join = _RANGE_JOIN.match(text, end)  # a second month: "январь–май", "January-April", "с января по май"
        last_month = month
        if join is not None and join.end() in self.month_cues:
            second = self.month_cues[join.end()]
            last_month = month_of(second.tags) or month
            end = second.end
        if last_month == month and text[start:end] in _MODAL_MONTH and not (  # "may reach", "Jan" as a name
                _YEAR_AFTER.match(text, end) or _DAY_AFTER.match(text, end)
                or _MONTH_CONTEXT_BEFORE.search(text, max(0, start - 14), start)
                or _DAY_BEFORE.search(text, max(0, start - 14), start)):
            return None
        year, start, end = self._any_year(start, end)
        if last_month == month and year is not None:
            span = self._month_to_month(month, year, start, end)
            if span is not None:
                return span
        if last_month == month:
            decade = self._decade(cue, month, year, start, end)
            if decade is not None:
                return decade
            days = _DAYS_OF.search(text, max(0, start - 24), start)
            if days is not None:
                return self._days_of_month(days.start(), end, int(days.group(1)), month, year)
            day = _DAY_BEFORE.search(text, max(0, start - 16), start)
            if day is not None:
                first, last = int(day.group(1)), int(day.group(2) or day.group(1))
                day_start = day.start()
                if year is None:  # "2025 жылғы 1 шілдеден": the Kazakh year stands before the day
                    year, day_start = self._kazakh_year_before(day_start)
                return self._day(day_start, end, month, first, last, year)
            after = _DAY_AFTER.match(text, cue.end)
            if after is not None and year is None and UNIT.match(text, after.end()) is None:
                year, end = self._year_after(after.end())
                return self._day(start, end, month, int(after.group(1)), int(after.group(2) or after.group(1)), year)
        kind = "month" if last_month == month else "month_range"
        reference = self.reference
        if year is None and reference is None:
            return self._mention(start, end, kind, None)
        starts = date(year, month, 1) if year is not None else self._nearest(month, 1)
        if year is None:
            assert reference is not None
            # "in November", read in February, is last November
            year = reference.year - 1 if self.exact and last_month > reference.month else reference.year
        period = (date(year, month, 1), month_end(year, last_month)) if month <= last_month else None
        return self._mention(start, end, kind, period, starts)

    def _month_to_month(self, month: int, year: int, start: int, end: int) -> PeriodMention | None:
        """"с апреля 2024 года по март 2025 года", "from May 2024 to April 2025", "between
        April 2024 and March 2025": a span of months across a year's end, each with its year."""
        join = _RANGE_JOIN.match(self.text, end)
        if join is None or join.end() not in self.month_cues:
            return None
        second = self.month_cues[join.end()]
        last_month = month_of(second.tags)
        last_year, last_end = self._year_after(second.end)
        if last_month is None or last_year is None or (last_year, last_month) <= (year, month) \
                or last_year - year > 1:
            return None
        return self._mention(start, last_end, "month_range", (date(year, month, 1), month_end(last_year, last_month)),
                             date(year, month, 1))

    def _decade(self, cue: Cue, month: int, year: int | None, start: int, end: int) -> PeriodMention | None:
        """"за первую декаду мая" -> 1-10 May, "вторая декада" -> 11-20, "третья декада", "the last
        ten days of May" -> 21 to the month's end; "мамырдың бірінші онкүндігі"."""
        text = self.text
        before = text[max(0, start - 40):start]
        match = _DECADE_BEFORE.search(text, max(0, start - 40), start) \
            if "декад" in before or "десятиднев" in before or "days" in before or "day " in before else None
        if match is not None:
            start = match.start()
        else:
            match = _DECADE_AFTER_KK.match(text, cue.end) if "күн" in text[cue.end:cue.end + 30] else None
            if match is None:
                return None
            end = max(end, match.end())
        which = next((n for prefix, n in _DECADES if match.group(1).startswith(prefix)), 3)
        reference = self.reference
        if year is None and reference is not None:
            year = reference.year - 1 if self.exact and month > reference.month else reference.year
        period = None
        if year is not None:
            last = month_end(year, month).day if which == 3 else which * 10
            period = (date(year, month, which * 10 - 9), date(year, month, last))
        return self._mention(start, end, "days_of_month", period)

    def _days_of_month(self, start: int, end: int, count: int, month: int, year: int | None) -> PeriodMention:
        """"24 days of January", "за первые 20 дней февраля"."""
        year = year or (self.reference.year if self.reference else None)
        period = None
        if year is not None:
            period = (date(year, month, 1), date(year, month, max(1, min(count, calendar.monthrange(year, month)[1]))))
        return self._mention(start, end, "days_of_month", period)

    def _day(self, start: int, end: int, month: int, first: int, last: int, year: int | None) -> PeriodMention | None:
        if year is None:
            nearest = self._nearest(month, min(first, 28))
            if nearest is None:
                return self._mention(start, end, "day", None)
            year = nearest.year
            since = first == last and _SINCE.search(self.text, max(0, start - 8), start) is not None
            if since and self.reference is not None and self.exact and nearest > self.reference:
                year -= 1  # "since 1 January", read in September: this year's, never one to come
        else:
            since = False
        if not 1 <= first <= last <= calendar.monthrange(year, month)[1]:
            return None
        day = date(year, month, first)
        if since and self.reference is not None and day < self.reference:
            # "Since 1 January, the port has handled 5,128 trains": a running total to the publication
            mention = self._mention(start, end, "day", (day, day), day)  # its marks as a day's, not a year's
            return mention._replace(kind="ytd", period=(day, self.reference))
        return self._mention(start, end, "day" if first == last else "day_range", (day, date(year, month, last)), day)

    def _part(self, cue: Cue) -> PeriodMention | None:
        """Halves and quarters: "первое полугодие 2025", "H1", "в III квартале", "Q1 2026"."""
        text, reference = self.text, self.reference
        half = "half" in cue.tags
        count = 2 if half else 4
        months = 12 // count
        which_tag = _tag_value(cue.tags, "half" if half else "quarter")
        start = cue.start
        which = int(which_tag) if which_tag else None
        if which_tag and _after_decimal(text, start):
            return None  # "1.2h"
        if which is None:
            match = _WHICH_BEFORE.search(text, max(0, start - 20), start)
            if match is not None:
                which, start = _ordinal(match.group(1)), match.start()
            elif reference is not None and _BARE_PART_BEFORE.search(text, max(0, start - 12), start):
                # "за полугодие", "за квартал": the last one finished (or running) at publication
                which = (reference.month - 1) // months or count
                if which == count and reference.month <= months:
                    reference = date(reference.year - 1, 12, 31)
            else:
                return None
        if which is None or not 1 <= which <= count:
            return None
        year, start, end = self._any_year(start, cue.end)
        if year is None and reference is not None:
            year = reference.year - 1 if (which - 1) * months + 1 > reference.month else reference.year
        period = None
        if year is not None:
            period = (date(year, (which - 1) * months + 1, 1), month_end(year, which * months))
        return self._mention(start, end, "half" if half else "quarter", period)

    def _months(self, cue: Cue) -> PeriodMention | None:
        """"за 5 месяцев", "the first eight months of 2025", "9M 2023", "2024 жылдың 9 айында"."""
        text = self.text
        start = cue.start
        count_tag = _tag_value(cue.tags, "mcount")
        if count_tag is not None:
            if _after_decimal(text, start):
                return None  # "2.4m tonnes" is no "4M"
            count = int(count_tag)
        else:
            if text[start:cue.end] == "month" and not _compound_months(text, start, cue.end):
                return None  # "a month earlier", "per month", "a two-month closure"
            match = _COUNT_BEFORE.search(text, max(0, start - 16), start)
            if match is None:
                return None
            word = match.group(1)
            count = int(word) if word.isdigit() else COUNT_WORDS.get(word, 0)
            start = match.start()
        if not 1 <= count <= 12:
            return None
        window = self._months_to(count, start, cue.end)
        if window is not None:
            return window
        if _WINDOW.search(text, max(0, start - 24), start):
            return None  # "за последние 7 месяцев": a rolling window, no calendar period
        year, start, end = self._any_year(start, cue.end)
        if year is None and count == 12:
            return None  # "over 12 months", "за 12 месяцев": a rolling year, not a calendar one
        if year is None and self.reference is not None:
            year = self.reference.year if self.reference.month > count else self.reference.year - 1
        return self._mention(start, end, "months", (date(year, 1, 1), month_end(year, count)) if year else None)

    def _months_to(self, count: int, start: int, end: int) -> PeriodMention | None:
        """"the 12 months to the end of April 2025", "за 12 месяцев по март 2025 года", "the six
        months ending in June": the months counted back from the one named."""
        to = _MONTHS_TO.match(self.text, end)
        if to is None or to.end() not in self.month_cues:
            return None
        cue = self.month_cues[to.end()]
        month = month_of(cue.tags)
        named = self._month(cue, month) if month is not None else None
        if named is None or named.period is None or named.kind != "month":
            return None
        last = named.period[1]
        first_month = last.year * 12 + last.month - count  # months since year 0, zero-based
        return self._mention(start, named.end, "months", (date(first_month // 12, first_month % 12 + 1, 1), last))

    def _year_to_date(self, cue: Cue) -> PeriodMention | None:
        """"с начала года", "since the start of 2025", "жыл басынан бері": to the publication."""
        year, end = self._year_after(cue.end)
        if "ytd_year" in cue.tags and "ytd" not in cue.tags and year is None:
            return None
        reference = self.reference
        year = year or (reference.year if reference else None)
        period: Period | None = None
        if year is not None:
            period = (date(year, 1, 1), reference if reference and reference.year == year else date(year, 12, 31))
        return self._mention(cue.start, end, "ytd", period)

    def _relative_week(self, cue: Cue, relative: int) -> PeriodMention:
        """"last week", "на прошлой неделе", "өткен аптада": Monday to Sunday before the
        publication's week; "this week": its Monday to the publication."""
        assert self.reference is not None
        monday = self.reference - timedelta(days=self.reference.weekday())
        period = (monday - timedelta(days=7), monday - timedelta(days=1)) if relative < 0 else (monday, self.reference)
        return self._mention(cue.start, cue.end, "relative_week", period)

    def _weekday_stamp(self, cue: Cue, weekday: int) -> PeriodMention | None:
        """"As of Sunday, ... since the beginning of this year", "по состоянию на пятницу",
        "жексенбідегі жағдай бойынша": a stamp on the last such day up to the publication.
        Not a weekday elsewhere ("resumed on Sunday") nor one a date follows ("Sunday, 18 May")."""
        text, reference = self.text, self.reference
        if reference is None or not self.exact or any(at in self.month_cues for at in range(cue.end, cue.end + 9)):
            return None
        if not (_STAMP.search(text, max(0, cue.start - 25), cue.start) or _KAZAKH_STAMP_AFTER.match(text, cue.end)):
            return None
        day = reference - timedelta(days=(reference.weekday() - weekday) % 7)
        return self._mention(cue.start, cue.end, "day", (day, day))._replace(as_of=True)

    def _relative_year(self, cue: Cue, relative: str) -> PeriodMention:
        period = None
        reference = self.reference
        if reference is not None:
            if relative == "end":  # "по итогам года": the year just ended, early in the next one
                year = reference.year - 1 if reference.month <= 2 else reference.year
            else:
                year = reference.year + int(relative)
            period = (date(year, 1, 1), date(year, 12, 31))
        return self._mention(cue.start, cue.end, "relative_year", period, comparison="yearago" in cue.tags)


def _since_opening(text: str, start: int, end: int) -> bool:
    """"since the station opened in 2012", "с момента открытия в 2012 году", "станция 2012 жылы
    ашылғаннан бері": a record's look-back, not the figure's period."""
    return _KAZAKH_SINCE_OPENING.match(text, end) is not None or _after_in(text, start, _SINCE_OPENING, 70)


def _opened_in(text: str, start: int, end: int) -> bool:
    """"перехода, открытого в декабре 2012 года", "the crossing opened in 2012", "2012 жылы
    ашылған өткел": when a crossing opened, a look-back, not the period of the figures after it."""
    return _KAZAKH_OPENED.match(text, end) is not None or _after_in(text, start, _OPENED_IN, 60)


def _after_in(text: str, start: int, pattern: re.Pattern[str], reach: int) -> bool:
    """``pattern`` (which ends in "in"/"в"/"во" and a space) just before ``start``: ruled out
    cheaply by that ending before the search backwards."""
    before = text[max(0, start - reach):start]
    stripped = before.rstrip()
    return len(stripped) < len(before) and stripped.endswith(_IN_WORDS) \
        and pattern.search(text, max(0, start - reach), start) is not None


def _compound_months(text: str, start: int, end: int) -> bool:
    """"the seven-month volume", "its 10-month total": a count glued to "month" before a
    figure's noun (not "a two-month closure", "a month earlier")."""
    return start > 0 and text[start - 1] == "-" and _COMPOUND_TOTAL.match(text, end) is not None


def _after_decimal(text: str, start: int) -> bool:
    """"2.4m tonnes" is no "4M" (four months): a digit term glued to a decimal point."""
    return start >= 2 and text[start - 1] in ".," and text[start - 2].isdigit()


def _ordinal(word: str) -> int | None:
    for prefix, value in _ORDINALS:
        if word.startswith(prefix):
            return value
    return None
