"""What a figure is about, read from where it stands: its clause, its sentence, the text before.

Each resolver looks in widening circles: the figure's own clause, the rest of its
sentence (the nearest mention before it wins), then what the article established
earlier (``Context``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from worker.extractor.document import Document, ScopeMention
from worker.extractor.periods import Period, PeriodMention
from worker.extractor.quantities import Quantity
from worker.extractor.text import Sentence, clause_bounds

MONITORED = frozenset({"kz-cn", "dostyk-alashankou", "altynkol-khorgos", "bakhty-tacheng"})
VOLUME_METRICS = frozenset({"freight_tonnes", "containers_teu", "trains", "wagons", "trains_per_day"})
_DAY_KINDS = frozenset({"day", "day_range"})
_YEARS_LATER = re.compile(
    r"(?:спустя|через)\s+(\d{1,2})\s+(?:лет|год\w*)|(\d{1,2})\s+years?\s+later|after\s+(\d{1,2})\s+years")


@dataclass
class Context:
    """What the article has established so far, carried from sentence to sentence."""

    topic: str | None = None
    """The scope of the title (or first sentence): the article's subject."""
    scope: str | None = None
    scope_sentence: int = -1
    period: Period | None = None
    list_parent: Sentence | None = None
    parent_direction: str | None = None
    limit_direction: str | None = None
    limit_sentence: int = -99
    crossings_by_sentence: dict[int, set[str]] = field(default_factory=dict)


# --- scope -----------------------------------------------------------------------------------

def pick_scope(mentions: list[ScopeMention]) -> str | None:
    """One scope from several mentions: one crossing beats the bilateral frame; two
    crossings (or "both crossings") mean the bilateral total; else another route."""
    crossings = {m.scope for m in mentions if m.kind == "crossing"}
    if len(crossings) >= 2 or any(m.kind == "both" for m in mentions):
        return "kz-cn"
    if crossings:
        return crossings.pop()
    # "the Kazakh-Chinese terminal in Xi'an": the place, not the bilateral frame
    others = [m.scope for m in mentions if m.kind == "other"]
    if others:
        return others[0]
    if any(m.kind == "bilateral" for m in mentions):
        return "kz-cn"
    return None


_EXPLICIT = ("crossing", "bilateral", "both", "other")


def explicit_scope(doc: Document, sentence: Sentence) -> str | None:
    return pick_scope([m for m in doc.scopes_in(sentence.start, sentence.end) if m.kind in _EXPLICIT])


def scope_for(doc: Document, sentence: Sentence, offset: int, context: Context) -> tuple[str | None, bool]:
    """(scope, explicit): explicit when the sentence itself names it."""
    mentions = doc.scopes_in(sentence.start, sentence.end)
    explicit = [m for m in mentions if m.kind in _EXPLICIT]
    if explicit:
        start, end = clause_bounds(doc.normalized, sentence, offset)
        in_clause = [m for m in explicit if start <= m.start < end]
        chosen = pick_scope(in_clause)
        if chosen is None:
            before = [m for m in explicit if m.start < offset]
            nearest = [m for m in before if m.start >= (before[-1].start if before else 0) - 60]
            chosen = pick_scope(nearest) or pick_scope(explicit)
        return chosen, True
    directional = [m for m in mentions if m.kind in ("to_china", "from_china")]
    if directional and not _many_destinations(doc, sentence):
        if _list_names_both_crossings(doc, sentence):
            return "kz-cn", True
        topic = context.topic
        return (topic if topic in ("dostyk-alashankou", "altynkol-khorgos", "bakhty-tacheng") else "kz-cn"), True
    if _list_names_both_crossings(doc, sentence):
        return "kz-cn", True
    return context.scope, False


_OTHER_COUNTRIES = re.compile(
    r"(?<!\w)(?:туркмен\w*|түрікмен\w*|иран\w*|iran\w*|росси\w*|ресей\w*|russia\w*|узбек\w*|өзбек\w*|uzbek\w*|"
    r"европ\w*|europe\w*|еуропа\w*|афган\w*|ауған\w*|afghan\w*|turkmen\w*|кыргыз\w*|қырғыз\w*|kyrgyz\w*)")


