"""Numbers as the three languages write them, and the multipliers that scale them.

"22,2 млн", "2,8 million", "1 185 306", "64,500", "12.6 million", "14,9 мың", "млрд",
"тыс.", "thousand", number words ("шести", "two", "екі"), percentages ("почти на 11%",
"+4.3 per cent", "13 пайызға") and multiplicative changes ("вдвое", "в 4 раза",
"doubled", "two-fold", "2 есе"). All patterns run on the normalized text.
"""

from __future__ import annotations

import re

# Space-grouped thousands ("17 751 000"), comma or dot thousands in two or more groups
# ("1,185,306"), a decimal or ambiguous comma/dot ("22,2", "64,500"), plain digits; never
# part of a date (25.07.2025), a time (09:55), a code ("Ил-76") or a longer number.
# (It starts with a digit, and checks what precedes that digit, so the engine can skip
# ahead to digits: three times faster than leading with the look-behinds.)
NUMBER = re.compile(
    r"\d(?<![\w.,:/]\d)(?<![^\W\d_]-\d)"
    r"(?:\d{0,2}(?: \d{3})+(?:[.,]\d+)?|\d{0,2}(?:,\d{3}){2,}(?:\.\d+)?|\d{0,2}(?:\.\d{3}){2,}(?:,\d+)?"
    r"|\d*(?:[.,]\d+)?)"
    r"(?![\d:/]|[.,]\d)"
)


def parse_number(token: str, english: bool, before_multiplier: bool) -> float | None:
    """Russian and Kazakh write decimals with a comma and thousands with a space;
    English writes thousands with a comma ("64,500"), except before a multiplier, where
    outlets translating from Russian keep the comma decimal ("2,8 million tonnes")."""
    token = token.replace(" ", "")
    if token.count(",") > 1:  # "1,185,306"
        token = token.replace(",", "")
    elif token.count(".") > 1:  # "1.185.306,5"
        token = token.replace(".", "").replace(",", ".")
    elif "," in token and "." in token:
        token = token.replace(",", "")
    elif "," in token:
        head, _, tail = token.partition(",")
        thousands = english and len(tail) == 3 and not before_multiplier
        token = head + tail if thousands else head + "." + tail
    try:
        return float(token)
    except ValueError:
        return None


# --- number words --------------------------------------------------------------------------
_NUMBER_WORDS: dict[float, str] = {
    1: "один одна одно одного одной одному одним одном one бір",
    2: "два две двух двум двумя two екі",
    3: "три трех трем тремя трёх three үш",
    4: "четыре четырех четырем четырьмя four төрт",
    5: "пять пяти пятью five бес",
    6: "шесть шести шестью six алты",
    7: "семь семи семью seven жеті",
    8: "восемь восьми восемью eight сегіз",
    9: "девять девяти девятью nine тоғыз",
    10: "десять десяти десятью ten он",
    11: "одиннадцать одиннадцати eleven",
    12: "двенадцать двенадцати twelve",
    13: "тринадцать тринадцати thirteen",
    14: "четырнадцать четырнадцати fourteen",
    15: "пятнадцать пятнадцати fifteen",
    16: "шестнадцать шестнадцати sixteen",
    17: "семнадцать семнадцати seventeen",
    18: "восемнадцать восемнадцати eighteen",
    19: "девятнадцать девятнадцати nineteen",
    20: "двадцать двадцати twenty жиырма",
    24: "двадцать-четыре",
    30: "тридцать тридцати thirty отыз",
    40: "сорок сорока forty қырық",
    48: "сорок-восемь",
    50: "пятьдесят пятидесяти fifty елу",
    60: "шестьдесят шестидесяти sixty алпыс",
    70: "семьдесят семидесяти seventy жетпіс",
    80: "восемьдесят восьмидесяти eighty сексен",
    90: "девяносто девяноста ninety тоқсан",
    72: "семьдесят-два",
    100: "сто ста hundred жүз",
    1.5: "полтора полторы полутора",  # "полтора часа", "в течение полутора часов"
}
WORD_VALUES: dict[str, float] = {form: value for value, forms in _NUMBER_WORDS.items() for form in forms.split()}
NUMBER_TERMS: dict[str, tuple[str, ...]] = {"numword": tuple(w.replace("ё", "е") for w in WORD_VALUES)}


def word_value(word: str) -> float | None:
    return WORD_VALUES.get(word) or WORD_VALUES.get(_DASH.sub("-", word))


def compound_word_value(tens: str, units: str) -> float | None:
    """"тридцать три", "thirty-three", "жиырма бес": a ten and a unit make one number."""
    ten, unit = word_value(tens), word_value(units)
    if ten is None or unit is None or not (20 <= ten < 100 and ten % 10 == 0 and 1 <= unit <= 9):
        return None
    return ten + unit


_DASH = re.compile(r"\s*-\s*")


# --- multipliers ----------------------------------------------------------------------------
_MULTIPLIERS = (("млрд", 1e9), ("миллиард", 1e9), ("billion", 1e9), ("bn", 1e9), ("млн", 1e6), ("миллион", 1e6),
                ("million", 1e6), ("mln", 1e6), ("mn", 1e6), ("m", 1e6), ("тыс", 1e3), ("тысяч", 1e3),
                ("thousand", 1e3), ("мың", 1e3), ("k", 1e3))


# Everything that may follow a number at once, so each number costs one match: a percentage,
# a factor, or a multiplier.
AFTER_NUMBER = re.compile(
    r"\s*(?:(?P<pct>%|процент\w*|проц\b\.?|per\s*cent\w*|pct\b|percentage\s+points?|п\.\s*п\.|пайыз\w*)"
    r"|(?P<times>раз[а]?(?!\w)|times(?!\w)|есе\w*|-?fold(?!\w)|еселе\w*)"
    r"|(?P<m>млрд|миллиард\w*|billion|bn|млн|миллион\w*|million|mln|mn|тыс|тысяч\w*|thousand|мың(?:нан|ға|ды|ның)?)"
    r"(?:\.(?=\s*(?:t|т)\b)|\.?(?![a-zа-яәғқңөұүһі]))"
    r"|(?P<short>m|k)(?=\s*(?:tonnes|tons?|t|teus?)\b))"
)


def multiplier_value(word: str) -> float:
    for prefix, value in _MULTIPLIERS:
        if word.startswith(prefix):
            return value
    return 1.0


# --- changes ---------------------------------------------------------------------------------
# Words that are a multiplicative change by themselves.
DOUBLING_TERMS: dict[str, tuple[str, ...]] = {
    "times:2": ("вдвое", "doubled", "doubling", "double", "two-fold", "twofold", "удвоил*", "удвоен*",
                "екі есе*", "екі еселен*"),
    "times:3": ("втрое", "tripled", "three-fold", "threefold", "утроил*", "үш есе*"),
}


def times_to_pct(factor: float) -> float | None:
    """"в 4 раза" -> +300 %; a factor of one or less is not a stated growth."""
    return round((factor - 1) * 100, 4) if factor > 1 else None
