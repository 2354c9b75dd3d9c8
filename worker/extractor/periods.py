"""Periods and dates in text, resolved against the publication date.

"первое полугодие 2025", "январь–май т.г.", "за 5 месяцев", "in January", "24 days of
January", "H1", "9M", "last year", "в 2023 году", "on July 9", "өткен жылы". A year
named as the comparison ("compared to 2022", "аналогичного периода 2024 года",
"2023 жылдан") is not the period of a figure.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

Period = tuple[date, date]

_MONTH_FORMS = {
    1: r"январ\w*|january|jan\b|қаңтар\w*",
    2: r"феврал\w*|february|feb\b|ақпан\w*",
    3: r"март\w*|march|mar\b|наурыз\w*",
    4: r"апрел\w*|april|apr\b|сәуір\w*",
    5: r"ма[йяею]\b|may\b|мамыр\w*",
    6: r"июн\w*|june|jun\b|маусым\w*",
    7: r"июл\w*|july|jul\b|шілде\w*",
    8: r"август\w*|august|aug\b|тамыз\w*",
    9: r"сентябр\w*|september|sept?\b|қыркүйек\w*",
    10: r"октябр\w*|october|oct\b|қазан\w*",
    11: r"ноябр\w*|november|nov\b|қараша\w*",
    12: r"декабр\w*|december|dec\b|желтоқсан\w*",
}
# One group for any month (twelve named groups make every pattern several times slower);
# which month it was is looked up afterwards.
MONTH = "(?P<m>" + "|".join(forms for forms in _MONTH_FORMS.values()) + ")"
_MONTH_EACH = [(n, re.compile(f"(?:{forms})$")) for n, forms in _MONTH_FORMS.items()]


def month_number(word: str | None) -> int | None:
    if not word:
        return None
    for n, pattern in _MONTH_EACH:
        if pattern.match(word):
            return n
    return None


_YEAR = r"(?P<year>(?<![\d./-])(?:19|20)\d\d(?![\d]|[./-]\d))"
_YEAR_B = _YEAR.replace("(?P<year>", "(?P<yearb>")
_YEAR_WORD = r"(?:\s*(?:года|году|год|г\.?|жыл\w*|year))?"
_ORDINAL_MONTHS = {
    "два": 2, "двух": 2, "two": 2, "три": 3, "трех": 3, "three": 3, "четыре": 4, "четырех": 4, "four": 4,
    "пять": 5, "пяти": 5, "five": 5, "шесть": 6, "шести": 6, "six": 6, "семь": 7, "семи": 7, "seven": 7,
    "восемь": 8, "восьми": 8, "eight": 8, "девять": 9, "девяти": 9, "nine": 9, "десять": 10, "десяти": 10,
    "ten": 10, "одиннадцать": 11, "одиннадцати": 11, "eleven": 11,
}
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(_ORDINAL_MONTHS) + ")"

# Each pattern is tried on the normalized text; named groups drive the resolution.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("days_of_month", re.compile(r"(?:first\s+|первые\s+)?(?P<count>\d{1,2})\s+(?:days?|дн(?:я|ей))\s+(?:of\s+)?"
                                 + MONTH + r"(?:\s+" + _YEAR + ")?")),
    ("month_range", re.compile(r"(?:с\s+|from\s+)?" + MONTH.replace("(?P<m", "(?P<a")
                               + r"(?:\s+по\s+|\s*-\s*|\s+to\s+|\s+through\s+|\s+-\s+)" + MONTH.replace("(?P<m", "(?P<b")
                               + r"(?:\s+(?:" + _YEAR + r"|текущего года|этого года|т\.\s?г\.?|this year|прошлого года|last year))?")),
    ("half", re.compile(r"(?P<which>перв\w+|втор\w+|1-?[ем]\w*|2-?[ем]\w*|first|second|i|ii|бірінші|екінші)\s+(?:полугоди\w*|half|жартыжылды\w*)"
                        r"(?:\s+(?:of\s+)?" + _YEAR + r")?|(?P<h>h[12])\s*(?:" + _YEAR_B + r")?")),
    ("quarter", re.compile(r"(?P<which>перв\w+|втор\w+|трет\w+|четв\w+|1-?[ем]?\w*|2-?[ем]?\w*|3-?[ем]?\w*|4-?[ем]?\w*|first|second|third|fourth|i|ii|iii|iv)\s+(?:квартал\w*|quarter|тоқсан\w*)"
                           r"(?:\s+(?:of\s+)?" + _YEAR + r")?|(?P<q>q[1-4])\s*(?:" + _YEAR_B + r")?")),
    ("months_count", re.compile(r"(?:за\s+|first\s+|the\s+first\s+|первые\s+|in\s+the\s+first\s+)?" + _COUNT
                                + r"\s*(?:месяц\w*|months?|айда|айында|ай\b)(?:\s+(?:of\s+)?" + _YEAR + _YEAR_WORD
                                + r")?|(?P<nm>[1-9]|1[01])m\b(?:\s*" + _YEAR_B + ")?")),
    ("ytd", re.compile(r"(?:с\s+начала|since\s+the\s+(?:beginning|start)\s+of(?:\s+the)?|from\s+the\s+(?:beginning|start)\s+of(?:\s+the)?|year[\s-]to[\s-]date|ytd|жыл\s+басынан\s+бері)"
                       r"(?:\s+(?:" + _YEAR + _YEAR_WORD + r"|года|year|текущего года|этого года))?")),
    ("day_range", re.compile(r"(?:с\s+|from\s+|between\s+|on\s+)?(?<![\d.,])(?P<d1>\d{1,2})\s*(?:-|по|to|and|до|и)\s*(?P<d2>\d{1,2})\s+"
                             + MONTH + r"(?:\s*,?\s*" + _YEAR + ")?")),
    ("day", re.compile(r"(?<!\d)(?P<day>\d{1,2})(?:-?(?:го|е|th|st|nd|rd))?\s+" + MONTH + r"(?:\s*,?\s*" + _YEAR + ")?"
                       r"|" + MONTH.replace("(?P<m", "(?P<c") + r"\s+(?P<day2>\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:\s*,\s*" + _YEAR.replace("year", "year2") + ")?")),
    ("month", re.compile(MONTH + r"(?:\s+(?:" + _YEAR + _YEAR_WORD + r"|текущего года|этого года|т\.\s?г\.?|this year|прошлого года|last year))?")),
    ("relative_year", re.compile(r"(?P<rel>в прошлом году|прошлого года|прошлом году|за прошлый год|last year|previous year|өткен жылы|өткен жылғы|былтыр\w*"
                                 r"|в этом году|этого года|текущего года|в текущем году|this year|биыл\w*|по итогам года)")),
    ("year", re.compile(r"(?:(?:по итогам|за|в|in|for|at the end of|the end of|итоги)\s+)?" + _YEAR + _YEAR_WORD)),
]

# Words right before a period that make it the comparison, not the figure's period.
_COMPARISON = re.compile(
    r"(?<!\w)(?:сравнени\w*\s+с|по сравнению с|аналогичн\w*\s+период\w*|против|чем\s+(?:в|за)?|относительно|к\s+уровню|уровн\w*|"
    r"показател\w*|превыша\w*|compared\s+(?:to|with)|than(?:\s+in)?|against|versus|vs\.?|over|from|relative\s+to|"
    r"since|с|от|начиная с|до|by|as of|по состоянию на|level of|levels of)\s*(?:the\s+)?(?:same\s+period\s+(?:of|in)\s+)?(?:the\s+)?$"
)
_KAZAKH_ABLATIVE = re.compile(r"\s*(?:жылдан|жылмен|-?дан|-?ден|-?нан|-?нен|-?тан|-?тен)\b")


@dataclass(frozen=True, slots=True)
class PeriodMention:
    start: int
    end: int
    kind: str
    period: Period | None
    comparison: bool
    day: date | None = None
    """For single days and day ranges' start: the date itself."""


