"""From a quantity to a fact: its metric, and whether it is a fact at all.

A number with a unit is a candidate; it is dropped when it is a stock (a queue of
wagons), a plan or forecast (volumes only: limits and capacities are announced in
advance by nature), an amount of growth ("вырос на 2,7 млн тонн"), or a plan target.
"""

from __future__ import annotations

import re

from worker.extractor import vocabulary as v
from worker.extractor.document import Document
from worker.extractor.quantities import Quantity
from worker.extractor.text import Sentence, clause_bounds

_EXPERIMENT = re.compile(r"(?<!\w)(?:experiment\w*|эксперимент\w*|pilot\w*|пилотн\w*|тестов\w*|trial\w*)")
_OR_PERCENT = re.compile(r"\s*[\wа-яәғқңөұүһі]*\s*,?\s*(?:немесе|или|or)\s+(?:на\s+|by\s+)?\d+(?:[.,]\d+)?\s*"
                         r"(?:%|пайыз|процент|per\s?cent|есе|раз|times)")
_OR_AFTER_CHANGE = re.compile(r"(?:%|пайыз\w*|процент\w*|есе|раза?|times)\s*,?\s*(?:немесе|или|or)\s*(?:на|by)?\s*$")
_BARE_BY = re.compile(r"(?<!\w)(?:на|by)\s*(?:более|почти|около|свыше|more\s+than|almost|nearly|about|some)?\s*$")
_COMPARED_VALUE = re.compile(r"(?<!\w)(?:compared\s+(?:with|to)|по\s+сравнению\s+с|против|against|versus|vs\.?|"
                             r"(?<!more\s)(?<!less\s)(?<!fewer\s)(?<!greater\s)(?<!higher\s)(?<!lower\s)than|"
                             r"(?<!больше\s)(?<!более\s)(?<!меньше\s)(?<!менее\s)чем|"
                             r"up\s+from|down\s+from|from\s+a\s+year\s+earlier)\s*(?:about|around|около|almost|nearly)?\s*$")
_AVERAGE = re.compile(r"(?<!\w)(?:в\s+среднем|average\w*|среднесуточн\w*|орта\s+есеппен)")
_COUNT_NOUN = re.compile(
    r"(?:количеств\w*|числ[оа]\w*|number)\s+(?:of\s+)?(?:[\w/-]+\s+){0,4}?"
    r"(?P<unit>поезд\w*|состав\w*|trains|вагон\w*|railcars|wagons|пойыз\w*|отправлен\w*\s+поезд\w*)"
)
_LINKING = re.compile(r"(?:превысил\w*|составил\w*|достиг\w*|reached|exceeded|amounted\s+to|totall?ed|was|were|"
                      r"составляет)\s*"
                      r"(?:более|свыше|почти|около|over|more\s+than|almost|about)?\s*$")


def metric_of(doc: Document, sentence: Sentence, quantity: Quantity) -> str | None:
    """The contract metric of a quantity, or None when its unit says it is not freight."""
    unit = quantity.unit
    if unit is None:
        return None
    clause = clause_bounds(doc.normalized, sentence, quantity.start)
    span = (sentence.start, sentence.end)
    unit_text = doc.normalized[quantity.start:quantity.end]
    if unit.kind == "tonnes":
        if unit.annual or doc.cue("CAPACITY").any(*clause):
            return "capacity_tonnes_per_year"
        return "freight_tonnes"
    if unit.kind == "teu":
        return None if doc.cue("CAPACITY").any(*clause) else "containers_teu"
    if unit.kind == "trains":
        per_day = doc.cue("PER_DAY").any(*clause) or bool(v.PER_DAY.search(unit_text)) or (
            doc.cue("PER_DAY").any(*span) and bool(_AVERAGE.search(doc.normalized, sentence.start, sentence.end)))
        if per_day:
            # a number of daily trains agreed, permitted or planned is a limit, not traffic
            limit = doc.cue("LIMIT").any(*span) or doc.cue("FUTURE").any(*clause)
            return "train_limit_per_day" if limit else "trains_per_day"
        return "trains"
    if unit.kind == "wagons":
        per_day = doc.cue("PER_DAY").any(*clause) or bool(v.PER_DAY.search(unit_text))
        return None if per_day else "wagons"
    if unit.kind in ("hours", "days"):
        # the processing named before the time ("оформление ... 16 часов"), not a journey
        # "in five days after transshipment"
        return "processing_hours" if doc.cue("PROCESSING").any(sentence.start, quantity.start) else None
    return None


