"""Export (KZ -> CN), import (CN -> KZ), transit, total; the Chinese side speaks the other way."""

from __future__ import annotations

from datetime import date

import pytest

from worker.facts import extract


def _directions(text: str) -> list[str]:
    return [f.direction for f in extract(text, published=date(2025, 3, 1)).facts]


@pytest.mark.parametrize(("text", "direction"), [
    ("Экспорт в Китай через Достык в 2024 году составил 12 млн тонн.", "export"),
    ("Kazakh exports to China reached 12 million tonnes in 2024.", "export"),
    ("In 2024, Dostyk handed over 12 million tonnes to China.", "export"),
    ("Сдача вагонов через Алтынколь в 2024 году составила 200 тыс. вагонов.", "export"),
    ("2024 жылы Қытайға 12 млн тонна жүк жөнелтілді.", "export"),
    ("Импорт из КНР в 2024 году составил 9 млн тонн.", "import"),
    ("Imports from China via Khorgos totalled 9 million tonnes in 2024.", "import"),
    ("2024 жылы Қытайдан 9 млн тонна жүк қабылданды.", "import"),
    ("Exports from China via Khorgos grew to 9 million tonnes in 2024.", "import"),
    ("В 2024 году транзит через Алтынколь составил 5 млн тонн.", "transit"),
    ("In 2024, 7,000 China-Europe trains passed through Khorgos.", "transit"),
    ("В 2024 году обмен поездами через Достык составил 9 тыс. поездов.", "total"),
    ("Import and export via Khorgos reached 20 million tonnes in 2024.", "total"),
    ("In 2024, 20 million tonnes crossed at Dostyk.", "total"),
    ("В 2024 году со стороны КНР принято 9 тыс. поездов через Достык.", "export"),
])
def test_directions(text: str, direction: str) -> None:
    assert _directions(text) == [direction]


def test_the_chinese_side_speaking_means_the_other_way() -> None:
    text = ("URUMQI (Xinhua) -- In 2024, exports via the Alataw Pass reached 7 million tonnes "
            "and imports 12 million tonnes.")
    assert _directions(text) == ["import", "export"]


def test_a_list_item_inherits_its_parents_direction() -> None:
    text = ("In January, exports to China reached 1.1 million tonnes:\n– ores: 652 thousand tonnes\n"
            "– metals: 104 thousand tonnes")
    assert _directions(text) == ["export", "export", "export"]
