"""Which metric a figure is, and which figures are no facts at all."""

from __future__ import annotations

from datetime import date

import pytest

from worker.facts import MONITORED, extract


def _metrics(text: str) -> list[tuple[str, float]]:
    return [(f.metric, f.value) for f in extract(text, published=date(2025, 6, 1)).facts if f.scope in MONITORED]


@pytest.mark.parametrize(("text", "expected"), [
    ("В мае через Достык перевезено 2,1 млн тонн.", ("freight_tonnes", 2_100_000)),
    ("In May, Khorgos handled 36,000 TEU.", ("containers_teu", 36_000)),
    ("В мае через Алтынколь прошло 1 150 поездов.", ("trains", 1150)),
    ("В мае через Достык передано 24 300 вагонов.", ("wagons", 24_300)),
    ("В мае через Достык в среднем в сутки проходило 22 поезда.", ("trains_per_day", 22)),
    ("Dostyk handled an average of 25 trains a day in May.", ("trains_per_day", 25)),
    ("From 1 July, 20 trains per day will be allowed through Altynkol.", ("train_limit_per_day", 20)),
    ("Стороны договорились о передаче через Достык 28 поездов в сутки.", ("train_limit_per_day", 28)),
    ("The annual capacity of the Dostyk crossing is 25 million tonnes.", ("capacity_tonnes_per_year", 25_000_000)),
    ("Пропускная способность Алтынколя – 20 млн тонн в год.", ("capacity_tonnes_per_year", 20_000_000)),
    ("Оформление поезда на станции Алтынколь занимает 3 часа.", ("processing_hours", 3)),
    ("Перевалка контейнерного поезда на Хоргосе длится около 40 минут.", ("processing_hours", 0.6667)),
    ("Время досмотра на Достыке сократилось с 12 до шести — восьми часов.", ("processing_hours", 6)),
])
def test_metrics(text: str, expected: tuple[str, float]) -> None:
    assert [(m, pytest.approx(v, rel=1e-3)) for m, v in _metrics(text)] == [(expected[0], pytest.approx(expected[1],
                                                                                                           rel=1e-3))]


@pytest.mark.parametrize("text", [
    "На станции Достык скопилось 3 500 вагонов.",                                  # a queue
    "About 60 trains are waiting at Khorgos.",                                     # a queue
    "Объем перевозок через Достык в 2026 году составит 25 млн тонн.",             # a forecast
    "KTZ expects to handle 40 million tonnes with China in 2026.",                # a forecast
    "Перевозки через Алтынколь выросли на 2,1 млн тонн.",                         # growth by
    "Traffic at Dostyk rose by 1.2 million tonnes.",                               # growth by
    "При плане 120 тыс. вагонов через Достык сдано меньше.",                      # a plan
    "В рамках эксперимента через Достык отправлено 30 вагонов с рудой.",          # an experiment
    "The train reached Duisburg in 12 days after Khorgos.",                        # a journey, not processing
    "Товарооборот с Китаем через Хоргос – 5 млрд долларов.",                      # money
    "Общий объем погрузки на сети КТЖ через Достык – 230 млн тонн.",              # implausible for a crossing
    "Грузооборот через Достык вырос в 2 раза.",                                    # a factor, no volume
])
def test_not_facts(text: str) -> None:
    assert _metrics(text) == []


def test_compared_values_are_not_facts() -> None:
    found = _metrics("В мае через Достык прошло 2,1 млн тонн против 1,9 млн тонн годом ранее.")
    assert found == [("freight_tonnes", 2_100_000)]


def test_changes_and_records_attach_to_their_figure() -> None:
    [fact] = extract("В мае через Достык перевезено рекордные 2,1 млн тонн, что на 12% больше.",
                     published=date(2025, 6, 1)).facts
    assert fact.record and fact.change_pct == 12
    [fact] = extract("Exports via Khorgos fell 3.5% to 1.2 million tonnes in May.", published=date(2025, 6, 1)).facts
    assert fact.change_pct == -3.5 and not fact.record
    [fact] = extract("Перевозки через Алтынколь в мае выросли вдвое, до 1,4 млн тонн.",
                     published=date(2025, 6, 1)).facts
    assert fact.change_pct == 100
    [fact] = extract("The previous record of 2 million tonnes at Dostyk was set in May.",
                     published=date(2025, 6, 1)).facts
    assert not fact.record
