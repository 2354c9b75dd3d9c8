"""Numbers, multipliers, number words, percentages and factors in the three languages."""

from __future__ import annotations

import pytest

from worker.facts.document import read
from worker.facts.numbers import NUMBER, parse_number, times_to_pct, word_value


@pytest.mark.parametrize(("token", "english", "before_multiplier", "value"), [
    ("22,2", False, True, 22.2), ("1 185 306", False, False, 1185306), ("64,500", True, False, 64500),
    ("12.6", True, True, 12.6), ("2,8", True, True, 2.8), ("1,060", True, False, 1060),
    ("17 751 000", False, False, 17751000), ("1,485", False, True, 1.485), ("1,185,306", True, False, 1185306),
    ("1.185.306", False, False, 1185306), ("14,9", False, True, 14.9), ("0,5", False, False, 0.5),
])
def test_digits(token: str, english: bool, before_multiplier: bool, value: float) -> None:
    assert parse_number(token, english, before_multiplier) == pytest.approx(value)


@pytest.mark.parametrize(("text", "numbers"), [
    ("25.07.2025, 09:55", []), ("Ил-76", []), ("1 185 306 тонн", ["1 185 306"]), ("12-14 hours", ["12", "14"]),
    ("2026-01-13", ["2026", "01", "13"]), ("-2%", ["2"]), ("в 2023, 100", ["2023", "100"]),
])
def test_what_counts_as_a_number(text: str, numbers: list[str]) -> None:
    assert [m.group() for m in NUMBER.finditer(text)] == numbers


@pytest.mark.parametrize(("word", "value"), [("шести", 6), ("восьми", 8), ("two", 2), ("екі", 2), ("трёх", 3),
                                             ("one", 1), ("сорок-восемь", 48)])
def test_number_words(word: str, value: float) -> None:
    assert word_value(word) == value


@pytest.mark.parametrize(("text", "language", "value"), [
    ("22,2 млн тонн", "ru", 22_200_000), ("2,8 million tonnes", "en", 2_800_000), ("14,9 мың ЖФЕ", "kk", 14_900),
    ("64,500 tons", "en", 64_500), ("12.6 million tonnes", "en", 12_600_000), ("5,2 млрд тонн", "ru", 5.2e9),
    ("320 тыс. тонн", "ru", 320_000), ("1,1 thousand tonnes", "en", 1_100), ("2.4m tonnes", "en", 2_400_000),
    ("372k TEU", "en", 372_000), ("18 mln.t", "ru", 18_000_000), ("3,1 Mt", "en", 3_100_000),
])
def test_figures_with_multipliers(text: str, language: str, value: float) -> None:
    [quantity] = [q for q in read(text, None, language).quantities if q.unit is not None]
    assert quantity.value == pytest.approx(value)


@pytest.mark.parametrize(("text", "value", "times"), [
    ("почти на 11%", 11, False), ("на 4,3 %", 4.3, False), ("+77 per cent", 77, False), ("18 percent", 18, False),
    ("6,3 проц.", 6.3, False), ("13 пайызға", 13, False), ("в 4 раза", 4, True), ("by 3 times", 3, True),
    ("2 есе", 2, True), ("3-fold", 3, True),
])
def test_percentages_and_factors_are_changes_not_figures(text: str, value: float, times: bool) -> None:
    doc = read(text, None, "ru")
    assert [q for q in doc.quantities if q.unit is not None] == []
    [change] = doc.changes
    assert (change.value, change.times) == (pytest.approx(value), times)


def test_factors_as_growth() -> None:
    assert times_to_pct(2) == 100
    assert times_to_pct(4) == 300
    assert times_to_pct(1) is None
