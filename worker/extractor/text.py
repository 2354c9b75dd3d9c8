"""The text as the extractor reads it: normalized for matching, segmented with offsets.

Matching runs on a normalized copy of exactly the same length as the original
(lower case, one kind of space, dash and quote), so every offset found in it is an
offset in the original text and every quote is an exact substring of the input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_SPACES = "\u00a0\u2007\u2009\u200a\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t\r\x0b\x0c"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_QUOTES = "«»“”„‟\u201a\u2018\u2019\u02bc\u00b4`"
_TABLE = str.maketrans(
    {**{c: " " for c in _SPACES}, **{c: "-" for c in _DASHES}, **{c: '"' for c in _QUOTES[:6]},
     **{c: "'" for c in _QUOTES[6:]}, "ё": "е", "\u0131": "i"}
)
# railways.kz writes Kazakh with Latin letters in place of Cyrillic ones ("темiр").
_LATIN_IN_CYRILLIC = re.compile(r"(?<=[а-яәғқңөұүһі])i|i(?=[а-яәғқңөұүһі])")


def normalize(text: str) -> str:
    """Same length as ``text``: lower case, spaces/dashes/quotes unified, ё -> е."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer (e.g. 'İ')
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    normalized = lowered.translate(_TABLE)
    return _LATIN_IN_CYRILLIC.sub("і", normalized)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    is_list_item: bool
    is_title: bool


# A sentence ends at . ! ? … followed by space and a capital/digit/quote/dash in the
# original text, or at a line break. Abbreviations that end with a dot do not end one.
_END = re.compile(r"[.!?…]+(?=\s+[\"'(\-\dA-ZА-ЯЁӘҒҚҢӨҰҮҺІ])|\n+")
_ABBREVIATIONS = frozenset({
    "млн", "млрд", "тыс", "т", "г", "гг", "ст", "им", "проц", "руб", "долл", "ул", "кв", "т.г", "т.е",
    "т.к", "т.д", "т.п", "mln", "bn", "mr", "mrs", "dr", "no", "vs", "etc", "inc", "jsc", "co", "st",
    "km", "км", "тг", "ж", "т.б", "ао", "оао", "тоо", "нк", "e.g", "i.e", "u.s", "u.k", "jan", "feb",
    "aug", "sept", "oct", "nov", "dec", "corp", "ltd",
})
_LIST_MARK = re.compile(r"\s*(?:[-•*·▪●]|\d{1,2}[.)])\s+")


def sentences(original: str, normalized: str) -> list[Sentence]:
    found: list[Sentence] = []
    start = 0
    paragraph = 0
    for match in _END.finditer(original):
        if match.group().startswith("\n"):
            _add(found, original, normalized, start, match.start(), paragraph)
            paragraph += 1
            start = match.end()
        elif _word_before(normalized, match.start()) not in _ABBREVIATIONS:
            _add(found, original, normalized, start, match.end(), paragraph)
            start = match.end()
    _add(found, original, normalized, start, len(original), paragraph)
    return found


MAX_SENTENCE = 1500
"""Longer runs without a sentence end are not prose (tables, lists, junk): they are cut,
which keeps all per-sentence work bounded on hostile input."""


def _add(found: list[Sentence], original: str, normalized: str, start: int, end: int, paragraph: int) -> None:
    while end - start > MAX_SENTENCE:
        cut = original.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add(found, original, normalized, start, cut, paragraph)
        start = cut
    while start < end and original[start].isspace():
        start += 1
    while end > start and original[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    is_list = _LIST_MARK.match(normalized, start) is not None
    is_title = not found and end - start < 200 and not original[start:end].endswith((".", ":", "!", "?"))
    found.append(Sentence(len(found), start, end, paragraph, is_list, is_title))


def _word_before(normalized: str, position: int) -> str:
    start = position
    while start > 0 and (normalized[start - 1].isalpha() or normalized[start - 1] == "."):
        start -= 1
    return normalized[start:position].strip(".")


class SentenceIndex:
    """Which sentence an offset falls in, in O(log n)."""

    def __init__(self, found: list[Sentence]) -> None:
        self.sentences = found
        self._starts = [s.start for s in found]

    def at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        return self.sentences[i]


# Clause boundaries inside a sentence: commas, semicolons, colons, spaced dashes, and
# the conjunctions that start a new statement.
_CLAUSE_BREAK = re.compile(
    r"[;:(]|,(?!\d)|\s(?:and|while|whereas|but|а|но|тогда как|при этом|из них|of which|including|в том числе)\s"
)


def clause_bounds(normalized: str, sentence: Sentence, offset: int) -> tuple[int, int]:
    """The clause of ``sentence`` that contains ``offset``."""
    start, end = sentence.start, sentence.end
    for match in _CLAUSE_BREAK.finditer(normalized, sentence.start, sentence.end):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            end = match.start()
            break
    return start, end
