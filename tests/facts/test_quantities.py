"""Units after numbers (with words between), and roles in ranges and changes."""

from __future__ import annotations

import pytest

from worker.facts.document import read


def _figures(text: str, language: str = "ru") -> list[tuple[float, str, str]]:
    return [(round(q.value, 4), q.unit.kind, q.role) for q in read(text, None, language).quantities if q.unit]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("8 165 грузовых поездов", "ru", [(8165, "trains", "value")]),
    ("7,000 China-Europe trains", "en", [(7000, "trains", "value")]),
    ("1,060 railcars", "en", [(1060, "wagons", "value")]),
    ("100-ден астам контейнерлік пойыз", "kk", [(100, "trains", "value")]),
    ("42 тыс. контейнеров в ДФЭ", "ru", [(42000, "teu", "value")]),
    ("372,000 twenty-foot equivalent units", "en", [(372000, "teu", "value")]),
    ("20 млн тонн в год", "ru", [(20e6, "tonnes", "value")]),
    ("16 ч", "ru", [(16, "hours", "value")]),
    ("in just 55 minutes", "en", [(0.9167, "hours", "value")]),
    ("2 суток", "ru", [(48, "hours", "value")]),
    ("1435 and 1520 mm gauge trains", "en", []),
    ("спустя 11 лет", "ru", []),
    ("321 млрд тенге", "ru", []),
])
def test_units(text: str, language: str, expected: list[tuple[float, str, str]]) -> None:
    assert _figures(text, language) == expected


def test_annual_tonnes_read_as_capacity_units() -> None:
    [quantity] = read("capacity of 20 million tonnes per year", None, "en").quantities
    assert quantity.unit is not None and quantity.unit.annual


@pytest.mark.parametrize(("text", "expected"), [
    ("сократилось с 12 до шести — восьми часов", [(12, "hours", "old"), (6, "hours", "new"), (8, "hours", "upper")]),
    ("с 2-3 дней до 16 часов", [(48, "hours", "old"), (72, "hours", "upper"), (16, "hours", "new")]),
    ("from 28 million to about 48 million tonnes/year", [(28e6, "tonnes", "old"), (48e6, "tonnes", "new")]),
    ("от 5 до 10 суток", [(120, "hours", "lower"), (240, "hours", "upper")]),
    ("12-14 hours", [(12, "hours", "lower"), (14, "hours", "upper")]),
    ("from 8 to 15 trains per day", [(8, "trains", "old"), (15, "trains", "new")]),
    ("с 14 до 10 составов в сутки", [(14, "trains", "old"), (10, "trains", "new")]),
    ("вырос до 22,2 млн тонн", [(22.2e6, "tonnes", "value")]),
])
def test_roles(text: str, expected: list[tuple[float, str, str]]) -> None:
    language = "en" if text[0].isascii() else "ru"
    assert _figures(text, language) == [(pytest.approx(v), k, r) for v, k, r in expected]


def test_ordinals_are_flagged() -> None:
    [quantity] = read("свой 1000-й грузовой поезд", None, "ru").quantities
    assert quantity.ordinal