def _many_destinations(doc: Document, sentence: Sentence) -> bool:
    """"to China, Turkmenistan, Iran, Russia": all export destinations, not KZ–CN."""
    return bool(_OTHER_COUNTRIES.search(doc.normalized, sentence.start, sentence.end))


def _list_names_both_crossings(doc: Document, sentence: Sentence) -> bool:
    """"3.4 million tons, including: via Dostyk ...; via Altynkol ...": a total over both."""
    crossings: set[str] = set()
    for following in doc.sentences[sentence.index + 1:sentence.index + 6]:
        if not following.is_list_item:
            break
        crossings |= {m.scope for m in doc.scopes_in(following.start, following.end) if m.kind == "crossing"}
    return len(crossings) >= 2


def topic_of(doc: Document) -> str | None:
    for sentence in doc.sentences[:2]:
        scope = explicit_scope(doc, sentence)
        if scope is not None:
            return scope
    return None


# --- direction --------------------------------------------------------------------------------

def direction_for(doc: Document, sentence: Sentence, quantity: Quantity, context: Context) -> str | None:
    """export (KZ -> CN), import (CN -> KZ), transit, total; None when the text says nothing."""
    cues = _direction_cues(doc, sentence)
    if not cues:
        return None
    clause_start, clause_end = clause_bounds(doc.normalized, sentence, quantity.start)
    in_clause = [c for c in cues if clause_start <= c[0] < clause_end]
    if in_clause:
        return _combine(in_clause)
    before = [c for c in cues if c[0] < quantity.start]
    if before:
        return before[-1][1]
    return None


def _direction_cues(doc: Document, sentence: Sentence) -> list[tuple[int, str]]:
    span = (sentence.start, sentence.end)
    cues: list[tuple[int, str]] = []
    text = doc.normalized[sentence.start:sentence.end]
    chinese_voice = doc.cue("CHINESE_SIDE").any(0, len(doc.normalized)) and not doc.cue("KAZAKH_SUBJECT").any(*span)
    china_receives = bool(re.search(r"со\s+стороны\s+(?:кнр|китая|китайск\w+)|chinese\s+side|by\s+china", text)) and \
        bool(re.search(r"при[её]м\w*|accept\w*|recept\w*", text))
    for start, end in doc.cue("EXPORT").within(*span):
        word_is_export = doc.normalized.startswith(("экспорт", "export"), start)
        chinese_origin = (word_is_export and bool(_CHINESE_ORIGIN.match(doc.normalized, end))) or bool(
            _CHINESE_OWNER.search(doc.normalized[max(sentence.start, start - 12):start]))
        flip = (chinese_voice and word_is_export) or chinese_origin
        cues.append((start, "import" if flip else "export"))
    for start, _ in doc.cue("IMPORT").within(*span):
        word = doc.normalized[start:start + 8]
        flip = chinese_voice and word.startswith(("импорт", "import"))
        receives = china_receives and word.startswith(("прием", "приём"))
        cues.append((start, "export" if flip or receives else "import"))
    for mention in doc.scopes_in(*span):
        if mention.kind == "to_china":
            cues.append((mention.start, "export"))
        elif mention.kind == "from_china" and not _CHINESE_ORIGIN_BEFORE.search(
                doc.normalized[max(0, mention.start - 14):mention.start]):
            cues.append((mention.start, "import"))
    for start, _ in doc.cue("TWO_WAY").within(*span):
        cues.append((start, "total"))
    central_asia = doc.cue("CENTRAL_ASIA").any(*span)
    for start, _ in doc.cue("TRANSIT").within(*span):
        cues.append((start, "transit"))
    for start, _ in doc.cue("CHINA_EUROPE").within(*span):
        cues.append((start, "total" if central_asia else "transit"))
    if china_receives:
        for match in re.finditer(r"при[её]м\w*", text):
            cues.append((sentence.start + match.start(), "export"))
    cues.sort()
    return cues


# "exports from China", "China's exports": China's exports are Kazakhstan's imports.
_CHINESE_ORIGIN = re.compile(r"\s+(?:from\s+china|из\s+(?:китая|кнр)|қытайдан)")
_CHINESE_ORIGIN_BEFORE = re.compile(r"(?:export\w*|экспорт\w*)\s*$")
_CHINESE_OWNER = re.compile(r"(?:china'?s|chinese|китайск\w*|кнр)\s+$")


