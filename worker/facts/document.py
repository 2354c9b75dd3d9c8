"""One article read once: sentences, clauses, vocabulary cues, figures and periods, by offset.

Everything is found in a few passes over the whole text (one for the vocabulary, one
for digits, one for sentence ends); deciding what a figure means is then a matter of
looking around its offset with binary searches, never of re-running patterns.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from worker.facts import changes, directions, events, metrics, numbers, periods, scopes
from worker.facts.lexicon import Cue, Lexicon
from worker.facts.periods import PeriodMention, effective_dates, find_periods
from worker.facts.quantities import Change, Quantity, number_tokens, read_quantities
from worker.facts.sentences import CLAUSE_PUNCTUATION, Sentence, normalize, split_sentences

LEXICON = Lexicon([
    numbers.NUMBER_TERMS, numbers.DOUBLING_TERMS, periods.PERIOD_TERMS, scopes.SCOPE_TERMS,
    directions.DIRECTION_TERMS, metrics.METRIC_TERMS, changes.CHANGE_TERMS, events.EVENT_TERMS,
    {"clause": ("and", "while", "whereas", "but", "а", "но", "тогда как", "при этом", "из них", "из которых",
                "of which", "including", "в том числе", "в т.ч.", "ал", "ал ол", "оның ішінде", "соның ішінде")},
])


@dataclass
class Document:
    text: str
    normalized: str
    published: date | None
    reference: date | None
    """The publication date, or a year end inferred from the text when it is unknown."""
    language: str
    sentences: list[Sentence]
    cues: list[Cue]
    quantities: list[Quantity]
    changes: list[Change]
    periods: list[PeriodMention]
    effective: list[tuple[int, date]]
    sentence_tags: list[set[str]] = field(init=False)
    """Per sentence, every tag its cues carry."""
    _tag_starts: dict[str, list[int]] = field(init=False)
    _tag_cues: dict[str, list[Cue]] = field(init=False)
    _sentence_starts: list[int] = field(init=False)
    _cue_starts: list[int] = field(init=False)
    _period_starts: list[int] = field(init=False)
    _quantity_starts: list[int] = field(init=False)
    _clauses: dict[int, list[tuple[int, int]]] = field(init=False)
    memo: dict[tuple[str, int], Any] = field(init=False)
    """Per-sentence answers computed once for all the figures of a sentence."""

    def __post_init__(self) -> None:
        tag_cues: dict[str, list[Cue]] = {}
        tag_starts: dict[str, list[int]] = {}
        sentence_tags: list[set[str]] = [set() for _ in self.sentences]
        sentences = self.sentences
        i, count = 0, len(sentences)
        for cue in self.cues:
            start = cue.start
            while i < count and sentences[i].end <= start:
                i += 1
            if i < count and sentences[i].start <= start:
                sentence_tags[i].update(cue.tags)
            for tag in cue.tags:
                same = tag_cues.get(tag)
                if same is not None:
                    same.append(cue)
                    tag_starts[tag].append(start)
                else:
                    tag_cues[tag] = [cue]
                    tag_starts[tag] = [start]
        self._tag_cues, self._tag_starts, self.sentence_tags = tag_cues, tag_starts, sentence_tags
        self._sentence_starts = [s.start for s in sentences]
        self._cue_starts = [c.start for c in self.cues]
        self._period_starts = [p.start for p in self.periods]
        self._quantity_starts = [q.start for q in self.quantities]
        self._clauses = {}
        self.memo = {}

    # --- cues ------------------------------------------------------------------------------
    def cues_of(self, tag: str, start: int, end: int) -> list[Cue]:
        starts = self._tag_starts.get(tag)
        if not starts:
            return []
        return self._tag_cues[tag][bisect_left(starts, start):bisect_left(starts, end)]

    def has(self, tag: str, start: int, end: int) -> bool:
        starts = self._tag_starts.get(tag)
        if not starts:
            return False
        i = bisect_left(starts, start)
        return i < len(starts) and starts[i] < end

    def anywhere(self, tag: str) -> bool:
        return tag in self._tag_starts

    def last(self, tag: str, start: int, end: int) -> Cue | None:
        starts = self._tag_starts.get(tag)
        if not starts:
            return None
        i = bisect_left(starts, end) - 1
        return self._tag_cues[tag][i] if i >= 0 and starts[i] >= start else None

    def cues_in(self, start: int, end: int) -> list[Cue]:
        return self.cues[bisect_left(self._cue_starts, start):bisect_left(self._cue_starts, end)]

    # --- structure -------------------------------------------------------------------------
    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i < 0 or (i == len(self.sentences) - 1 and offset >= self.sentences[i].end):
            return None  # (past the last sentence: the other articles' headlines cut off after the body)
        return self.sentences[i]

    def clause(self, sentence: Sentence, offset: int) -> tuple[int, int]:
        """The clause of ``sentence`` around ``offset``: between the breaks either side."""
        breaks = self._clauses.get(sentence.index)
        if breaks is None:
            breaks = self._clause_breaks(sentence)
        start, end = sentence.start, sentence.end
        for b_start, b_end in breaks:
            if b_end <= offset:
                start = b_end
            elif b_start >= offset:
                end = b_start
                break
        return start, end

    def _clause_breaks(self, sentence: Sentence) -> list[tuple[int, int]]:
        breaks = [m.span() for m in CLAUSE_PUNCTUATION.finditer(self.normalized, sentence.start, sentence.end)]
        breaks += [(c.start, c.end) for c in self.cues_of("clause", sentence.start, sentence.end)]
        figures = [(q.start, q.end) for q in self.quantities_in(sentence.start, sentence.end) if q.unit_start < q.end]
        if figures and breaks:  # "4,412 China-Europe and China-Central Asia trains": one figure, one clause
            breaks = [b for b in breaks if not _within_figure(b, figures)]
        breaks.sort()
        self._clauses[sentence.index] = breaks
        return breaks

    def periods_in(self, start: int, end: int) -> list[PeriodMention]:
        return self.periods[bisect_left(self._period_starts, start):bisect_left(self._period_starts, end)]

    def quantities_in(self, start: int, end: int) -> list[Quantity]:
        starts = self._quantity_starts
        return self.quantities[bisect_left(starts, start):bisect_left(starts, end)]

    def words(self, start: int, end: int) -> str:
        return self.normalized[max(0, start):end]


def read(text: str, published: date | None, language: str) -> Document:
    normalized = normalize(text)
    sentences = split_sentences(text, normalized)
    cues = LEXICON.scan(normalized)
    words = [(c.start, c.end) for c in cues if "numword" in c.tags]
    tokens = number_tokens(normalized, words)
    reference = published or _infer_reference(normalized)
    found_periods = find_periods(normalized, cues, tokens, reference, exact=published is not None,
                                 sentence_starts=[s.start for s in sentences])
    starts = [p.start for p in found_periods]
    outside = [t for t in tokens if not _inside(t.start, found_periods, starts)]
    quantities, found_changes = read_quantities(normalized, outside, english=language == "en")
    return Document(
        text=text, normalized=normalized, published=published, reference=reference, language=language,
        sentences=sentences, cues=cues, quantities=quantities, changes=found_changes, periods=found_periods,
        effective=effective_dates(normalized, found_periods),
    )


def _within_figure(span: tuple[int, int], figures: list[tuple[int, int]]) -> bool:
    """A break inside a figure's own words (a plain loop: a generator per break costs more here)."""
    for start, end in figures:  # noqa: SIM110 (the loop is the point)
        if start < span[0] and span[1] <= end:
            return True
    return False


def _inside(offset: int, mentions: list[PeriodMention], starts: list[int]) -> bool:
    i = bisect_right(starts, offset) - 1
    return i >= 0 and mentions[i].start <= offset < mentions[i].end


_COMPARED_YEAR = re.compile(r"(?:compared\s+(?:to|with)|than(?:\s+in)?|по\s+сравнению\s+с|против|level\s+of|"
                            r"аналогичн\w*\s+период\w*)\s+(?:[a-zа-я]+\s+)?((?:19|20)\d\d)(?!\d)")


def _infer_reference(normalized: str) -> date | None:
    """Without a publication date, the year after the latest year a figure is compared
    with is the year the article reports on ("25 per cent more than January 2024" -> 2025)."""
    years = [int(m.group(1)) for m in _COMPARED_YEAR.finditer(normalized)]
    return date(max(years) + 1, 12, 31) if years else None
