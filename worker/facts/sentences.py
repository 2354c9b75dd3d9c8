"""The text as the extractor reads it: a normalized copy, cut into sentences.

Every pattern runs on a normalized copy of exactly the input's length (lower case,
one kind of space, dash and quote), so an offset found there is an offset in the
input and every quote is an exact substring of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACES = "\u00a0\u2007\u2009\u200a\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t\r\x0b\x0c\u200b"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_DOUBLE_QUOTES = "«»“”„‟"
_SINGLE_QUOTES = "\u201a\u2018\u2019\u02bc\u00b4`"
_REPLACE = {
    **{c: " " for c in _SPACES}, **{c: "-" for c in _DASHES},
    **{c: '"' for c in _DOUBLE_QUOTES}, **{c: "'" for c in _SINGLE_QUOTES},
    "ё": "е", "\u0131": "i",
}
# A few such characters per article: replacing matches is far cheaper than str.translate.
_SPECIAL = re.compile("[" + re.escape("".join(_REPLACE)) + "]")
# Kazakh sites type Latin "i" for Cyrillic "і" inside Cyrillic words ("темiр").
_LATIN_I = re.compile(r"i(?:(?<=[а-яәғқңөұүһі]i)|(?=[а-яәғқңөұүһі]))")


def normalize(text: str) -> str:
    """Lower case, spaces/dashes/quotes unified, ё -> е; always the length of ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ('İ' -> 'i̇')
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    normalized = _SPECIAL.sub(_replacement, lowered)
    if "i" in normalized:
        normalized = _LATIN_I.sub("і", normalized)
    return normalized


def _replacement(match: re.Match[str]) -> str:
    return _REPLACE[match.group()]


@dataclass(slots=True)
class Sentence:
    """(Not frozen: a frozen dataclass is several times slower to make, and there are many.)"""

    index: int
    start: int
    end: int
    is_list_item: bool
    """Starts with a bullet or a dash ("– Metal ores: 652 thousand tonnes")."""
    is_title: bool
    """The first line when it reads as a headline (short, no final stop)."""


# A sentence ends at . ! ? … before a space and a capital, digit, quote or dash of the
# original text, or at a line break; a known abbreviation before the dot does not end it.
# (One leading character class lets the engine skip ahead, four times faster than "a|b";
# possessive runs keep "....." linear: a failed look-ahead must not retry every dot.)
_END = re.compile(r"[.!?…\n](?:(?<=\n)\n*+|[.!?…]*+)")
_NEXT_STARTS = re.compile(r"\s+[\"'«“(\-–—\dA-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
_ABBREVIATIONS = frozenset({
    "млн", "млрд", "тыс", "т", "г", "гг", "ст", "им", "проц", "руб", "долл", "ул", "кв", "т.г", "т.е",
    "т.к", "т.д", "т.п", "т.б", "mln", "bn", "mn", "mr", "mrs", "ms", "dr", "no", "vs", "etc", "inc", "jsc",
    "co", "st", "km", "км", "тг", "ж", "ао", "оао", "тоо", "нк", "e.g", "i.e", "u.s", "u.k", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "corp", "ltd", "approx", "ca", "мес",
})
_LIST_MARK = re.compile(r"[-•*·▪●–—]\s|\d{1,2}[.)]\s")
_BULLETS = frozenset("-•*·▪●–—")
MAX_SENTENCE = 1500
"""Runs longer than this without an end are not prose (tables, junk) and are cut, which
keeps all per-sentence work bounded on hostile input."""


# Links to other articles after the body ("Читайте также:", "Related news", "Тақырыпқа қатысты") or a
# run of "label / date / headline" lines ("Грузовые перевозки\n12.11.2024\nЧерез Алтынколь передан ...")
# are other stories: their figures and events are not this article's.
_RELATED_HEADER = re.compile(
    r"\n[ \t]*(?:читайте также|читайте еще|смотрите также|похожие новости|другие новости|новости по теме|"
    r"related news|related articles|related stories|read also|also read|see also|more news|"
    r"тақырыпқа қатысты|тақырып бойынша|ұқсас жаңалықтар|оқи отырыңыз)[ \t:]*(?=\n)")
_DATE_LINE = re.compile(r"\n\d\d\.\d\d\.\d{4}[ \t]*(?=\n[ \t]*\S)")


def body_end(text: str, normalized: str) -> int:
    """Where the list of other articles' headlines starts (the text's end when there is none)."""
    header = _RELATED_HEADER.search(normalized)
    end = header.start() if header else len(text)
    dates = [m.start() for m in _DATE_LINE.finditer(text, 0, end)]
    if len(dates) >= 2 and dates[0] > len(text) // 3:
        label = text.rfind("\n", 0, dates[0])
        end = label if label >= 0 and dates[0] - label <= 32 and text[dates[0] - 1] not in ".:!?" else dates[0]
    return end


def split_sentences(text: str, normalized: str) -> list[Sentence]:
    found: list[Sentence] = []
    start = 0
    limit = body_end(text, normalized)
    if limit < len(text):
        text = text[:limit]
    for match in _END.finditer(text):
        if match.group()[0] == "\n":
            _add(found, text, start, match.start())
            start = match.end()
        elif _NEXT_STARTS.match(text, match.end()) and _word_before(normalized, match.start()) not in _ABBREVIATIONS:
            _add(found, text, start, match.end())
            start = match.end()
    _add(found, text, start, len(text))
    return found


def _add(found: list[Sentence], text: str, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add(found, text, start, cut)
        start = cut
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    start += len(chunk) - len(chunk.lstrip())
    end = start + len(stripped)
    first = stripped[0]
    is_list = (first in _BULLETS or first.isdigit()) and _LIST_MARK.match(text, start) is not None
    is_title = not found and end - start < 200 and text[end - 1] not in ".:!?"
    found.append(Sentence(len(found), start, end, is_list, is_title))


def _word_before(normalized: str, position: int) -> str:
    """The word a dot follows ("млн", "т.г"), to tell an abbreviation from a sentence end."""
    tail = normalized[max(0, position - 10):position].rsplit(None, 1)
    return tail[-1].lstrip("0123456789,(\"'-").strip(".") if tail else ""


# Inside a sentence, statements are separated by ; : ( and commas that are not decimal
# commas; conjunction words that start a new statement come from the vocabulary.
CLAUSE_PUNCTUATION = re.compile(r"[;:(,](?!(?<=,)\d)")