def _combine(cues: list[tuple[int, str]]) -> str:
    kinds = {kind for _, kind in cues}
    if "total" in kinds or {"export", "import"} <= kinds:
        return "total"
    for kind in ("export", "import", "transit", "total"):
        if kind in kinds:
            return kind
    return "total"


# --- period -----------------------------------------------------------------------------------

def period_for(doc: Document, sentence: Sentence, quantity: Quantity, context: Context) -> Period | None:
    mentions = [m for m in doc.periods_in(sentence.start, sentence.end)
                if m.period is not None and not m.comparison and not (m.start <= quantity.start < m.end)]
    clause_start, clause_end = clause_bounds(doc.normalized, sentence, quantity.start)
    in_clause = [m for m in mentions if clause_start <= m.start < clause_end]
    if quantity.ordinal:
        milestone = _milestone(mentions)
        if milestone:
            return milestone
    later = _years_later(doc, sentence, mentions)
    if later:
        return later
    usable = in_clause + [m for m in mentions if m not in in_clause and m.kind != "day_range"]
    before = [m for m in usable if m.start < quantity.start]
    after = [m for m in usable if m.start > quantity.start]
    clause_before = [m for m in before if m in in_clause]
    for group in (clause_before, [m for m in in_clause if m in after], before, after):
        if group:
            chosen = group[-1] if group is before or group is clause_before else group[0]
            return chosen.period
    if context.period is not None:
        return context.period
    return _after_compared_year(doc, sentence)


def sentence_period(doc: Document, sentence: Sentence) -> Period | None:
    """The period a sentence sets for those after it (never a single day)."""
    found = [m for m in doc.periods_in(sentence.start, sentence.end)
             if m.period is not None and not m.comparison and m.kind not in _DAY_KINDS]
    return found[-1].period if found else None


def _milestone(mentions: list[PeriodMention]) -> Period | None:
    """"14 February ... its 1000th train in 2026": from the year's start to that day."""
    days = [m for m in mentions if m.kind == "day" and m.day is not None]
    years = [m for m in mentions if m.kind == "year" and m.period is not None]
    if days and years:
        year = years[0].period[0].year  # type: ignore[index]
        day = days[0].day
        assert day is not None
        return date(year, 1, 1), date(year, day.month, day.day)
    return None


def _years_later(doc: Document, sentence: Sentence, mentions: list[PeriodMention]) -> Period | None:
    match = _YEARS_LATER.search(doc.normalized, sentence.start, sentence.end)
    if match is None:
        return None
    years = next(g for g in match.groups() if g)
    previous = doc.sentences[max(0, sentence.index - 2):sentence.index + 1]
    for candidate in reversed(previous):
        found = [m for m in doc.periods_in(candidate.start, candidate.end)
                 if m.kind == "year" and m.period is not None and m.start < match.start()]
        if found:
            year = found[-1].period[0].year + int(years)  # type: ignore[index]
            return date(year, 1, 1), date(year, 12, 31)
    return None


def _after_compared_year(doc: Document, sentence: Sentence) -> Period | None:
    """"grew by 22% compared to 2022": the figure is for 2023."""
    for candidate in (sentence, doc.sentences[sentence.index - 1] if sentence.index > 0 else None):
        if candidate is None:
            continue
        years = [m for m in doc.periods_in(candidate.start, candidate.end)
                 if m.comparison and m.kind == "year" and m.period is not None]
        if years:
            year = years[-1].period[0].year + 1  # type: ignore[index]
            if doc.reference is None or year <= doc.reference.year:
                return date(year, 1, 1), date(year, 12, 31)
    return None


# --- effective date ------------------------------------------------------------------------------

def effective_for(doc: Document, sentence: Sentence, offset: int) -> date | None:
    """A start date in the figure's clause, or before it in its sentence."""
    clause_start, clause_end = clause_bounds(doc.normalized, sentence, offset)
    candidates = [(start, day) for start, day in doc.effective if sentence.start <= start < sentence.end]
    in_clause = [c for c in candidates if clause_start <= c[0] < clause_end]
    if in_clause:
        return in_clause[0][1]
    before = [c for c in candidates if c[0] < offset]
    return before[-1][1] if before else None
