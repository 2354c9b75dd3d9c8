"""Tables: figures whose unit, period and scope stand in the caption, header and row label.

    Перевозки через переходы, январь – июнь, млн тонн
    Переход | 1П 2024 | 1П 2025 | Изм., %
    Достык – Алашанькоу | 8,6 | 8,9 | +3,5
    Итого с КНР | 15,0 | 16,4 | +9,3

The latest period column holds the facts (the earlier one is the comparison base), a
"%" / "change" column their year-on-year change; the caption gives the unit ("млн тонн",
"thousand TEU") and the span of months the header's years stand for ("январь – июнь",
"H1"); each row's label gives its scope, a total row ("Итого с КНР", "Total") the
bilateral total when the rows above it are the crossings with China.

Plain-text tables are read the same way, their columns set apart by tabs or runs of spaces:

    Переход                  Объем, млн т     Изменение, %
    Достык – Алашанькоу      9,8              +3,2
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from worker.facts import scopes
from worker.facts.directions import direction_for
from worker.facts.metrics import plausible
from worker.facts.model import Period, Reading
from worker.facts.numbers import AFTER_NUMBER, NUMBER, multiplier_value, parse_number
from worker.facts.quantities import Unit, label_unit, unit_at

if TYPE_CHECKING:
    from worker.facts.document import Document
    from worker.facts.scopes import ScopeMention
    from worker.facts.sentences import Sentence

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# "1П", "2 пг", "H1", "I полугодие", "Q3", "1 кв.", "9М", "9 мес.", "9m", "1-жартыжылдық"
_SPAN = re.compile(
    r"(?<![\w.])(?:(?P<half>[12])\s*-?\s*(?:п|пг|полуг\w*|h|half|жартыжыл\w*)|h(?P<half_>[12])|"
    r"(?P<roman>ii|i)\s+(?:п\.?|пг|полуг\w*|half)|(?P<quarter>[1-4])\s*-?\s*(?:кв\.?|q|квартал\w*|тоқсан\w*)|"
    r"q(?P<quarter_>[1-4])|(?P<months>\d{1,2})\s*-?\s*(?:м|мес\.?|m|mo|months|ай\w*))(?!\w)")
_CHANGE_HEADER = re.compile(r"%|изм|change|рост|прирост|динамик|y/y|yoy|г/г|өзгеріс|өсім|\+/-|±|diff")
_NOT_FACT_HEADER = re.compile(r"план|plan|прогноз|forecast|target|жоспар|болжам|цель")
_TOTAL_LABEL = re.compile(r"(?<!\w)(?:итого|всего|total|overall|барлығы|жиыны|сумма|combined)(?!\w)")
_SIGNED = re.compile(r"([+-]?)\s*(\d+(?:[.,]\d+)?)")
_SEPARATOR = re.compile(r"[\s:\-|]*")
_GAP = re.compile(r"[^\S\n]*\t[^\S\n]*|[^\S\n]{2,}")
"""A column gap of a plain-text table (on the original text, where tabs are still tabs)."""
_PLAIN_CELL = re.compile(r"[+-]?\s*\d[\d\s.,]*\s*%?|[-—–]|н/д|n/a")
"""What a data cell of a plain-text table holds: a number, a change, a dash."""
_MAX_PLAIN_LINE = 160
_MAX_PLAIN_CELL = 60
_MAX_GAP = 3
"""Lines from the caption to the header (blank lines included)."""


class _Row(NamedTuple):
    sentence: Sentence
    """The sentence the row's label is in (for its cues)."""
    start: int
    end: int
    """The whole line: a row is a line, even where a dot cut it into sentences ("9 мес. 2025")."""
    cells: list[tuple[int, int]]
    """Offsets of each cell's text (stripped)."""
    plain: bool = False
    """Columns set apart by gaps, not bars."""


