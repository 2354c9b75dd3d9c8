"""Quantities as the three languages write them: a number, a multiplier, a unit.

"22,2 млн тонн", "2,8 million tonnes", "1 185 306 тонн", "64,500 tons", "12.6 million",
"14,9 мың ЖФЕ", "шести — восьми часов", "8 165 грузовых поездов", "15 daily trains".
Everything runs on the normalized text (``text.normalize``): lower case, one space,
one dash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- numbers written with digits ---------------------------------------------------------
# Space-grouped thousands ("17 751 000"), comma/period decimals or thousands, plain digits.
# Not part of a date (25.07.2025), a time (09:55) or a longer number.
NUMBER = re.compile(r"(?<![\d.,:/])(\d{1,3}(?: \d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d:/]|[.,]\d)")


def parse_digits(token: str, language: str) -> float | None:
    """Russian and Kazakh write decimals with a comma and thousands with a space;
    English writes thousands with a comma (64,500) except before a multiplier word
    (RailFreight's "2,8 million"), which the caller signals with ``language='en-mult'``."""
    token = token.replace(" ", "")
    if "," in token and "." in token:
        token = token.replace(",", "")
    elif "," in token:
        head, _, tail = token.rpartition(",")
        thousands = language == "en" and len(tail) == 3 and "," not in head
        token = head + tail if thousands else head.replace(",", "") + "." + tail
    try:
        return float(token)
    except ValueError:
        return None


# --- numbers written as words ------------------------------------------------------------
_WORDS: dict[str, float] = {}
for value, forms in {
    1: "один одна одно одного одной одному одним одном one бір",
    2: "два две двух двум двумя two екі",
    3: "три трех трём трем тремя three үш",
    4: "четыре четырех четырём четырем four төрт",
    5: "пять пяти пятью five бес",
    6: "шесть шести шестью six алты",
    7: "семь семи seven жеті",
    8: "восемь восьми восемью eight сегіз",
    9: "девять девяти nine тоғыз",
    10: "десять десяти ten он",
    11: "одиннадцать одиннадцати eleven",
    12: "двенадцать двенадцати twelve",
    15: "пятнадцать пятнадцати fifteen",
    20: "двадцать двадцати twenty жиырма",
    24: "двадцать-четыре",
    30: "тридцать тридцати thirty отыз",
    40: "сорок сорока forty қырық",
    50: "пятьдесят пятидесяти fifty елу",
    100: "сто ста hundred жүз",
}.items():
    for form in forms.split():
        _WORDS[form] = float(value)
# "он" (ten) is also a Russian pronoun: only as a number right before a unit, which the
# unit grammar below requires anyway.
WORD_NUMBER = re.compile(r"(?<![\w-])(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?![\w-])")


def word_value(word: str) -> float:
    return _WORDS[word]


# --- multipliers and units -----------------------------------------------------------------
MULTIPLIER = re.compile(
    r"\s*(?P<mult>млрд|миллиард\w*|billion|bn|млн|миллион\w*|million|mln|mn|тыс|тысяч\w*|thousand|мың)"
    r"(?:\.(?=\s*(?:t|т)\b)|\.?(?![а-яa-zәғқңөұүһі]))"
)
_MULTIPLIERS = {"млрд": 1e9, "миллиард": 1e9, "billion": 1e9, "bn": 1e9, "млн": 1e6, "миллион": 1e6,
                "million": 1e6, "mln": 1e6, "mn": 1e6, "тыс": 1e3, "тысяч": 1e3, "thousand": 1e3, "мың": 1e3}


def multiplier_value(word: str) -> float:
    word = word.rstrip(".")
    for prefix, value in _MULTIPLIERS.items():
        if word.startswith(prefix):
            return value
    return 1.0


@dataclass(frozen=True, slots=True)
class Unit:
    kind: str
    """tonnes, teu, trains, wagons, hours"""
    scale: float = 1.0
    annual: bool = False
    """"tonnes per year": a capacity."""


# Adjectives that may stand between a number and its unit ("8 165 грузовых поездов",
# "7,000 China-Europe trains", "100-ден астам контейнерлік пойыз").
_FILLER = (r"(?:\s+(?!(?:в|на|и|до|с|по|за|из|to|and|or|from|of|in|per|mm|km|kg|cm|мм|км|кг|см|м|m)\b)"
           r"[a-zа-яәғқңөұүһі'\-]{2,}(?![a-zа-яәғқңөұүһі])){0,3}?")
_TONNES = r"тонн\w*|тонна\w*|tonnes?|tons?\b"
_PER_YEAR = r"(?:\s*(?:/|в|per|a|за)\s*(?:год|year|annum|yr)\b|\s+жылына|\s+annually|\s+ежегодно)"
UNIT = re.compile(
    r"(?:-?(?:й|ый|ой|ий|го|th|st|nd|rd|ші|шы|ден|дан|нан|нен)\b)?"  # 1000-й, 100-ден
    + _FILLER + r"\s*(?:\(\s*)?(?P<unit>"
    r"(?P<tonnes>(?:" + _TONNES + r"))(?P<annual>" + _PER_YEAR + r")?"
    r"|(?P<teu>teus?|дфэ|дфе|жфэ|жфе|twenty-foot equivalent units?|контейнеров в дфэ)"
    r"|(?P<trains>поезд\w*|состав(?:а|ов|ы)?\b|trains?\b|пойыз\w*|пар(?:ы|ам)?\s+поезд\w*|пар(?:ы)?\b|pairs?\s+of\s+trains)"
    r"|(?P<wagons>вагон\w*|railcars?|wagons?|railway cars)"
    r"|(?P<hours>час(?:а|ов)?\b|hours?\b|hrs?\b|сағат\w*)"
    r"|(?P<minutes>минут\w*|мин\b|minutes?\b|mins?\b)"
    r"|(?P<days>дн(?:я|ей)\b|день\b|суток\b|сутки\b|days?\b|күн\w*|тәулік\w*)"
    r")"
)
# One-letter units ("22 млн т", "18 mln.t", "16 ч") only right after the number.
SHORT_UNIT = re.compile(r"\s*(?P<tonnes>т|t)(?![а-яa-z])|\s*(?P<hours>ч)(?![а-я])")
_UNIT_SCALE = {"minutes": 1 / 60, "days": 24.0}


def unit_at(normalized: str, position: int) -> tuple[Unit, int, int] | None:
    """The unit right after ``position`` (after fillers): (unit, unit start, unit end)."""
    short = SHORT_UNIT.match(normalized, position)
    if short is not None:
        kind = "tonnes" if short.group("tonnes") else "hours"
        return Unit(kind), short.start(kind), short.end()
    match = UNIT.match(normalized, position)
    if match is None:
        return None
    for kind in ("tonnes", "teu", "trains", "wagons", "hours", "minutes", "days"):
        if match.group(kind):
            scale = _UNIT_SCALE.get(kind, 1.0)
            base = "hours" if kind in ("minutes", "days") else kind
            annual = kind == "tonnes" and bool(match.group("annual"))
            return Unit(base if kind != "days" else "days", scale, annual), match.start("unit"), match.end()
    return None


# Approximations and bounds before a number, which do not change the value.
APPROXIMATELY = re.compile(
    r"(?:более|свыше|около|почти|порядка|примерно|приблизительно|до|не менее|не более|более чем|"
    r"more than|over|about|nearly|almost|around|approximately|roughly|some|up to|at least|no more than|"
    r"just|only|всего|лишь|астам|шамамен|жуық)\s*$"
)

# Percentages and multiplicative changes ("в 2 раза", "doubled", "by 4 times", "2 есе").
PERCENT = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(?:%|процент\w*|проц\.?|per ?cent|pct|пайыз\w*)")
TIMES = re.compile(
    r"(?:в|by)?\s*(\d+(?:[.,]\d+)?|два|две|три|четыре|пять|two|three|four|five)\s*(?:раз[а]?\b|times\b|есе\w*|-fold)"
    r"|(?P<double>вдвое|doubled|two-fold|twofold|удвоил\w*|удвоен\w*|екі есе)"
)
