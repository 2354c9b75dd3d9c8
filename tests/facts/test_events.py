"""Crossing changes read from sentences, and records from record facts."""

from __future__ import annotations

from datetime import date

import pytest

from worker.facts import MONITORED, extract

PUBLISHED = date(2025, 6, 10)


def _events(text: str) -> set[tuple[str, str, str, date | None]]:
    return {(e.type, e.scope, e.kind, e.effective) for e in extract(text, published=PUBLISHED).events
            if e.scope in MONITORED}


@pytest.mark.parametrize(("text", "event"), [
    ("С 12 июня приостанавливается прием грузов через Алтынколь.", ("altynkol-khorgos", "closure", date(2025, 6, 12))),
    ("China suspended rail traffic through Dostyk on 8 June.", ("dostyk-alashankou", "closure", date(2025, 6, 8))),
    ("ҚТЖ Қорғас арқылы астық тасымалына тыйым салды.", ("altynkol-khorgos", "closure", None)),
    ("Движение через Достык возобновлено 9 июня.", ("dostyk-alashankou", "reopening", date(2025, 6, 9))),
    ("Traffic through Khorgos resumed today.", ("altynkol-khorgos", "reopening", PUBLISHED)),
    ("На станции Алтынколь введен в эксплуатацию новый контейнерный терминал.",
     ("altynkol-khorgos", "infrastructure", None)),
    ("Today a second track to Dostyk was put into operation.", ("dostyk-alashankou", "infrastructure", PUBLISHED)),
    ("Пропускная способность Достыка увеличена до 25 млн тонн в год.", ("dostyk-alashankou", "capacity", None)),
    ("Время оформления поездов на Хоргосе сократилось вдвое.", ("altynkol-khorgos", "processing_time", None)),
    ("The sides agreed to double the number of trains handed over at Altynkol from 1 July.",
     ("altynkol-khorgos", "train_limit", date(2025, 7, 1))),
    ("КТЖ ограничила прием поездов через Достык до 12 в сутки.", ("dostyk-alashankou", "train_limit", None)),
    ("С 1 июля на Достыке вводится новый график передачи поездов.",
     ("dostyk-alashankou", "schedule", date(2025, 7, 1))),
])
def test_crossing_changes(text: str, event: tuple[str, str, date | None]) -> None:
    scope, kind, effective = event
    assert ("crossing_change", scope, kind, effective) in _events(text)


@pytest.mark.parametrize("text", [
    "Construction of the second track to Dostyk will be completed next year.",   # a plan
    "Станция Достык, открытая в 1990 году, отмечает юбилей.",                     # a look back
    "The 1000th container train was launched through Khorgos.",                  # a train, not a line
    "About 3,500 wagons have been halted at Dostyk.",                            # a queue, not a closure
    "KTZ held talks on resuming grain shipments via Dostyk. Речь шла о возобновлении приема.",
    "The capacity of the Saryagash station was increased by 50%.",               # not a KZ-CN crossing
    "This will reduce unloading time at Dostyk to 12 hours.",                    # a hope
])
def test_no_change(text: str) -> None:
    assert {e for e in _events(text) if e[0] == "crossing_change"} == set()


def test_records_come_from_record_facts() -> None:
    events = _events("In May, a record 1,350 trains passed through Dostyk.")
    assert ("volume_record", "dostyk-alashankou", "trains", None) in events
    assert _events("Khorgos set a new record for clearance speed.") == set()


def test_a_general_agreement_yields_to_the_crossings_it_names() -> None:
    text = ("Kazakhstan and China agreed to double the number of trains crossing the border daily. "
            "From 1 July, 20 trains per day will be allowed through Altynkol.")
    kinds = {(e[1], e[2]) for e in _events(text)}
    assert ("altynkol-khorgos", "train_limit") in kinds and ("kz-cn", "train_limit") not in kinds


@pytest.mark.parametrize("text", [
    "In 2020, the Khorgos border crossing was closed for two months because of the pandemic.",
    "Автомобильный пункт пропуска Нұржолы на Хоргосе закрыт для грузовиков.",
])
def test_no_status_change_for_the_road_or_the_past(text: str) -> None:
    assert {e for e in _events(text) if e[0] == "crossing_change"} == set()