def is_fact(doc: Document, sentence: Sentence, quantity: Quantity, metric: str) -> bool:
    """False for stocks, plans, growth amounts and plan targets."""
    normalized = doc.normalized
    clause = clause_bounds(normalized, sentence, quantity.start)
    if doc.inside_period(quantity.start):
        return False
    before = normalized[max(sentence.start, quantity.start - 60):quantity.start]
    after = normalized[quantity.end:quantity.end + 40]
    if _OR_PERCENT.match(after) or _OR_AFTER_CHANGE.search(before):
        return False  # "на 6 млн тонн, или на 43%": an amount of growth
    if _COMPARED_VALUE.search(before):
        return False  # "compared with 150 000 TEU a year earlier"
    if _BARE_BY.search(before) and (doc.cue("INCREASE").any(clause[0], quantity.start)
                                    or doc.cue("DECREASE").any(clause[0], quantity.start)):
        return False  # "increase capacity ... by 10 million tons"
    if metric in ("freight_tonnes", "containers_teu", "trains", "wagons", "trains_per_day"):
        if doc.cue("STOCK").any(sentence.start, sentence.end) or _EXPERIMENT.search(normalized, *clause):
            return False
        if doc.cue("FUTURE").any(*clause):
            return False
        if v.PLAN_FIGURE.search(before[-25:]):
            return False
        if v.GROWTH_BY.search(before):
            return False
        unit_end = quantity.unit_span[1] if quantity.unit_span else quantity.end
        if v.KAZAKH_GROWTH_BY.match(normalized[unit_end:unit_end + 40].lstrip()):
            return False
    elif metric == "processing_hours" and doc.cue("FUTURE").any(*clause):
        return False
    return True


_INCLUDING = re.compile(r"(?<!\w)(?:в\s+том\s+числе|в\s+т\.\s?ч\.|including|of\s+which|из\s+них|из\s+которых|"
                        r"оның\s+ішінде|соның\s+ішінде)")
_ELLIPSIS_MARK = re.compile(r"(?:-|:)\s*(?:более|почти|около|over|about|almost)?\s*$")


def ellipsis_unit(doc: Document, sentence: Sentence, quantity: Quantity, earlier: list[Quantity]) -> Quantity | None:
    """"1 820 поездов, в том числе через Достык – 1 050": the unit of the total, repeated."""
    marked = _ELLIPSIS_MARK.search(doc.normalized[max(sentence.start, quantity.start - 12):quantity.start])
    if not marked and quantity.multiplier == 1.0:
        return None
    for previous in earlier:  # the total comes first, then its parts
        if previous.start >= quantity.start:
            break
        if previous.unit is not None and previous.start >= sentence.start \
                and _INCLUDING.search(doc.normalized[previous.end:quantity.start]):
            return previous
    return None


def count_noun_unit(doc: Document, sentence: Sentence, quantity: Quantity) -> str | None:
    """"количество поездов ... превысило 8 000": the unit stands before the number."""
    before = doc.normalized[max(sentence.start, quantity.start - 200):quantity.start]
    if not _LINKING.search(before) and quantity.role not in ("old", "new", "lower"):
        return None
    matches = list(_COUNT_NOUN.finditer(before))
    if not matches:
        return None
    unit = matches[-1].group("unit")
    return "wagons" if unit.startswith(("вагон", "railcar", "wagon")) else "trains"
