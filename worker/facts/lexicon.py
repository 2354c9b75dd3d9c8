"""Vocabulary tables compiled into one fast scanner.

The extractor listens for a few hundred words and phrases in three languages. Each
topic module keeps its words as a table ``{tag: (term, ...)}``; all tables are merged
here into a single regular expression shaped as a character trie, so the whole text is
scanned once (tens of microseconds for an article) instead of once per word list.

Term syntax (lower case, as in the normalized text):

- words are separated by one space, which matches any run of spaces;
- ``-`` matches a dash with or without spaces around it ("kazakh-chinese", "Kazakh – Chinese");
- a word ending in ``*`` matches any ending ("экспорт*" matches "экспортом", "экспортных");
- a term matches only from the start of a word, and a term ending in a letter or digit
  only up to the end of a word.

Where terms overlap, the longest wins ("китай-европа" is the route, not "китай"), and a
matched span carries the tags of every term it spells.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

_STEM = "*"
_SPACE = " "
_DASH = "-"
_END = ""


class Cue(NamedTuple):
    """A vocabulary match: where it is and what it means (a tuple: made by the hundred per article)."""

    start: int
    end: int
    tags: frozenset[str]


_new_tuple = tuple.__new__
"""Makes a NamedTuple from a tuple without its Python-level ``__new__`` (a third of the cost of a cue)."""


def _term_regex(term: str) -> str:
    parts: list[str] = []
    for char in term:
        if char == _STEM:
            parts.append(r"\w*")
        elif char == _SPACE:
            parts.append(r"\s+")
        elif char == _DASH:
            parts.append(r"\s*-\s*")
        else:
            parts.append(re.escape(char))
    if term[-1].isalnum():
        parts.append(r"(?!\w)")
    return "".join(parts)


class _Node(dict[str, "_Node"]):
    pass


# The first letters of the terms, grouped by script behind a one-class look-ahead: the
# engine tries the alternatives of a branch one by one, so at a word start it skips a
# whole script with one test instead of testing every first letter (a fifth faster scan).
_SCRIPTS = (("[a-z]", lambda c: "a" <= c <= "z"), ("[а-яәғқңөұүһі]", lambda c: "а" <= c <= "я" or c in "әғқңөұүһі"))


def _trie_regex(terms: Iterable[str]) -> str:
    root = _Node()
    for term in terms:
        node = root
        for char in term:
            node = node.setdefault(char, _Node())
        node[_END] = _Node()
    groups: dict[str, list[str]] = {}
    for char in sorted(c for c in root if c not in (_STEM, _END)):
        script = next((name for name, test in _SCRIPTS if test(char)), "")
        groups.setdefault(script, []).append(re.escape(char) + _node_regex(root[char], char))
    if not groups:
        return ""
    parts = [f"(?={script})(?:{'|'.join(alternatives)})" if script else "|".join(alternatives)
             for script, alternatives in groups.items()]
    return "(?:" + "|".join(parts) + ")"


def _node_regex(node: _Node, came_by: str) -> str:
    literal = sorted(c for c in node if c not in (_STEM, _END))
    alternatives: list[str] = []
    for char in literal:
        if char == _SPACE:
            head = r"\s+"
        elif char == _DASH:
            head = r"\s*-\s*"
        else:
            head = re.escape(char)
        alternatives.append(head + _node_regex(node[char], char))
    if _STEM in node:  # a stem: the rest of the word, then whatever may follow the stem
        alternatives.append(r"\w*" + _node_regex(node[_STEM], _STEM))
    if _END in node:  # the term ends here: at the end of a word, unless it ends in a stem or a sign
        alternatives.append(r"(?!\w)" if came_by.isalnum() else "")
    if not alternatives:
        return ""
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


class Lexicon:
    """Tagged terms, matched in one pass: ``scan(text)`` lists every cue with its tags.

    A phrase ("ограничила приём") does not hide the words it is made of ("ограничила" is
    still a limit): the words inside a phrase are looked up again.
    """

    def __init__(self, tables: Iterable[Mapping[str, Iterable[str]]]) -> None:
        terms: dict[str, set[str]] = {}
        for table in tables:
            for tag, words in table.items():
                for word in words:
                    if not word or not word[0].isalnum() or word != word.lower():
                        raise ValueError(f"bad term {word!r} for {tag!r}")
                    terms.setdefault(word, set()).update(_expand(tag))
        self._terms = terms
        self._pattern = re.compile(r"(?<!\w)" + _trie_regex(terms))
        by_first: dict[str, list[tuple[re.Pattern[str], frozenset[str]]]] = {}
        for term, tags in terms.items():
            by_first.setdefault(term[0], []).append((re.compile(_term_regex(term)), frozenset(tags)))
        self._by_first = by_first
        self._memo: dict[str, tuple[frozenset[str], tuple[tuple[int, int, frozenset[str]], ...]]] = {}

    def __contains__(self, term: str) -> bool:
        return term in self._terms

    def scan(self, normalized: str) -> list[Cue]:
        """Every match, in text order; after a phrase, the words it is made of."""
        found: list[Cue] = []
        add = found.append
        memo = self._memo
        for match in self._pattern.finditer(normalized):
            word = match.group()
            tags, inner = memo.get(word) or self._remember(word)
            if not tags:
                continue
            start, end = match.span()
            add(_new_tuple(Cue, (start, end, tags)))
            for offset, length, kept in inner:
                add(_new_tuple(Cue, (start + offset, start + offset + length, kept)))
        return found

    def _remember(self, word: str) -> tuple[frozenset[str], tuple[tuple[int, int, frozenset[str]], ...]]:
        """The tags of a matched span and, for a phrase, of the words inside it (relative
        offsets), computed once per distinct spelling."""
        if len(self._memo) > 200_000:  # hostile input: many distinct spellings
            self._memo.clear()
        tags = self._classify(word) if word else frozenset()
        inner: list[tuple[int, int, frozenset[str]]] = []
        if tags and _is_phrase(word):
            blocked = {_family(t) for t in tags} | _ALWAYS_BLOCKED
            for match in _WORD.finditer(word):
                own = self._classify(match.group())
                kept = frozenset(t for t in own if _family(t) not in blocked)
                if kept:
                    inner.append((match.start(), match.end() - match.start(), kept))
        known = self._memo[word] = (tags, tuple(inner))
        return known

    def _classify(self, word: str) -> frozenset[str]:
        """The tags of every term that spells exactly ``word`` (a span matched by the trie)."""
        tags: set[str] = set()
        for pattern, term_tags in self._by_first.get(word[0], ()):
            if pattern.fullmatch(word):
                tags |= term_tags
        return frozenset(tags)


# A word inside a phrase keeps its own ideas, not those the phrase speaks for ("экспорт из
# КНР" is an import: the "экспорт" in it is no export), nor its conjunctions (the "and" of
# "Kazakhstan and China" separates no clauses) or number words ("in one day").
_ALWAYS_BLOCKED = frozenset({"clause", "numword"})
_WORD = re.compile(r"\w+")


def compile_terms(terms: Iterable[str]) -> re.Pattern[str]:
    """One pattern for a word list that is only searched now and then (within a sentence
    that already has a trigger word), instead of being scanned for in every article."""
    return re.compile(r"(?<!\w)" + _trie_regex(terms))


def _is_phrase(term: str) -> bool:
    return " " in term or "-" in term


def _family(tag: str) -> str:
    return tag.split(":", 1)[0]


def _expand(tag: str) -> set[str]:
    """"scope:altynkol-khorgos" is also found under "scope"."""
    if ":" in tag:
        return {tag, tag.split(":", 1)[0]}
    return {tag}
