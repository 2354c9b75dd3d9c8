"""Normalized text keeps every offset; sentences and clauses are cut where statements end."""

from __future__ import annotations

import pytest

from worker.facts.document import read
from worker.facts.sentences import normalize, split_sentences


def test_normalize_unifies_spaces_dashes_quotes_and_letters() -> None:
    text = "Qorǵas\u00a0— «Достық»\u202f1\u2009000 ё Қазақстан темiр жолы İSTANBUL"
    normalized = normalize(text)
    assert len(normalized) == len(text)
    assert "- \"достық\" 1 000 е" in normalized
    assert "темір" in normalized  # Latin i typed inside a Kazakh word


def _sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text, normalize(text))]


def test_sentences_end_at_stops_before_capitals_and_at_line_breaks() -> None:
    text = "Объем составил 2,4 млн т. в сентябре. Экспорт вырос на 57%.\nИмпорт снизился. ktz said 5.5 per cent."
    assert _sentences(text) == ["Объем составил 2,4 млн т. в сентябре.", "Экспорт вырос на 57%.",
                                "Импорт снизился. ktz said 5.5 per cent."]


@pytest.mark.parametrize("abbreviation", ["млн", "тыс", "т.г", "г", "ст", "Jan", "Mr"])
def test_abbreviations_do_not_end_a_sentence(abbreviation: str) -> None:
    text = f"Было 5 {abbreviation}. Далее текст."
    assert len(_sentences(text)) == 1


def test_titles_and_list_items_are_marked() -> None:
    text = ("Грузоперевозки растут\n\nЗа январь перевезено 3 млн тонн, в том числе:\n– через Достык – 2 млн тонн;\n"
            "1) прочее")
    found = split_sentences(text, normalize(text))
    assert found[0].is_title and not found[1].is_title
    assert [s.is_list_item for s in found] == [False, False, True, True]


def test_very_long_runs_are_cut_into_bounded_pieces() -> None:
    text = "слово " * 2000
    assert all(s.end - s.start <= 1500 for s in split_sentences(text, normalize(text)))


def test_clauses_split_at_commas_colons_and_conjunctions_but_not_decimals() -> None:
    text = "В 2024 году перевезено 22,2 млн тонн, из них через Достык 12 млн тонн: рост на 4%, а импорт снизился."
    doc = read(text, None, "ru")
    sentence = doc.sentences[0]
    assert text[slice(*doc.clause(sentence, text.index("22,2")))] == "В 2024 году перевезено 22,2 млн тонн"
    assert text[slice(*doc.clause(sentence, text.index("12 млн")))].strip() == "через Достык 12 млн тонн"
    english = read("Freight between Kazakhstan and China reached 2 Mt.", None, "en")
    start, end = english.clause(english.sentences[0], english.text.index("2 Mt"))
    assert english.text[start:end].startswith("Freight between Kazakhstan and China")  # a pair's "and" joins