def table_readings(doc: Document, mentions: dict[int, list[ScopeMention]]) -> tuple[list[Reading], set[int]]:
    """The facts of the article's pipe tables, and the sentences (rows) they were read from."""
    text = doc.normalized
    plain = "  " in text or "\t" in doc.text  # (two cheap scans: most articles have neither)
    if "|" not in text and not plain:
        return [], set()
    readings: list[Reading] = []
    rows_taken: set[int] = set()
    block: list[_Row] = []
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        row = _row(doc, start, end)
        if row is None and plain:
            row = _plain_row(doc, start, end)
        if row is not None and block and row.plain != block[-1].plain:
            readings += _read_block(doc, block, mentions, rows_taken)
            block = []
        if row is not None:
            block.append(row)
        else:
            readings += _read_block(doc, block, mentions, rows_taken)
            block = []
        start = end + 1
    readings += _read_block(doc, block, mentions, rows_taken)
    return readings, rows_taken


def _row(doc: Document, start: int, end: int) -> _Row | None:
    text = doc.normalized
    if text.count("|", start, end) < 2:
        return None
    cells: list[tuple[int, int]] = []
    line_start, line_end = start, end
    while start <= line_end:
        bar = text.find("|", start, line_end)
        end = line_end if bar < 0 else bar
        left, right = start, end
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        cells.append((left, right))
        start = end + 1
    if cells and cells[0][0] == cells[0][1]:
        cells.pop(0)  # "| Достык | 8,6 |": a leading bar
    if cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    sentence = doc.sentence_at(cells[0][0]) if cells else None
    if sentence is None or len(cells) < 2:
        return None
    while line_start < line_end and text[line_start].isspace():
        line_start += 1
    while line_end > line_start and text[line_end - 1].isspace():
        line_end -= 1
    return _Row(sentence, line_start, line_end, cells)


def _plain_row(doc: Document, start: int, end: int) -> _Row | None:
    """A line of a plain-text table: short cells set apart by tabs or two or more spaces
    ("Достык – Алашанькоу      9,8      +3,2"); not a prose line with a double space in it."""
    if end - start > _MAX_PLAIN_LINE:
        return None
    raw = doc.text
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    cells: list[tuple[int, int]] = []
    left = start
    for gap in _GAP.finditer(raw, start, end):
        cells.append((left, gap.start()))
        left = gap.end()
    if not cells:
        return None
    cells.append((left, end))
    if any(b - a > _MAX_PLAIN_CELL for a, b in cells):
        return None
    sentence = doc.sentence_at(start)
    return _Row(sentence, start, end, cells, True) if sentence is not None else None


def _plain_table(doc: Document, header: _Row, rows: list[_Row]) -> bool:
    """A plain block is a table when every row has the header's columns (the header may leave
    the label column blank), a label with letters and only numbers after it."""
    text = doc.normalized
    if len(rows) < 2:
        return False
    width = len(rows[0].cells)
    if width < 2 or len(header.cells) not in (width, width - 1):
        return False
    named = header.cells[len(header.cells) - width + 1:]
    if not any(_YEAR.fullmatch(text, a, b) or any(c.isalpha() for c in text[a:b]) for a, b in named):
        return False  # "Экспорт   5,1" over "Импорт   3,2": a list of figures, no header
    for row in rows:
        if len(row.cells) != width or not any(c.isalpha() for c in text[row.cells[0][0]:row.cells[0][1]]):
            return False
        if not all(_PLAIN_CELL.fullmatch(text, a, b) for a, b in row.cells[1:]):
            return False
    return True


