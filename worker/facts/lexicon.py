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
from dataclasses import dataclass

_STEM = "*"
_SPACE = " "
_DASH = "-"
_END = ""


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    tags: frozenset[str]


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


def _trie_regex(terms: Iterable[str]) -> str:
    root = _Node()
    for term in terms:
        node = root
        for char in term:
            node = node.setdefault(char, _Node())
        node[_END] = _Node()
    return _node_regex(root, "")


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

    Single words and phrases are scanned separately, so a phrase ("ограничила приём")
    does not hide the words it is made of ("ограничила" is still a limit); a word keeps
    its tags unless the phrase around it speaks for the same idea ("экспорт из КНР" is an
    import, so the "экспорт" inside it loses its direction).
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
        words = [t for t in terms if not _is_phrase(t)]
        phrases = [t for t in terms if _is_phrase(t)]
        self._patterns = [re.compile(r"(?<!\w)" + _trie_regex(group)) for group in (words, phrases) if group]
        by_first: dict[str, list[tuple[re.Pattern[str], frozenset[str]]]] = {}
        for term, tags in terms.items():
            by_first.setdefault(term[0], []).append((re.compile(_term_regex(term)), frozenset(tags)))
        self._by_first = by_first
        self._memo: dict[str, frozenset[str]] = {}

    def __contains__(self, term: str) -> bool:
        return term in self._terms

    def scan(self, normalized: str) -> list[Cue]:
        found: list[Cue] = []
        for pattern in self._patterns:
            found.extend(self._scan(pattern, normalized))
        if len(self._patterns) > 1:
            found.sort(key=lambda c: (c.start, -c.end))
            found = _resolve_nesting(found)
        return found

    def _scan(self, pattern: re.Pattern[str], normalized: str) -> list[Cue]:
        found: list[Cue] = []
        memo = self._memo
        for match in pattern.finditer(normalized):
            start, end = match.span()
            if end == start:
                continue
            word = match.group()
            tags = memo.get(word)
            if tags is None:
                tags = self._classify(word)
                if len(memo) > 200_000:  # hostile input: many distinct spellings
                    memo.clear()
                memo[word] = tags
            if tags:
                found.append(Cue(start, end, tags))
        return found

    def _classify(self, word: str) -> frozenset[str]:
        """The tags of every term that spells exactly ``word`` (a span matched by a trie)."""
        tags: set[str] = set()
        for pattern, term_tags in self._by_first.get(word[0], ()):
            if pattern.fullmatch(word):
                tags |= term_tags
        return frozenset(tags)


def _is_phrase(term: str) -> bool:
    return " " in term or "-" in term


def _resolve_nesting(cues: list[Cue]) -> list[Cue]:
    """Drop from a word inside a phrase the tags of the phrase's own ideas, its conjunctions
    (the "and" of "Kazakhstan and China" separates no clauses) and its number words ("in
    one day", "екі ел")."""
    result: list[Cue] = []
    open_phrases: list[Cue] = []
    for cue in cues:
        open_phrases = [p for p in open_phrases if p.end > cue.start]
        outer = [p for p in open_phrases if p.end >= cue.end and (p.start, p.end) != (cue.start, cue.end)]
        if outer:
            families = {_family(t) for p in outer for t in p.tags} | {"clause", "numword"}
            kept = frozenset(t for t in cue.tags if _family(t) not in families)
            if not kept:
                continue
            if kept != cue.tags:
                cue = Cue(cue.start, cue.end, kept)
        result.append(cue)
        if cue.end - cue.start > 0:
            open_phrases.append(cue)
    return result


def _family(tag: str) -> str:
    return tag.split(":", 1)[0]


def _expand(tag: str) -> set[str]:
    """"scope:altynkol-khorgos" is also found under "scope"."""
    if ":" in tag:
        return {tag, tag.split(":", 1)[0]}
    return {tag}
