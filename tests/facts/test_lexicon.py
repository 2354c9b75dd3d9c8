"""The vocabulary scanner: term syntax, longest match, words inside phrases."""

from __future__ import annotations

import pytest

from worker.facts.lexicon import Lexicon

LEXICON = Lexicon([{
    "dir:export": ("экспорт*", "export*"),
    "dir:import": ("экспорт* из кита*", "import*"),
    "cn": ("кита*", "china"),
    "pair": ("kazakh-chin*", "kazakhstan and china"),
    "kz": ("kazakh*",),
    "clause": ("and",),
    "day": ("в сутки",),
    "numword": ("one",),
    "perday": ("in one day",),
}])


def _cues(text: str) -> list[tuple[str, set[str]]]:
    return [(text[c.start:c.end], set(c.tags)) for c in LEXICON.scan(text)]


def test_stems_match_any_ending_and_only_from_a_word_start() -> None:
    assert _cues("экспортом реэкспорт") == [("экспортом", {"dir", "dir:export"})]


def test_a_literal_term_matches_only_a_whole_word() -> None:
    assert _cues("chinaware china") == [("china", {"cn"})]


def test_spaces_and_dashes_are_flexible() -> None:
    assert ("kazakh - chinese", {"pair"}) in _cues("kazakh - chinese border")
    assert ("в  сутки", {"day"}) in _cues("10 поездов в  сутки")


def test_a_phrase_keeps_its_words_but_speaks_for_its_own_ideas() -> None:
    found = _cues("экспорт из китая вырос")
    assert found[0] == ("экспорт из китая", {"dir", "dir:import"})
    assert [w for w, _ in found].count("экспорт") == 0  # the phrase says which way (same family "dir")
    assert ("китая", {"cn"}) in found  # the words keep their other ideas


def test_a_pair_is_not_two_clauses_and_a_phrase_number_is_no_figure() -> None:
    assert ("and", {"clause"}) not in _cues("between kazakhstan and china")
    assert ("one", {"numword"}) not in _cues("27 trains in one day")
    assert ("and", {"clause"}) in _cues("china and more")


@pytest.mark.parametrize("term", ["Upper", "*stem", "", "-dash"])
def test_bad_terms_are_refused(term: str) -> None:
    with pytest.raises(ValueError):
        Lexicon([{"x": (term,)}])
