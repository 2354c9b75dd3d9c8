"""One article read once: its sentences and every mention in it, located by offset.

Scopes, periods, dates and cues are each found with one pass of their patterns over
the whole text; resolving a figure is then a matter of looking around its offset
(same clause, same sentence, the sentences before) rather than re-running patterns.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from worker.extractor import vocabulary as v
from worker.extractor.periods import PeriodMention, effective_dates, find_periods
from worker.extractor.text import Sentence, SentenceIndex, normalize, sentences


@dataclass(frozen=True, slots=True)
class ScopeMention:
    start: int
    end: int
    scope: str
    kind: str
    """crossing, bilateral, both (crossings), other, to_china, from_china"""
    border: bool = False
    """A bilateral adjective naming the border ("on the Kazakh-Chinese border")."""


class Cues:
    """Offsets of one cue pattern in the text, with fast range queries."""

    def __init__(self, pattern: re.Pattern[str], normalized: str) -> None:
        self.spans = [(m.start(), m.end()) for m in pattern.finditer(normalized)]
        self._starts = [s for s, _ in self.spans]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        return self.spans[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def any(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, start)
        return i < len(self._starts) and self._starts[i] < end

    def last_before(self, start: int, end: int) -> tuple[int, int] | None:
        i = bisect_left(self._starts, end) - 1
        return self.spans[i] if i >= 0 and self._starts[i] >= start else None


@dataclass
class Document:
    text: str
    normalized: str
    published: date | None
    reference: date | None
    """The publication date, or one inferred from the text when it is unknown."""
    language: str
    sentences: list[Sentence]
    index: SentenceIndex
    scopes: list[ScopeMention]
    periods: list[PeriodMention]
    effective: list[tuple[int, date]]
    cues: dict[str, Cues] = field(default_factory=dict)

    def cue(self, name: str) -> Cues:
        found = self.cues.get(name)
        if found is None:
            found = Cues(getattr(v, name), self.normalized)
            self.cues[name] = found
        return found

    def scopes_in(self, start: int, end: int) -> list[ScopeMention]:
        starts = self._scope_starts
        return self.scopes[bisect_left(starts, start):bisect_left(starts, end)]

    def periods_in(self, start: int, end: int) -> list[PeriodMention]:
        starts = self._period_starts
        return self.periods[bisect_left(starts, start):bisect_left(starts, end)]

    def inside_period(self, offset: int) -> bool:
        i = bisect_right(self._period_starts, offset) - 1
        return i >= 0 and self.periods[i].start <= offset < self.periods[i].end

    def __post_init__(self) -> None:
        self._scope_starts = [s.start for s in self.scopes]
        self._period_starts = [p.start for p in self.periods]


def read(text: str, published: date | None, language: str) -> Document:
    normalized = normalize(text)
    found = sentences(text, normalized)
    reference = published or _infer_reference(normalized)
    periods = find_periods(normalized, reference)
    return Document(
        text=text, normalized=normalized, published=published, reference=reference, language=language,
        sentences=found, index=SentenceIndex(found), scopes=_scope_mentions(normalized),
        periods=periods, effective=list(effective_dates(normalized, periods)),
    )


def _scope_mentions(normalized: str) -> list[ScopeMention]:
    found: list[ScopeMention] = []
    for scope, pattern in v.CROSSINGS.items():
        found += [ScopeMention(m.start(), m.end(), scope, "crossing") for m in pattern.finditer(normalized)]
    kazakh_and_china = bool(re.search(r"казах|kazakh|қазақ", normalized)) and bool(
        re.search(r"кита|кнр|china|chinese|қытай|қхр", normalized))
    for m in v.BILATERAL.finditer(normalized):
        generic = re.match(r"(?:the\s+)?two|обеими|двумя|обеих|двух|между\s+странами|екі", m.group())
        if generic and not kazakh_and_china:
            continue
        border = bool(v.BORDER_WORD.match(normalized, m.end()))
        found.append(ScopeMention(m.start(), m.end(), "kz-cn", "bilateral", border))
    found += [ScopeMention(m.start(), m.end(), "kz-cn", "both") for m in v.BOTH_CROSSINGS.finditer(normalized)]
    for scope, pattern in v.OTHER_SCOPES.items():
        found += [ScopeMention(m.start(), m.end(), scope, "other") for m in pattern.finditer(normalized)]
    found += [ScopeMention(m.start(), m.end(), "kz-cn", "to_china") for m in v.TO_CHINA.finditer(normalized)]
    found += [ScopeMention(m.start(), m.end(), "kz-cn", "from_china") for m in v.FROM_CHINA.finditer(normalized)]
    found.sort(key=lambda s: s.start)
    return found


_COMPARED_YEAR = re.compile(r"(?:compared\s+(?:to|with)|than(?:\s+in)?|по\s+сравнению\s+с|против|level\s+of)\s+"
                            r"(?:\w+\s+)?((?:19|20)\d\d)")


def _infer_reference(normalized: str) -> date | None:
    """Without a publication date, the year after the latest compared-with year is the
    year the article reports on ("25 per cent more than January 2024" -> 2025)."""
    years = [int(m.group(1)) for m in _COMPARED_YEAR.finditer(normalized)]
    if not years:
        return None
    return date(max(years) + 1, 12, 31)
