"""Numbers, units and periods as the three languages write them."""

from __future__ import annotations

from datetime import date

import pytest

from worker.extractor.numbers import parse_digits
from worker.extractor.periods import effective_dates, find_periods
from worker.extractor.quantities import scan
from worker.extractor.text import normalize


@pytest.mark.parametrize(("token", "language", "value"), [
    ("22,2", "ru", 22.2), ("1 185 306", "ru", 1185306), ("64,500", "en", 64500), ("12.6", "en", 12.6),
    ("2,8", "en", 2.8), ("1,060", "en", 1060), ("17 751 000", "ru", 17751000), ("1,485", "ru", 1.485),
])
def test_digits(token: str, language: str, value: float) -> None:
    assert parse_digits(token, language) == pytest.approx(value)


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("22,2 млн тонн", "ru", [(22_200_000, "tonnes", "value")]),
    ("2,8 million tonnes", "en", [(2_800_000, "tonnes", "value")]),
    ("14,9 мың ЖФЕ", "kk", [(14_900, "teu", "value")]),
    ("8 165 грузовых поездов", "ru", [(8165, "trains", "value")]),
    ("1,060 railcars", "en", [(1060, "wagons", "value")]),
    ("сократилось с 12 до шести — восьми часов", "ru",
     [(12, "hours", "old"), (6, "hours", "new"), (8, "hours", "upper")]),
    ("с 2-3 дней до 16 часов", "ru", [(48, "days", "old"), (72, "days", "upper"), (16, "hours", "new")]),
    ("from 28 million to about 48 million tonnes/year", "en", [(28e6, "tonnes", "old"), (48e6, "tonnes", "new")]),
    ("от 5 до 10 суток", "ru", [(120, "days", "lower"), (240, "days", "upper")]),
    ("12-14 hours", "en", [(12, "hours", "lower"), (14, "hours", "upper")]),
    ("18 mln.t", "ru", [(18e6, "tonnes", "value")]),
    ("in just 55 minutes", "en", [(55 / 60, "hours", "value")]),
    ("1435 and 1520 mm gauge trains", "en", []),
    ("спустя 11 лет", "ru", []),
    ("25.07.2025, 09:55", "ru", []),
])
def test_quantities(text: str, language: str, expected: list[tuple[float, str, str]]) -> None:
    found = [(q.value, q.unit.kind, q.role) for q in scan(normalize(text), language) if q.unit]
    assert [(pytest.approx(v), k, r) for v, k, r in expected] == found


PUBLISHED = date(2025, 7, 25)


@pytest.mark.parametrize(("text", "period"), [
    ("в первом полугодии 2025 года", (date(2025, 1, 1), date(2025, 6, 30))),
    ("январь–май т.г.", (date(2025, 1, 1), date(2025, 5, 31))),
    ("за 5 месяцев", (date(2025, 1, 1), date(2025, 5, 31))),
    ("in January", (date(2025, 1, 1), date(2025, 1, 31))),
    ("in November", (date(2024, 11, 1), date(2024, 11, 30))),  # not yet November: last year's
    ("24 days of January", (date(2025, 1, 1), date(2025, 1, 24))),
    ("H1 2024", (date(2024, 1, 1), date(2024, 6, 30))),
    ("9M 2023", (date(2023, 1, 1), date(2023, 9, 30))),
    ("last year", (date(2024, 1, 1), date(2024, 12, 31))),
    ("в 2023 году", (date(2023, 1, 1), date(2023, 12, 31))),
    ("on July 9", (date(2025, 7, 9), date(2025, 7, 9))),
    ("өткен жылы", (date(2024, 1, 1), date(2024, 12, 31))),
    ("the first eight months of 2025", (date(2025, 1, 1), date(2025, 8, 31))),
    ("с начала года", (date(2025, 1, 1), PUBLISHED)),
    ("в третьем квартале 2024 года", (date(2024, 7, 1), date(2024, 9, 30))),
])
def test_periods(text: str, period: tuple[date, date]) -> None:
    [mention] = [m for m in find_periods(normalize(text), PUBLISHED) if m.period]
    assert mention.period == period
    assert not mention.comparison


@pytest.mark.parametrize("text", [
    "что на 4,3% превышает показатель аналогичного периода 2024 года",
    "compared to the same period of the previous year",
    "25 per cent more than January 2024",
    "2023 жылдан 13 пайызға артқан",
    "since 2015",
])
def test_comparison_periods_are_not_the_figures_period(text: str) -> None:
    assert all(m.comparison for m in find_periods(normalize(text), PUBLISHED) if m.period)


@pytest.mark.parametrize(("text", "effective"), [
    ("from 1 March", date(2025, 3, 1)), ("с 1 июля 2025 года", date(2025, 7, 1)),
    ("from July 1, 2025", date(2025, 7, 1)), ("1 наурыздан бастап", date(2025, 3, 1)),
    ("с 4 по 8 сентября", date(2025, 9, 4)), ("1-10 қыркүйек аралығында", date(2025, 9, 1)),
])
def test_effective_dates(text: str, effective: date) -> None:
    normalized = normalize(text)
    assert [d for _, d in effective_dates(normalized, find_periods(normalized, PUBLISHED))] == [effective]


def test_until_is_not_a_start() -> None:
    normalized = normalize("запрет до 25 декабря")
    assert list(effective_dates(normalized, find_periods(normalized, PUBLISHED))) == []


def test_normalize_keeps_offsets() -> None:
    text = "Қазақстан темiр жолы — İSTANBUL «Достык»\u00a01\u202f000"
    assert len(normalize(text)) == len(text)
