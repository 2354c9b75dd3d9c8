"""Periods resolved against the publication date, comparisons, effective dates."""

from __future__ import annotations

from datetime import date

import pytest

from worker.facts.document import read

PUBLISHED = date(2025, 7, 25)


def _periods(text: str, published: date | None = PUBLISHED) -> list[tuple[date, date]]:
    return [m.period for m in read(text, published, "ru").periods if m.period and not m.comparison]


@pytest.mark.parametrize(("text", "period"), [
    ("в первом полугодии 2025 года", (date(2025, 1, 1), date(2025, 6, 30))),
    ("за 1-е полугодие", (date(2025, 1, 1), date(2025, 6, 30))),
    ("январь–май т.г.", (date(2025, 1, 1), date(2025, 5, 31))),
    ("в январе-апреле прошлого года", (date(2024, 1, 1), date(2024, 4, 30))),
    ("за 5 месяцев", (date(2025, 1, 1), date(2025, 5, 31))),
    ("за пять месяцев 2024 года", (date(2024, 1, 1), date(2024, 5, 31))),
    ("in January", (date(2025, 1, 1), date(2025, 1, 31))),
    ("in November", (date(2024, 11, 1), date(2024, 11, 30))),  # not yet November: last year's
    ("24 days of January", (date(2025, 1, 1), date(2025, 1, 24))),
    ("за первые 20 дней июля", (date(2025, 7, 1), date(2025, 7, 20))),
    ("H1 2024", (date(2024, 1, 1), date(2024, 6, 30))),
    ("9M 2023", (date(2023, 1, 1), date(2023, 9, 30))),
    ("Q3 2024", (date(2024, 7, 1), date(2024, 9, 30))),
    ("в III квартале 2024 года", (date(2024, 7, 1), date(2024, 9, 30))),
    ("за квартал", (date(2025, 4, 1), date(2025, 6, 30))),
    ("last year", (date(2024, 1, 1), date(2024, 12, 31))),
    ("в 2023 году", (date(2023, 1, 1), date(2023, 12, 31))),
    ("по итогам 2022 года", (date(2022, 1, 1), date(2022, 12, 31))),
    ("on July 9", (date(2025, 7, 9), date(2025, 7, 9))),
    ("9 июля", (date(2025, 7, 9), date(2025, 7, 9))),
    ("өткен жылы", (date(2024, 1, 1), date(2024, 12, 31))),
    ("2024 жылдың 9 айында", (date(2024, 1, 1), date(2024, 9, 30))),
    ("қаңтар-наурыз айларында", (date(2025, 1, 1), date(2025, 3, 31))),
    ("the first eight months of 2025", (date(2025, 1, 1), date(2025, 8, 31))),
    ("с начала года", (date(2025, 1, 1), PUBLISHED)),
    ("since the start of 2025", (date(2025, 1, 1), PUBLISHED)),
    ("жыл басынан бері", (date(2025, 1, 1), PUBLISHED)),
    ("last month", (date(2025, 6, 1), date(2025, 6, 30))),
])
def test_periods(text: str, period: tuple[date, date]) -> None:
    assert _periods(text) == [period]


@pytest.mark.parametrize("text", [
    "что на 4,3% превышает показатель аналогичного периода 2024 года",
    "compared to the same period of the previous year",
    "25 per cent more than January 2024",
    "2023 жылдан 13 пайызға артқан",
    "since 2015",
    "по сравнению с 2022 годом",
    "к 2030 году",
    "by 2027",
    "150,000 TEU a year earlier",
])
def test_comparisons_and_targets_are_not_a_figures_period(text: str) -> None:
    assert _periods(text) == []


@pytest.mark.parametrize("text", ["may reach 5 million", "they march on", "2000 вагонов", "1520 mm",
                                  "за последние 7 месяцев"])
def test_not_periods(text: str) -> None:
    assert _periods(text) == []


def test_datelines_and_as_of_dates_are_stamps_not_periods() -> None:
    doc = read("Урумчи, 25 марта /Синьхуа/ -- По состоянию на 23 марта прошло 90 тыс. поездов.", PUBLISHED, "ru")
    assert all(m.as_of for m in doc.periods if m.kind == "day")


@pytest.mark.parametrize(("text", "effective"), [
    ("from 1 March", date(2025, 3, 1)), ("с 1 июля 2025 года", date(2025, 7, 1)),
    ("from July 1, 2025", date(2025, 7, 1)), ("1 наурыздан бастап", date(2025, 3, 1)),
    ("с 4 по 8 сентября", date(2025, 9, 4)), ("1-10 қыркүйек аралығында", date(2025, 9, 1)),
    ("starting in December 2025", date(2025, 12, 1)), ("effective from 15 August", date(2025, 8, 15)),
])
def test_effective_dates(text: str, effective: date) -> None:
    assert [day for _, day in read(text, PUBLISHED, "ru").effective] == [effective]


def test_until_is_not_a_start() -> None:
    assert read("запрет до 25 декабря", PUBLISHED, "ru").effective == []


def test_a_date_without_its_year_is_the_nearest_one() -> None:
    assert _periods("on December 28", date(2025, 1, 5)) == [(date(2024, 12, 28), date(2024, 12, 28))]
    assert [d for _, d in read("from 1 July", date(2025, 2, 19), "en").effective] == [date(2025, 7, 1)]


def test_without_a_publication_date_the_year_after_a_compared_year_is_used() -> None:
    doc = read("Traffic grew 25 per cent more than January 2024. From 1 March, limits rise.", None, "en")
    assert [d for _, d in doc.effective] == [date(2025, 3, 1)]
