"""Scope names in Cyrillic, Latin (incl. Kazakh Latin) and Chinese; routes that are not a crossing."""

from __future__ import annotations

from datetime import date

import pytest

from worker.facts import MONITORED, extract

PUBLISHED = date(2025, 3, 1)


def _scopes(text: str) -> list[str]:
    return [f.scope for f in extract(text, published=PUBLISHED).facts]


@pytest.mark.parametrize("name", ["Достык", "Достық", "Dostyk", "Dostyq", "Алашанькоу", "Alashankou", "Alataw Pass",
                                  "порт Алатау", "阿拉山口", "станцию \"Дружба\"", "Druzhba"])
def test_dostyk_alashankou(name: str) -> None:
    assert _scopes(f"In 2024, 15 million tonnes passed through {name}.") == ["dostyk-alashankou"]


@pytest.mark.parametrize("name", ["Алтынколь", "Алтынкөл", "Altynkol", "Хоргос", "Khorgos", "Horgos", "Khorgas",
                                  "Qorǵas", "Қорғас", "霍尔果斯", "Khorgos Gateway", "Хоргос – Восточные ворота"])
def test_altynkol_khorgos(name: str) -> None:
    assert _scopes(f"In 2024, 15 million tonnes passed through {name}.") == ["altynkol-khorgos"]


@pytest.mark.parametrize("name", ["Бахты", "Bakhty", "Tacheng", "Тачэн"])
def test_bakhty_tacheng(name: str) -> None:
    assert _scopes(f"In 2024, 1 million tonnes passed through {name}.") == ["bakhty-tacheng"]


@pytest.mark.parametrize("text", [
    "Rail freight between Kazakhstan and China reached 30 million tonnes in 2024.",
    "Объем перевозок между Казахстаном и Китаем в 2024 году составил 30 млн тонн.",
    "Kazakh-Chinese rail freight totalled 30 million tonnes in 2024.",
    "Қазақстан мен Қытай арасындағы тасымал 2024 жылы 30 млн тоннаны құрады.",
    "В 2024 году через оба погранперехода прошло 30 млн тонн.",
    "In 2024, 30 million tonnes went through Dostyk and Altynkol.",
    "В 2024 году в Китай отправлено 18 млн тонн.",
])
def test_the_bilateral_total(text: str) -> None:
    assert _scopes(text) == ["kz-cn"]


@pytest.mark.parametrize("text", [
    "Transit on the Trans-Caspian route reached 4.5 million tonnes in 2024.",
    "В 2024 году по ТМТМ перевезено 4,5 млн тонн.",
    "В 2024 году между Россией и Казахстаном перевезено 25 млн тонн.",
    "Погрузка на сети КТЖ в 2024 году составила 230 млн тонн.",
    "The Xi'an terminal handled 276,000 tons in 2024.",
    "Through Saryagash 12 million tonnes went to Uzbekistan in 2024.",
    "China-Europe trains made 19,000 trips in 2024.",
    "In 2024, 4 million tonnes went via China – Kazakhstan – Europe.",
    "The Aktau port handled 7 million tonnes in 2024.",
    "В 2024 году в Китай, Иран и Узбекистан отправлено 5 млн тонн зерна.",
])
def test_other_routes_are_not_monitored(text: str) -> None:
    assert [s for s in _scopes(text) if s in MONITORED] == []


def test_a_crossing_named_earlier_carries_to_the_next_sentence() -> None:
    text = "Станция Достык подвела итоги года. В 2024 году здесь перевезено 19 млн тонн."
    assert _scopes(text) == ["dostyk-alashankou"]


def test_each_clause_takes_its_own_crossing() -> None:
    text = ("In 2024, 32 million tonnes crossed the border, of which 19 million tonnes via Dostyk, "
            "13 million via Altynkol.")
    assert _scopes(text) == ["kz-cn", "dostyk-alashankou", "altynkol-khorgos"]
