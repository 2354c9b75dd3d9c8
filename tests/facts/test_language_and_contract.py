"""Language detection and the contract form of an extraction (contracts/facts.md)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from worker.facts import EXTRACTOR_VERSION, Event, Extraction, Fact, extract
from worker.facts.language import detect_language


@pytest.mark.parametrize(("text", "language"), [
    ("Объем перевозок между Казахстаном и Китаем вырос.", "ru"),
    ("«Қазақстан темір жолы» сообщила, что объем перевозок между Казахстаном и Китаем вырос на 13%.", "ru"),
    ("Қазақстан мен Қытай арасындағы тасымал көлемі өсті.", "kk"),
    ("Rail freight between Kazakhstan and China grew — “strongly”.", "en"),
    ("", "en"),
    ("12 345", "en"),
])
def test_language(text: str, language: str) -> None:
    assert detect_language(text) == language
    assert extract(text).language == language


def test_a_given_language_is_kept() -> None:
    assert extract("Объем вырос.", language="kk").language == "kk"


def test_contract_form() -> None:
    text = ("On 9 July, a record 26 trains were handed over to China at Dostyk. "
            "From 1 August, 30 trains a day are allowed.")
    result = extract(text, published=date(2025, 7, 11))
    contract = result.to_contract("article.txt")
    assert list(contract) == ["source", "published", "language", "facts", "events"]
    assert contract["source"] == "article.txt" and contract["published"] == "2025-07-11"
    fact = contract["facts"][0]
    assert list(fact) == ["metric", "value", "scope", "direction", "period", "effective", "change_pct", "record",
                          "quote"]
    assert fact["value"] == 26 and isinstance(fact["value"], int)
    assert fact["period"] == {"start": "2025-07-09", "end": "2025-07-09"}
    limit = next(f for f in contract["facts"] if f["metric"] == "train_limit_per_day")
    assert limit["effective"] == "2025-08-01" and limit["period"] is None
    event = contract["events"][0]
    assert list(event) == ["type", "scope", "kind", "effective", "quote"]
    json.dumps(contract, ensure_ascii=False)  # plain JSON types only


def test_public_types() -> None:
    result = extract("Через Достык в 2024 году перевезено 19 млн тонн.", published=date(2025, 1, 10))
    assert isinstance(result, Extraction)
    assert all(isinstance(f, Fact) for f in result.facts) and all(isinstance(e, Event) for e in result.events)
    fact = result.facts[0]
    with pytest.raises(AttributeError):
        fact.value = 1  # type: ignore[misc]  # frozen
    assert not hasattr(fact, "__dict__")  # slots
    assert EXTRACTOR_VERSION.count(".") == 2
