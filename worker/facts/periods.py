"""Periods and dates in the text, resolved against the publication date.

"первое полугодие 2025", "январь–май т.г.", "за 5 месяцев", "in January", "24 days of
January", "H1", "9M", "last year", "в 2023 году", "on July 9", "өткен жылы", "2024 жылдың
9 айында". The vocabulary finds the anchors; ``period_grammar`` reads each mention
around its anchor; here they are put in order, and start dates ("from 1 March") picked.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date

from worker.facts.lexicon import Cue
from worker.facts.period_grammar import KAZAKH_FROM, PeriodMention, PeriodReader, month_end, month_of
from worker.facts.quantities import Token

__all__ = ["PERIOD_TERMS", "PeriodMention", "effective_dates", "find_periods", "month_of"]

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
    # "month" only in a compound: "the seven-month volume" (period_grammar.py)
    "months": ("месяц*", "months", "month", "мес", "айда", "айында", "ай", "айдың", "айлар*", "айлық"),
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
    # "last week": the calendar week (Monday to Sunday) before the publication's
    "relweek:-1": ("last week", "last week's", "на прошлой неделе", "прошлой недели", "за прошлую неделю",
                   "на минувшей неделе", "минувшей недели", "за минувшую неделю", "на прошедшей неделе",
                   "за прошедшую неделю", "өткен аптада", "өткен аптадағы", "өткен апта ішінде"),
    "relweek:0": ("this week", "на этой неделе", "на текущей неделе", "этой недели", "текущей недели",
                  "осы аптада", "осы апта ішінде"),
    # "during the four days of the closure": the dates the text gave the closure (figures.py)
    "closure_span": ("during the closure", "during the shutdown", "during the suspension", "days of the closure",
                     "days of closure", "days of the shutdown", "days of the suspension", "на время закрытия",
                     "во время закрытия", "в период закрытия", "за время закрытия", "в дни закрытия",
                     "дня закрытия", "дней закрытия", "на время приостановки", "во время приостановки",
                     "в период приостановки", "за время приостановки", "в дни приостановки", "жабылған күндері",
                     "жабылған кезде", "жабылу кезінде", "жабылған кезеңде"),
    # "as of Sunday": a stamp on the weekday just gone (read only after "as of", "по состоянию на")
    **{f"weekday:{n}": forms for n, forms in enumerate((
        ("monday", "понедельник*", "дүйсенбі*"), ("tuesday", "вторник*", "сейсенбі*"),
        ("wednesday", "среда", "среду", "сәрсенбі*"), ("thursday", "четверг*", "бейсенбі*"),
        ("friday", "пятниц*", "жұма", "жұмадағы"), ("saturday", "суббот*", "сенбі*"),
        ("sunday", "воскресень*", "жексенбі*")))},
    "later": ("спустя", "через", "later", "after", "кейін"),  # "спустя 11 лет": counted from a year before
    # a rate as it stands now ("сейчас пропускаем 20 поездов в сутки"): no period carried from before
    "now": ("сейчас", "в настоящее время", "на сегодняшний день", "ныне", "обычно", "как правило", "currently",
            "at present", "nowadays", "these days", "now", "typically", "normally", "on a typical day",
            "on an ordinary day", "қазір", "қазіргі уақытта", "әдетте",
            # "Қалыпты жағдайда ... тәулігіне 16–18 пойыз беріледі": the normal rate, not the limit's days
            "қалыпты жағдайда", "қалыпты жағдайларда", "қалыпты уақытта", "in normal conditions",
            "under normal conditions", "in normal times", "in ordinary times", "в обычных условиях",
            "при обычных условиях", "в обычное время", "в нормальных условиях", "в штатной ситуации"),
    # "Алғашқы тәулікте ... 9 астық пойызы": the day something started (figures.py), not the year
    "first_day": ("в первый же день", "в первый день", "в первые же сутки", "в первые сутки", "за первые сутки",
                  "за первый день", "on the first day", "on its first day", "on day one", "within the first day",
                  "in the first 24 hours", "алғашқы тәулікте", "алғашқы күні", "алғашқы күнде", "бірінші күні",
                  "алғашқы тәулік ішінде"),
    # words that make the period (or value) after them a comparison: a cheap test before the patterns
    "compared": ("compared", "сравнени*", "аналогичн*", "против", "чем", "относительно", "уровн*", "превыша*",
                 "тем же", "том же", "того же",
                 "показател*", "than", "against", "versus", "vs", "relative", "level", "levels", "same period",
                 "earlier", "up from", "down from", "instead of", "вместо", "орнына"),
}
_ANCHORS = frozenset({"month", "half", "quarter", "months", "mcount", "ytd", "ytd_year", "relyear", "relmonth",
                      "relweek", "weekday", "yearago"})


def find_periods(normalized: str, cues: list[Cue], numbers: Sequence[Token],
                 reference: date | None, exact: bool = True,
                 sentence_starts: Sequence[int] = ()) -> list[PeriodMention]:
    """Every period mention, left to right, none overlapping. ``exact`` is False when the
    reference is only a year inferred from the text; ``sentence_starts`` tell which mentions
    share a sentence."""
    anchors: list[tuple[int, Cue | Token]] = [(c.start, c) for c in cues if not c.tags.isdisjoint(_ANCHORS)]
    anchors += [(t.start, t) for t in numbers if t.digits and len(t.text) == 4 and t.text[:2] in ("19", "20")
                and t.text.isdigit()]
    if not anchors:
        return []
    anchors.sort(key=_first)
    reader = PeriodReader(normalized, cues, reference, exact)
    found: list[PeriodMention] = []
    taken_until = -1
    for start, anchor in anchors:
        if start < taken_until:
            continue
        mention = reader.from_year(anchor) if isinstance(anchor, Token) else reader.from_cue(anchor)
        if mention is None:
            continue
        if found and mention.start < found[-1].end:
            if mention.start > found[-1].start:
                continue
            found.pop()  # "2024 жылдың 9 айында": the year grew into a longer mention
        previous = found[-1] if found else None
        if mention.kind == "day" and previous is not None and previous.kind == "ytd" \
                and previous.period is not None and mention.period is not None \
                and reader.joins_up_to(previous, mention):
            found.pop()  # "с начала года по 20 июля": the running total up to that day
            mention = previous._replace(end=mention.end, period=(previous.period[0], mention.period[1]))
        elif (mention.kind == "ytd" and mention.period is not None) or (
                mention.kind == "relative_year" and mention.period is not None and not mention.comparison
                and reference is not None and mention.period[0].year == reference.year):
            # "As of March 15, 1,845 trains had passed this year": this year up to the stamp
            stamp = next((m for m in reversed(found[-2:]) if m.kind == "day" and m.period is not None
                          and reader.stamps_running_total(m, mention)), None)
            if stamp is not None and stamp.period is not None and stamp.period[1] >= mention.period[0]:
                mention = mention._replace(kind="ytd", period=(mention.period[0], stamp.period[1]))
        elif mention.kind == "day" and previous is not None and previous.kind == "ytd" \
                and _covers_up_to(normalized, previous, mention, sentence_starts):
            assert previous.period is not None and mention.period is not None
            found[-1] = previous._replace(period=(previous.period[0], mention.period[1]))
        elif mention.comparison and previous is not None and previous.kind == "ytd":
            ended = _compared_end(previous, mention, sentence_starts)
            if ended is not None:
                found[-1] = ended
        found.append(mention)
        taken_until = mention.end
    return found


_COVERS_UP_TO = re.compile(r"(?<!\w)(?:up\s+to|through|as\s+of|as\s+at|по\s+состоянию\s+на)\s+$")


def _covers_up_to(text: str, ytd: PeriodMention, day: PeriodMention, sentence_starts: Sequence[int]) -> bool:
    """"Since 1 January, the port has handled 5,128 trains. The figure covers traffic up to
    31 August": the running total ends on that day (said in its sentence or the next)."""
    if ytd.period is None or day.period is None or not ytd.period[0] < day.period[1] < ytd.period[1]:
        return False
    if bisect_right(sentence_starts, day.start) - bisect_right(sentence_starts, ytd.start) > 1:
        return False
    return _COVERS_UP_TO.search(text, max(0, day.start - 20), day.start) is not None