def find_periods(normalized: str, published: date | None) -> list[PeriodMention]:
    """Every period expression, longest first where they overlap, resolved if it can be."""
    starts: list[int] = []  # taken spans never overlap, so a sorted list of starts suffices
    ends: list[int] = []
    found: list[PeriodMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(normalized):
            i = bisect_left(starts, match.end())
            if i > 0 and ends[i - 1] > match.start():
                continue
            mention = _resolve(kind, match, normalized, published)
            if mention is not None:
                found.append(mention)
                starts.insert(i, match.start())
                ends.insert(i, match.end())
    found.sort(key=lambda m: m.start)
    return found


def _resolve(kind: str, match: re.Match[str], normalized: str, published: date | None) -> PeriodMention | None:
    before = normalized[max(0, match.start() - 40):match.start()]
    text = normalized[match.start():match.end()]
    comparison = (bool(_COMPARISON.search(before)) or bool(_KAZAKH_ABLATIVE.match(normalized, match.end()))
                  or text.endswith(("жылдан", "жылмен", "жылғы деңгейден")))
    year = _year(match, published)
    if year is None and kind in ("day", "day_range", "days_of_month") and published is not None:
        year = published.year
    period: Period | None = None
    day: date | None = None
    groups = match.groupdict()
    if kind == "days_of_month":
        month = _month_from(match, "m")
        if month and year:
            count = min(int(groups["count"]), calendar.monthrange(year, month)[1])
            period = (date(year, month, 1), date(year, month, count))
    elif kind == "month_range":
        first, last = _month_from(match, "a"), _month_from(match, "b")
        year = _relative_or(year, normalized[match.start():match.end()], published)
        if first and last and year and first <= last:
            period = (date(year, first, 1), _month_end(year, last))
    elif kind == "half":
        which = groups.get("which") or groups.get("h") or ""
        second = which.startswith(("втор", "2", "second", "ii", "h2", "екінші"))
        year = year or (published.year if published else None)
        if year:
            period = (date(year, 7, 1), date(year, 12, 31)) if second else (date(year, 1, 1), date(year, 6, 30))
    elif kind == "quarter":
        which = groups.get("which") or groups.get("q") or ""
        q = _quarter(which)
        year = year or (published.year if published else None)
        if q and year:
            period = (date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
    elif kind == "months_count":
        count_word = groups.get("count") or groups.get("nm") or ""
        count = int(count_word) if count_word.isdigit() else _ORDINAL_MONTHS.get(count_word, 0)
        if year is None and published is not None:
            year = published.year if published.month > count else published.year - 1
        if 1 <= count <= 12 and year and "лет" not in normalized[match.end():match.end() + 5]:
            period = (date(year, 1, 1), _month_end(year, count))
    elif kind == "ytd":
        year = year or (published.year if published else None)
        if year and published and published.year == year:
            period = (date(year, 1, 1), published)
        elif year:
            period = (date(year, 1, 1), date(year, 12, 31))
    elif kind == "day_range":
        month = _month_from(match, "m")
        first, last = int(groups["d1"]), int(groups["d2"])
        if month and year and first <= last <= calendar.monthrange(year, month)[1]:
            day = date(year, month, first)
            period = (day, date(year, month, last))
    elif kind == "day":
        month = _month_from(match, "m") or _month_from(match, "c")
        number = groups.get("day") or groups.get("day2")
        year = int(groups["year2"]) if groups.get("year2") else year
        if month and number and year and 1 <= int(number) <= calendar.monthrange(year, month)[1]:
            day = date(year, month, int(number))
            period = (day, day)
    elif kind == "month":
        month = _month_from(match, "m")
        if text.startswith(("may", "mar")) and groups.get("year") is None \
                and not re.search(r"(?:in|of|since|until|by|from|to|early|late|mid)\s+$", before):
            return None  # "may reach", "mar" as words
        explicit = groups.get("year") is not None or any(w in text for w in ("текущ", "этого", "т.г", "this year", "прошл", "last year"))
        year = _relative_or(year, text, published)
        if month and year and published and not explicit and (year, month) > (published.year, published.month):
            year -= 1  # "in November" read in February is last November
        if month and year:
            period = (date(year, month, 1), _month_end(year, month))
    elif kind == "relative_year":
        rel = groups["rel"]
        if published is not None:
            if rel == "по итогам года":
                y = published.year - 1 if published.month <= 2 else published.year
            elif any(w in rel for w in ("прошл", "last", "previous", "өткен", "былтыр")):
                y = published.year - 1
            else:
                y = published.year
            period = (date(y, 1, 1), date(y, 12, 31))
        comparison = comparison or "аналогичн" in before
    elif kind == "year":
        if year is None:
            return None
        if not _looks_like_year(match, normalized):
            return None
        period = (date(year, 1, 1), date(year, 12, 31))
    return PeriodMention(match.start(), match.end(), kind, period, comparison, day)


def _looks_like_year(match: re.Match[str], normalized: str) -> bool:
    """A bare 2024 is a year only before punctuation or a line end ("..., 2025."), not
    before a unit ("2000 вагонов")."""
    text = normalized[match.start():match.end()]
    if not text.strip().isdigit():
        return True  # a preposition or a year word came with it
    after = normalized[match.end():match.end() + 2]
    return after[:1] in ("", ",", ".", ";", ")", ":", "\n", "?", "!") and not after[1:2].isdigit()


def _year(match: re.Match[str], published: date | None, group: str = "year") -> int | None:
    groups = match.groupdict()
    value = groups.get(group) or (groups.get("yearb") if group == "year" else None)
    return int(value) if value else None


def _relative_or(year: int | None, text: str, published: date | None) -> int | None:
    if year is not None or published is None:
        return year
    if "прошл" in text or "last year" in text:
        return published.year - 1
    return published.year


def _month_from(match: re.Match[str], prefix: str) -> int | None:
    return month_number(match.groupdict().get(prefix))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter(which: str) -> int | None:
    for q, starts in ((1, ("перв", "1", "first", "i", "q1")), (2, ("втор", "2", "second", "ii", "q2")),
                      (3, ("трет", "3", "third", "iii", "q3")), (4, ("четв", "4", "fourth", "iv", "q4"))):
        if which in starts or which.startswith(starts[:3]):
            return q
    return None


# --- effective dates ("from 1 March", "с 1 июля 2025 года", "1 наурыздан") --------------------
_FROM = re.compile(r"(?:from|starting|beginning|as of|effective|с|со|начиная с)\s*(?:the\s+)?$")
_UNTIL = re.compile(r"(?:until|till|to|up to|до|по|through)\s*(?:the\s+)?$")


def effective_dates(normalized: str, mentions: list[PeriodMention]) -> Iterator[tuple[int, date]]:
    """Days introduced as the start of something: (offset, date)."""
    for mention in mentions:
        if mention.day is None:
            continue
        before = normalized[max(0, mention.start - 25):mention.start]
        after = normalized[mention.end:mention.end + 12]
        text = normalized[mention.start:mention.end]
        ablative = text.endswith(("дан", "ден", "нан", "нен", "тан", "тен")) or after.lstrip().startswith(
            ("-дан", "дан", "-ден", "ден", "нан", "нен", "тан", "тен"))
        if _UNTIL.search(before) and mention.kind != "day_range":
            continue
        if _FROM.search(before) or ablative or mention.kind == "day_range" or re.match(r"\s*(?:по|to|until)\s*\d", after):
            yield mention.start, mention.day