def _read_block(doc: Document, block: list[_Row], mentions: dict[int, list[ScopeMention]],
                rows_taken: set[int]) -> list[Reading]:
    text = doc.normalized
    block = [r for r in block if not _SEPARATOR.fullmatch(text, r.start, r.end)]
    if len(block) < 2:
        return []
    if block[0].plain:
        header = block[0]
        if not _plain_table(doc, header, block[1:]):
            return []
        if len(header.cells) < len(block[1].cells):  # "        2024     2025": no label header
            block[0] = header._replace(cells=[(header.start, header.start), *header.cells])
    header, rows = block[0], block[1:]
    caption = _caption(doc, header)
    caption_span = (caption.start, caption.end) if caption is not None else (header.start, header.start)
    found = label_unit(text, *caption_span) or label_unit(text, header.start, header.end)
    caption_period = _caption_period(doc, caption)
    column, period = _value_column(doc, header, caption_period)
    if column is None or period is None:
        return []
    change_column = next((j for j, (start, end) in enumerate(header.cells)
                          if j > 0 and j != column and _CHANGE_HEADER.search(text, start, end)), None)
    caption_scope = scopes.pick(scopes.explicit_in(mentions.get(caption.index, []))) if caption is not None else None
    per_day = doc.has("per_day", *caption_span) or doc.has("per_day", header.start, header.end)
    readings: list[Reading] = []
    seen: list[str] = []
    for row in rows:
        row_sentences = range(row.sentence.index, _sentence_index(doc, row.end - 1) + 1)
        rows_taken.update(row_sentences)
        if column >= len(row.cells):
            continue
        label = row.cells[0]
        named = [m for i in row_sentences for m in mentions.get(i, [])]
        scope = _row_scope(doc, named, label, seen, caption_scope)
        if scope is None:
            continue
        unit_found = label_unit(text, *label) or found
        reading = _cell_reading(doc, row, column, change_column, unit_found, scope, period,
                                per_day or doc.has("per_day", *label), caption)
        if reading is not None:
            readings.append(reading)
    return readings


def _sentence_index(doc: Document, offset: int) -> int:
    sentence = doc.sentence_at(offset)
    return sentence.index if sentence is not None else -1


def _caption(doc: Document, header: _Row) -> Sentence | None:
    """The line right above the table (a blank line between allowed)."""
    text = doc.normalized
    above = header.start - 1
    while above >= 0 and text[above].isspace():
        above -= 1
    caption = doc.sentence_at(above) if above >= 0 else None
    if caption is None or text.count("\n", caption.end, header.start) >= _MAX_GAP:
        return None
    return caption


def _caption_period(doc: Document, caption: Sentence | None) -> Period | None:
    if caption is None:
        return None
    found = [m.period for m in doc.periods_in(caption.start, caption.end)
             if m.period is not None and not m.comparison and m.kind not in ("day", "day_range")]
    return found[-1] if found else None


def _value_column(doc: Document, header: _Row, caption_period: Period | None) -> tuple[int | None, Period | None]:
    """The column of the latest period (not a plan's, not one still to come), with its period."""
    text = doc.normalized
    best: tuple[int | None, Period | None] = (None, None)
    for j, (start, end) in enumerate(header.cells):
        if j == 0 or _NOT_FACT_HEADER.search(text, start, end) or (
                _CHANGE_HEADER.search(text, start, end) and not _YEAR.search(text, start, end)):
            continue
        period = _column_period(doc, start, end, caption_period)
        if period is None or (doc.reference is not None and period[0] > doc.reference):
            continue
        if best[1] is None or period[1] > best[1][1]:
            best = (j, period)
    if best[0] is None and caption_period is not None:
        plain = [j for j, (start, end) in enumerate(header.cells)
                 if j > 0 and not _CHANGE_HEADER.search(text, start, end)
                 and not _NOT_FACT_HEADER.search(text, start, end)]
        if len(plain) == 1:
            return plain[0], caption_period
    return best


def _column_period(doc: Document, start: int, end: int, caption_period: Period | None) -> Period | None:
    """"1П 2025" -> first half of 2025; "2025" under a caption "январь – июнь" -> Jan–Jun 2025."""
    text = doc.normalized
    own = [m.period for m in doc.periods_in(start, end) if m.period is not None and not m.comparison]
    year_match = _YEAR.search(text, start, end)
    if year_match is None:
        return own[-1] if own else None
    year = int(year_match.group())
    span = _SPAN.search(text, start, end)
    if span is not None:
        return _span_period(span, year)
    if own and own[-1][0].year == year and own[-1] != (date(year, 1, 1), date(year, 12, 31)):
        return own[-1]
    if caption_period is not None and caption_period[0].year == caption_period[1].year:
        return _with_year(caption_period, year)
    return date(year, 1, 1), date(year, 12, 31)


