"""The extractor: article text in, facts and events out (contracts/facts.md).

Pure and total: any string in, an ``Extraction`` out, never an exception. The article is
read once (``document.read``); then each sentence's figures are resolved in order,
carrying what the article established along the way, and the events are gathered.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from worker.facts import changes, scopes
from worker.facts.directions import direction_for
from worker.facts.document import Document, read
from worker.facts.events import reports_change, sentence_changes, time_compared, triggers_at
from worker.facts.figures import Context, read_figure, sentence_period
from worker.facts.language import detect_language
from worker.facts.lexicon import compile_terms
from worker.facts.model import MONITORED, Event, Extraction, Period, Reading
from worker.facts.quantities import Quantity
from worker.facts.sentences import Sentence
from worker.facts.tables import table_readings

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "2026.12.6"
"""Bumped whenever a rule changes, so stored articles can be re-extracted."""
MAX_CHARS = 2_000_000
_NEEDS_PERIOD = frozenset({"freight_tonnes", "containers_teu", "trains", "wagons"})
"""A volume is moved in some period; one the text gives none for is a running total ("since
the service began", "за 35 лет") or a vague aside, and no fact to alert on."""
_EVENT_REACH = 5
"""A change in a sentence naming no scope belongs to the scope named at most this many sentences before."""


def extract(text: str, *, published: date | None = None, language: str | None = None) -> Extraction:
    """Facts and events of one article. Never raises: a failure is logged and yields nothing."""
    if not isinstance(text, str):
        text = ""
    try:
        language = language or detect_language(text)
        if not text.strip():
            return Extraction(language, published)
        return _extract(text[:MAX_CHARS], published, language)
    except Exception:  # the contract promises an answer for any text; a bug must not lose the article
        log.exception("fact extraction failed; the article is kept without facts")
        return Extraction(language or "en", published)


def _extract(text: str, published: date | None, language: str) -> Extraction:
    doc = read(text, published, language)
    context = Context()
    for mention in scopes.scope_mentions(doc):
        sentence = doc.sentence_at(mention.start)
        if sentence is not None:
            context.scopes_by_sentence.setdefault(sentence.index, []).append(mention)
    context.topic = _topic(doc, context)
    by_sentence: dict[int, list[Quantity]] = {}
    for quantity in doc.quantities:
        sentence = doc.sentence_at(quantity.start)
        if sentence is not None:
            by_sentence.setdefault(sentence.index, []).append(quantity)
    readings, table_rows = table_readings(doc, context.scopes_by_sentence)
    events: list[Event] = []
    previous: list[Reading] = []
    for sentence in doc.sentences:
        figures = None if sentence.index in table_rows else by_sentence.get(sentence.index)
        if figures is None and not doc.sentence_tags[sentence.index] \
                and not doc.normalized.endswith(":", sentence.start, sentence.end):
            continue  # no figure and no word we know (nor a list's header): nothing to read, nothing to carry
        found = [r for q in figures if (r := read_figure(doc, sentence, q, context, figures))] if figures else []
        if found and any(r.metric == "train_limit_per_day" for r in found):
            mentions = context.scopes_by_sentence.get(sentence.index, [])
            found = [r for r in found if r.metric != "train_limit_per_day" or r.scope not in MONITORED
                     or not _elsewhere(doc, mentions, sentence, [r.at])]  # a norm at Keles, at Brest
        if found:
            found = changes.with_changes(doc, sentence, found)
            readings.extend(found)
        elif previous and "record" in doc.sentence_tags[sentence.index]:
            target = changes.record_of_previous(doc, sentence, previous)
            if target is not None:
                target.record = True
        if not found and previous:  # "По сравнению с октябрем прошлого года рост составил 9,8%."
            stated = changes.change_of_previous(doc, sentence, previous)
            if stated is not None:
                stated[0].change_pct = stated[1]
        previous = found if found or figures else previous
        has_limit = any(r.metric == "train_limit_per_day" for r in found)
        events.extend(_sentence_events(doc, sentence, context, has_limit, events))
        _carry(doc, sentence, context, found, bool(figures))
    facts = [r for r in _with_limit_dates(doc, _deduplicate(doc, readings), events)
             if r.period is not None or r.metric not in _NEEDS_PERIOD]
    return Extraction(language, published, [r.freeze() for r in facts], _gather_events(doc, facts, events))


def _topic(doc: Document, context: Context) -> str | None:
    """The first scope the article names, in its first three sentences."""
    for sentence in doc.sentences[:3]:
        chosen = scopes.pick(scopes.explicit_in(context.scopes_by_sentence.get(sentence.index, [])))
        if chosen is not None:
            return chosen
    return None


def _sentence_events(doc: Document, sentence: Sentence, context: Context, has_limit: bool,
                     earlier: list[Event]) -> list[Event]:
    found = sentence_changes(doc, sentence, has_limit)
    if not found:
        return []
    mentions = context.scopes_by_sentence.get(sentence.index, [])
    scope, named = scopes.scope_for(doc, mentions, sentence, sentence.start, context.topic, context.scope)
    if not named:
        closed = next((e.scope for e in reversed(earlier) if e.kind == "closure"), None)
        if closed is not None and any(f.kind == "reopening" for f in found):
            # "closed 10-14 June; traffic rerouted via Altynkol. From 15 June the crossing works
            # normally": what reopens unnamed is what was closed, not the detour named since
            scope = closed
        elif scope not in MONITORED and context.topic in scopes.CROSSINGS \
                and _HERE.search(doc.normalized, sentence.start, sentence.end) is not None:
            # "services from Xi'an ... A new container yard was put into operation at the dry port":
            # the port in question is the one the article is about, not a place named in passing
            scope = context.topic
    if scope not in MONITORED or (not named and context.scope_sentence < sentence.index - _EVENT_REACH):
        return []
    assert scope is not None
    quote = doc.text[sentence.start:sentence.end]
    return [Event("crossing_change", scope, f.kind, f.effective, quote, sentence.start, sentence.end) for f in found
            if not _elsewhere(doc, mentions, sentence, triggers_at(doc, sentence, f.kind))
            and not (f.kind == "infrastructure" and scope == "kz-cn" and not _on_the_border(mentions))]


_BORDER_PLACES = frozenset({"crossing", "both", "bilateral"})


def _on_the_border(mentions: list[scopes.ScopeMention]) -> bool:
    """Something put into service counts for the KZ-CN border only where the sentence names the
    border or a crossing; cargo "from China" names neither ("на станции Шамалган введен в
    эксплуатацию центр для грузов из Китая": a hub near Almaty)."""
    return any(m.kind in _BORDER_PLACES for m in mentions)


_ON_BORDER = frozenset({"crossing", "both"})
_EXPLICIT_KINDS = frozenset({"crossing", "both", "bilateral", "other", "route"})


def _elsewhere(doc: Document, mentions: list[scopes.ScopeMention], sentence: Sentence, offsets: list[int]) -> bool:
    """A change at another border: the sentence names a place off the KZ-CN border and no crossing
    ("the two countries agreed to raise the trains accepted daily at Keles"), or the first clause
    of a change word that names a place does ("движение через Брест было приостановлено, хотя
    часть поездов прошла Достык")."""
    if not any(m.kind == "other" for m in mentions):
        return False
    if not any(m.kind in _ON_BORDER for m in mentions):
        return True
    for offset in offsets:
        start, end = doc.clause(sentence, offset)
        here = [m for m in mentions if start <= m.start < end and m.kind in _EXPLICIT_KINDS]
        if here:
            return any(m.kind == "other" for m in here) and not any(m.kind in _ON_BORDER for m in here)
    return False


_HERE = compile_terms(("the dry port", "the port", "the terminal", "the station", "the crossing", "this port",
                       "this terminal", "this station", "this crossing"))


def _carry(doc: Document, sentence: Sentence, context: Context, found: list[Reading], has_figures: bool) -> None:
    """What this sentence establishes for the next ones: its scope, period and direction."""
    mentions = context.scopes_by_sentence.get(sentence.index)
    header = not sentence.is_list_item and doc.normalized.endswith(":", sentence.start, sentence.end)
    if not mentions and not found and not header and not doc.periods_in(sentence.start, sentence.end):
        return  # (a list's header always sets its items' direction: "Through the crossings:" none)
    mentions = mentions or []
    explicit = scopes.pick(scopes.explicit_in(mentions))
    if found and found[-1].scope in MONITORED and explicit is not None and explicit.startswith("china-"):
        # "China-Europe trains through the port totaled 1,958": the route's trains were counted at the
        # crossing, which stays the subject ("In all, 3,220 trains passed through the port's railway")
        explicit = found[-1].scope
    on_crossing = context.scope in scopes.CROSSINGS
    names_crossing = any(m.kind in ("crossing", "both") for m in mentions)
    if explicit is not None and (explicit != "kz-cn" or not on_crossing or sentence.is_title or names_crossing
                                 or has_figures):
        # a bilateral phrase in passing ("agreements between Kazakhstan and China") does
        # not move the subject away from the crossing the article is about
        context.scope, context.scope_sentence = explicit, sentence.index
    elif found:
        context.scope, context.scope_sentence = found[-1].scope, sentence.index
    context.period = _carried_period(found) or sentence_period(doc, sentence) or context.period
    if not sentence.is_list_item and found:
        context.parent_direction = found[-1].direction
    elif header:
        # a list's header line: "Отправлено вагонов в Китай:" gives its items their direction
        context.parent_direction = direction_for(doc, sentence, sentence.end - 1)


def _carried_period(found: list[Reading]) -> Period | None:
    periods = [r.period for r in found if r.period is not None and r.period[0] != r.period[1]]
    return periods[-1] if periods else None


def _deduplicate(doc: Document, readings: list[Reading]) -> list[Reading]:
    """One fact per statement: a headline repeating a figure, or a figure repeated without
    its period, folds into the fuller mention."""
    kept: list[Reading] = []
    title_end = doc.sentences[0].end if doc.sentences and doc.sentences[0].is_title else -1
    for reading in sorted(readings, key=lambda r: (r.period is None, r.at < title_end, r.at)):
        twin = next((k for k in kept if _same(k, reading)), None)
        if twin is None:
            kept.append(reading)
        elif reading.record:
            twin.record = True
    alike: dict[tuple[str, str, str], int] = {}  # (a plain dict: a Counter costs more than it counts here)
    for r in kept:
        alike[r.metric, r.scope, r.direction] = alike.get((r.metric, r.scope, r.direction), 0) + 1
    kept = [r for r in kept if alike[r.metric, r.scope, r.direction] < 2 or not _restates(doc, r, kept)]
    return sorted(kept, key=lambda r: r.at)


# "превысили 400 тыс. TEU", "over 300,000 TEU", "exceeded the 35 million tonne mark", "почти 13 тыс.
# поездов", "400 мың ЖФЕ-ден асты": a round figure bounding the exact one the article gives.
_OVER_BEFORE = re.compile(
    r"(?<!\w)(?:over|more\s+than|above|in\s+excess\s+of|exceed\w*|surpass\w*|top(?:ped|s)?|свыше|более|больше|"
    r"превысил\w*|превысив|превышает|перевалил\w*|перешагнул\w*|преодолел\w*)"
    r"(?:\s+(?:the|рубеж\w*|отметк\w*|планк\w*)(?:\s+в)?)?\s*$")
_UNDER_BEFORE = re.compile(r"(?<!\w)(?:almost|nearly|just\s+under|почти|около|без\s+малого|чуть\s+менее)\s*$")
_ABOUT_BEFORE = re.compile(r"(?<!\w)(?:about|around|roughly|some|approximately|порядка|примерно|приблизительно|"
                           r"шамамен)\s*$")
_KAZAKH_BOUND = re.compile(r"[^.;!?\n\d]{0,30}?(?:(?P<over>ден|дан|нан|нен|тан|тен)\s+(?:астам|асты|асып|асқан|артық)"
                           r"|(?P<under>ге|ға|ке|қа)\s+жуық)(?!\w)")


def _restates(doc: Document, rounded: Reading, kept: list[Reading]) -> bool:
    """A round figure ("over 300,000 TEU") that bounds an exact one of the same metric, scope,
    direction and period (318,500 TEU) restates it: one fact, the exact one (taking its record)."""
    value = rounded.value
    if not value.is_integer() or value <= 0:
        return False
    digits = str(int(value))
    step = 10.0 ** (len(digits) - len(digits.rstrip("0")))
    if step < 10:
        return False
    twins = [exact for exact in kept
             if exact is not rounded and exact.metric == rounded.metric and exact.scope == rounded.scope
             and exact.direction == rounded.direction and rounded.period in (exact.period, None)
             and exact.value != value and value - step <= exact.value <= value + step]
    if not twins:  # the common case: no other figure near this one, no wording to read
        return False
    text = doc.normalized
    before = text[max(0, rounded.at - 40):rounded.at]
    after = _KAZAKH_BOUND.match(text, rounded.at, min(len(text), rounded.at + 60))
    if _OVER_BEFORE.search(before) or (after is not None and after.group("over")):
        low, high = value, value + step
    elif _UNDER_BEFORE.search(before) or (after is not None and after.group("under")):
        low, high = value - step, value
    elif _ABOUT_BEFORE.search(before):
        low, high = value - step / 2, value + step / 2
    else:
        return False
    for exact in twins:
        if low <= exact.value <= high:
            exact.record = exact.record or rounded.record
            if exact.change_pct is None:
                exact.change_pct = rounded.change_pct
            return True
    return False


def _same(kept: Reading, fact: Reading) -> bool:
    return (kept.metric == fact.metric and kept.scope == fact.scope
            and abs(kept.value - fact.value) <= 1e-6 * max(kept.value, 1.0)
            and (kept.period == fact.period or fact.period is None or kept.period is None)
            and (kept.effective == fact.effective or None in (kept.effective, fact.effective))
            and (kept.direction == fact.direction or "total" in (kept.direction, fact.direction)))


def _with_limit_dates(doc: Document, readings: list[Reading], events: list[Event]) -> list[Reading]:
    """"agreed to double the handover at Altynkol from March 1 ... from 8 to 15 trains per
    day": the new limit takes the date its announcement gave, else the start date of the
    sentence right after or before it ("Новая норма начнет действовать с 1 декабря"); a
    capacity raised by a line put into service takes the day it opened."""
    dated = {e.scope: e.effective for e in events if e.kind == "train_limit" and e.effective is not None}
    opened = {(e.scope, e.start): e.effective for e in events
              if e.kind in ("infrastructure", "capacity") and e.effective is not None}
    last_dated: Reading | None = None
    for reading in readings:
        if reading.effective is not None or reading.role == "old":
            if reading.metric == "train_limit_per_day" and reading.effective is not None:
                last_dated = reading
            continue
        if reading.metric == "train_limit_per_day":
            reading.effective = dated.get(reading.scope) or _part_of_dated(doc, reading, last_dated) \
                or _neighbour_start(doc, reading.at)
        elif reading.metric == "capacity_tonnes_per_year":
            # "put into operation on December 20, increasing the capacity to 35 Mt": from that day
            reading.effective = opened.get((reading.scope, reading.start)) or _opened_before(doc, reading, events)
    return readings


_PART_START = re.compile(r"\s*(?:of\s+(?:the|these|this|which|it)|из\s+(?:них|этого|этой|нового|новой|общего)|"
                         r"в\s+том\s+числе|including|оның\s+ішінде|соның\s+ішінде)(?!\w)")


def _part_of_dated(doc: Document, reading: Reading, dated: Reading | None) -> date | None:
    """"... up to 40 trains a day from Feb. 15. Of the new quota, up to 22 via Dostyk": the parts
    of a limit given just before take its date."""
    sentence = doc.sentence_at(reading.at)
    if dated is None or sentence is None:
        return None
    before = doc.sentence_at(dated.at)
    if before is None or not 0 < sentence.index - before.index <= 2:
        return None
    return dated.effective if _PART_START.match(doc.normalized, sentence.start) else None


_DESIGN = re.compile(r"проектн|design|жобалық")
_OPENED_REACH = 3


def _opened_before(doc: Document, reading: Reading, events: list[Event]) -> date | None:
    """"18 наурызда ... паркі пайдалануға берілді. Жаңа парктің іске қосылуымен ... өткізу қабілеті
    27 млн тоннаға дейін артты", "opened on 7 November. Its design capacity is 5 Mt": the capacity of
    what was just put into service dates from that day (not one still to come: "составит")."""
    sentence = doc.sentence_at(reading.at)
    if sentence is None:
        return None
    tags = doc.sentence_tags[sentence.index]
    if "future" in tags or not ("in_service" in tags
                                or _DESIGN.search(doc.normalized, sentence.start, sentence.end)):
        return None
    first = doc.sentences[max(0, sentence.index - _OPENED_REACH)].start
    dated = [e.effective for e in events if e.kind == "infrastructure" and e.scope == reading.scope
             and e.effective is not None and first <= e.start <= sentence.start]
    return dated[-1] if dated else None


_BACK_TO_NORMAL = frozenset({"normal_mode", "reopening"})


def _neighbour_start(doc: Document, offset: int) -> date | None:
    """The start date of the next (else the previous) sentence, when it has no figure of its own;
    for a list item, its header's first ("с 16 по 22 февраля устанавливается норма:"). A return
    to normal after it ("С 23 февраля — в обычном режиме") is where the limit ends, not starts."""
    sentence = doc.sentence_at(offset)
    if sentence is None:
        return None
    order = [sentence.index + 1, sentence.index - 1]
    if sentence.is_list_item:
        header = sentence.index - 1
        while header > 0 and doc.sentences[header].is_list_item:
            header -= 1
        order = [header, sentence.index + 1]
    for index in order:
        if not 0 <= index < len(doc.sentences):
            continue
        neighbour = doc.sentences[index]
        if not doc.sentence_tags[index].isdisjoint(_BACK_TO_NORMAL):
            continue
        starts = [day for at, day in doc.effective if neighbour.start <= at < neighbour.end]
        if starts and not doc.quantities_in(neighbour.start, neighbour.end):
            return starts[0]
    return None


def _gather_events(doc: Document, readings: list[Reading], events: list[Event]) -> list[Event]:
    """Records from record facts, limit changes from limit facts, and the changes sentences
    reported; one event per (type, scope, kind), dated by the first mention that gives a date."""
    found: dict[tuple[str, str, str], Event] = {}
    for fact in readings:
        if fact.scope not in MONITORED:
            continue
        if fact.record:
            found.setdefault(("volume_record", fact.scope, fact.metric),
                             Event("volume_record", fact.scope, fact.metric, None, fact.quote, fact.start, fact.end))
        sentence = doc.sentence_at(fact.at)
        if fact.metric == "train_limit_per_day" and fact.role != "old" and (
                fact.effective is not None or (sentence is not None and reports_change(doc, sentence))):
            _merge(found, Event("crossing_change", fact.scope, "train_limit", fact.effective, fact.quote,
                                fact.start, fact.end))
        if fact.metric == "processing_hours" and sentence is not None and (
                fact.role == "new" or time_compared(doc, sentence, fact.at)
                or ("raise" in doc.sentence_tags[sentence.index]
                    and "future" not in doc.sentence_tags[sentence.index])):
            # "clearance ... cut to 30 minutes", "с 5 до 2 часов": the time changed
            _merge(found, Event("crossing_change", fact.scope, "processing_time", None, fact.quote,
                                fact.start, fact.end))
    for event in events:
        _merge(found, event)
    for kind in {key[2] for key in found if key[0] == "crossing_change" and key[1] != "kz-cn"}:
        # "the two countries agreed to double the trains", then per crossing: the crossings carry it
        found.pop(("crossing_change", "kz-cn", kind), None)
    return sorted(found.values(), key=lambda e: e.start)


def _merge(found: dict[tuple[str, str, str], Event], event: Event) -> None:
    key = (event.type, event.scope, event.kind)
    existing = found.get(key)
    if existing is None:
        found[key] = event
    elif existing.effective is None and event.effective is not None:
        found[key] = Event(existing.type, existing.scope, existing.kind, event.effective, existing.quote,
                           existing.start, existing.end)