_SPANS = frozenset({"month", "month_range", "months", "half", "quarter", "days_of_month"})


def _compared_end(ytd: PeriodMention, compared: PeriodMention, sentence_starts: Sequence[int]) -> PeriodMention | None:
    """"С начала года ... 2 051 тыс. тонн, на 3,1% меньше, чем за январь – февраль 2025 года",
    "so far this year ..., up from the first five months of 2024": the running total is the
    same span of this year as the one it is compared with, not up to the publication."""
    if ytd.period is None or compared.period is None or compared.kind not in _SPANS:
        return None
    first, last = compared.period
    year = ytd.period[0].year
    if first != date(first.year, 1, 1) or first.year != year - 1 \
            or bisect_right(sentence_starts, ytd.start) != bisect_right(sentence_starts, compared.start):
        return None
    end = month_end(year, last.month) if last == month_end(last.year, last.month) else last.replace(year=year)
    if end > ytd.period[1] and ytd.period[1] != date(year, 12, 31):
        return None  # a span longer than the year so far: not the same one
    return ytd._replace(period=(ytd.period[0], end))


def _first(anchor: tuple[int, Cue | Token]) -> int:
    return anchor[0]


# --- effective dates ("from 1 March", "с 1 июля 2025 года", "1 наурыздан", "starting in December") ---
_FROM = re.compile(r"(?<!\w)(?:from|starting|starting\s+from|starting\s+on|beginning|beginning\s+on|effective|"
                   r"effective\s+from|с|со|начиная\s+с|since|as\s+from|from\s+the)\s*(?:in\s+)?(?:the\s+)?$")
_UNTIL = re.compile(r"(?<!\w)(?:until|till|to|up\s+to|до|по|through|by|к)\s*(?:the\s+)?$")
_ABLATIVE_END = re.compile(r"(?:дан|ден|нан|нен|тан|тен|дағы|дегі)$")
_RANGE_TO_DAY = re.compile(r"\s*(?:по|to|until|до)\s*\d")


def effective_dates(normalized: str, mentions: Sequence[PeriodMention]) -> list[tuple[int, date]]:
    """Dates introduced as the start of something, as (offset, date)."""
    found: list[tuple[int, date]] = []
    for mention in mentions:
        if mention.starts is None or mention.comparison:
            continue
        if mention.kind != "day_range" and _UNTIL.search(normalized, max(0, mention.start - 25), mention.start):
            continue
        text_end = normalized[mention.end:mention.end + 10]
        ablative = (KAZAKH_FROM.match(normalized, mention.end) is not None
                    or _ABLATIVE_END.search(normalized, mention.start, mention.end) is not None) \
            and "бері" not in text_end[:7]
        if mention.kind == "day_range" or ablative or _RANGE_TO_DAY.match(text_end) \
                or _FROM.search(normalized, max(0, mention.start - 25), mention.start):
            found.append((mention.start, mention.starts))
    return found