def _span_period(span: re.Match[str], year: int) -> Period:
    half = span.group("half") or span.group("half_")
    if span.group("roman"):
        half = "2" if span.group("roman") == "ii" else "1"
    if half:
        return (date(year, 1, 1), date(year, 6, 30)) if half == "1" else (date(year, 7, 1), date(year, 12, 31))
    quarter = span.group("quarter") or span.group("quarter_")
    if quarter:
        first = 3 * int(quarter) - 2
        return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])
    months = min(12, max(1, int(span.group("months"))))
    return date(year, 1, 1), date(year, months, calendar.monthrange(year, months)[1])


def _with_year(period: Period, year: int) -> Period:
    start, end = period
    last = calendar.monthrange(year, end.month)[1]
    return date(year, start.month, min(start.day, calendar.monthrange(year, start.month)[1])), \
        date(year, end.month, last if end.day >= 28 else end.day)


def _row_scope(doc: Document, mentions: list[ScopeMention], label: tuple[int, int], seen: list[str],
               caption_scope: str | None) -> str | None:
    """The scope the row label names; a total row is the bilateral total when it names China
    or sums the crossings with China listed above it."""
    scope = scopes.pick([m for m in scopes.explicit_in(mentions) if label[0] <= m.start < label[1]])
    if scope is not None:
        seen.append(scope)
        return scope
    if _TOTAL_LABEL.search(doc.normalized, *label):
        china = scopes.CHINA.search(doc.normalized, *label) is not None
        crossings = set(seen)
        seen.clear()
        if china or (len(crossings) >= 2 and crossings <= set(scopes.CROSSINGS)):
            return "kz-cn"
        return caption_scope if not crossings else None
    text = doc.normalized
    if seen or not (label_unit(text, *label) or doc.has("dir", *label) or doc.has("to_china", *label)
                    or doc.has("from_china", *label)):
        return None  # "Уголь | 5,0 | 5,5" under a crossing's caption: a commodity's share, not its traffic
    return caption_scope


def _cell_reading(doc: Document, row: _Row, column: int, change_column: int | None,
                  found: tuple[Unit, float] | None, scope: str, period: Period, per_day: bool,
                  caption: Sentence | None) -> Reading | None:
    text = doc.normalized
    start, end = row.cells[column]
    number = NUMBER.search(text, start, end)
    if number is None:
        return None
    multiplier = found[1] if found is not None else 1.0
    after = AFTER_NUMBER.match(text, number.end(), end)
    position = number.end()
    if after is not None and after.lastgroup in ("m", "short"):
        multiplier = multiplier_value(after.group(after.lastgroup))
        position = after.end()
    elif after is not None:
        return None  # a percentage, not a figure
    own = unit_at(text, position)
    unit = own[0] if own is not None and own[1] < end else (found[0] if found is not None else None)
    value = parse_number(number.group(), doc.language == "en", multiplier != 1.0)
    if unit is None or value is None or value <= 0:
        return None
    metric = {"tonnes": "freight_tonnes", "teu": "containers_teu", "wagons": "wagons",
              "trains": "trains_per_day" if per_day else "trains"}.get(unit.kind)
    if metric is None or unit.annual:
        return None
    value = round(value * multiplier * unit.scale, 4)
    if scopes.is_monitored(scope) and not plausible(metric, value, None if per_day else period):
        return None
    direction = direction_for(doc, row.sentence, row.cells[0][0])
    if direction is None and caption is not None:
        direction = direction_for(doc, caption, caption.end - 1)
    reading = Reading(metric, value, scope, direction or "total", period, None, doc.text[row.start:row.end],
                      row.start, row.end, number.start())
    if change_column is not None and change_column < len(row.cells):
        signed = _SIGNED.search(text, *row.cells[change_column])
        if signed is not None:
            pct = float(signed.group(2).replace(",", "."))
            reading.change_pct = -pct if signed.group(1) == "-" else pct
    return reading
