"""Year-on-year changes and records, as the text states them, attached to their figures.

"вырос на 4,3%", "down 2 per cent", "(+77 per cent)", "в 2 раза", "doubled", "13 пайызға
артқан"; "рекорд", "record", "highest ever", "исторический максимум", "рекордтық". A
change or a record cue belongs to the volume figure in its clause, else to the nearest
one in its sentence. Shares and plan fulfilment ("80% выполнения") are not changes; "the
previous record" and "record time" are not records.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from worker.facts.metrics import VOLUMES
from worker.facts.numbers import times_to_pct

if TYPE_CHECKING:
    from worker.facts.document import Document
    from worker.facts.model import Reading
    from worker.facts.sentences import Sentence

CHANGE_TERMS: dict[str, tuple[str, ...]] = {
    "increase": ("вырос*", "выросл*", "увеличил*", "увеличен*", "увеличива*", "рост*", "прирост*", "выше", "больше",
                 "превыш*", "прибав*", "increas*", "grew", "grow*", "rose", "rise*", "risen", "up", "higher", "more",
                 "soar*", "jump*", "climb*", "boost*", "gain*", "артқан", "артты", "артып", "артық", "өсті", "өскен",
                 "өсіп", "өсім*", "көбей*", "жоғары", "increase*", "surge*", "added", "добавил*",
                 # "увеличившись ... на 7,4 проц.", "возросли на 5%", "7,2 пайызға көп"
                 "увеличив*", "возрос*", "көп"),
    "decrease": ("снизил*", "снижен*", "сократил*", "сокращен*", "уменьшил*", "спад*", "упал*", "ниже", "меньше",
                 "decreas*", "fell", "fall*", "down", "lower", "declin*", "drop*", "less", "slump*", "shrank",
                 "азай*", "төмендеді", "төмендеп", "төмен", "кеміді", "қысқар*", "кем", "азырақ"),
    "not_yoy": ("выполнени*", "fulfil*", "доля", "доли", "долю", "share", "үлес*", "от общего", "of all",
                "of the total",
                "загрузк*"),
    "record": ("рекорд*", "record*", "рекордтық", "historic high", "historical high", "historic maximum",
               "historical maximum", "исторический максимум", "историческ* максимум*", "highest ever",
               "all-time", "record-high", "new high", "тарихи максимум*", "тарихи рекорд*", "за всю историю",
               "наивысш*", "ever recorded", "тарихтағы ең*", "тарихындағы ең*", "best month ever", "best year ever",
               "best week ever", "best-ever", "best ever", "busiest month ever", "most ever", "наибольш* за всю",
               # Kazakh puts the superlative after "since opening": "өткел ашылғаннан бергі ең жоғары көрсеткіш"
               "ашылғаннан бергі ең жоғары", "ашылғаннан бергі ең көп", "іске қосылғаннан бергі ең жоғары",
               "іске қосылғаннан бергі ең көп"),
    # a record only after "best" / "highest": "лучший месячный результат с момента открытия перехода",
    # "за все время работы"
    "since_opening": ("с момента открытия", "со дня открытия", "since the crossing opened", "since it opened",
                      "since its opening", "since the opening", "ашылғаннан бері", "за все время", "in its history",
                      "in history",
                      # "the highest monthly result in the facility's history", "наибольший в истории станции",
                      # "ашылғаннан бергі ең жоғары"
                      "history", "в истории", "за историю", "ашылғаннан бергі", "тарихында"),
    "not_record": ("предыдущ*", "прежн*", "previous", "former", "бұрынғы", "record time", "рекордн* срок*",
                   "рекордно коротк*", "record-short", "record short", "record low", "рекордно низк*",
                   "record-breaking time"),
}


def with_changes(doc: Document, sentence: Sentence, readings: list[Reading]) -> list[Reading]:
    """``readings`` of one sentence, with change_pct and record filled in where the text says so."""
    volumes = [r for r in readings if r.metric in VOLUMES and r.role != "old"]
    if not volumes:
        return readings
    for offset, pct in _changes(doc, sentence):
        target = _nearest(doc, sentence, volumes, offset)
        if target is not None and target.change_pct is None:
            target.change_pct = pct
    for offset in _records(doc, sentence):
        target = _nearest(doc, sentence, volumes, offset)
        if target is not None:
            target.record = True
    return readings


def _changes(doc: Document, sentence: Sentence) -> list[tuple[int, float]]:
    text = doc.normalized
    found: list[tuple[int, float]] = []
    for change in doc.changes:
        if not sentence.start <= change.start < sentence.end:
            continue
        clause = doc.clause(sentence, change.start)
        if doc.has("processing", *clause):
            continue  # "время оформления сократилось на 70%": not a volume change
        if change.times:
            pct = times_to_pct(change.value)
            if pct is not None:
                found.append((change.start, pct))
            continue
        window = (max(clause[0], change.start - 60), min(clause[1], change.end + 40))
        if doc.has("not_yoy", *window):
            continue
        up, down = doc.has("increase", *window), doc.has("decrease", *window)
        sign_before = text[max(0, change.start - 2):change.start]
        if "+" in sign_before:
            up = True
        elif "-" in sign_before and not up:
            down = True
        if not up and not down:
            continue
        found.append((change.start, -change.value if down and not up else change.value))
    for cue in doc.cues_of("times", sentence.start, sentence.end):
        factor = next(int(tag[6:]) for tag in cue.tags if tag.startswith("times:"))
        pct = times_to_pct(factor)
        if pct is not None and not doc.has("processing", *doc.clause(sentence, cue.start)):
            found.append((cue.start, pct))
    found.sort()
    return found


_THIS = re.compile(r"\W*(?:это|этот|эта|такой|такого|this|that|it|бұл|ол)(?!\w)")


def record_of_previous(doc: Document, sentence: Sentence, previous: list[Reading]) -> Reading | None:
    """"... 29 240 вагон өтті. Бұл – станция ашылғаннан бергі тарихи рекорд", "Это рекорд для
    перехода", "This is an all-time high": a sentence with no figure that calls the last one a
    record; ``previous`` are the readings of the sentence before."""
    volumes = [r for r in previous if r.metric in VOLUMES and r.role != "old"]
    if not volumes or not _THIS.match(doc.normalized, sentence.start, sentence.end) \
            or not _records(doc, sentence):
        return None
    return volumes[0]


_YEAR_ON_YEAR = re.compile(r"year[\s-]on[\s-]year|в\s+годовом\s+(?:исчислении|выражении)|y/y|г/г")
_CHANGE_TAGS = frozenset({"increase", "decrease", "times"})
_COMPARED_TAGS = frozenset({"compared", "yearago", "relyear:-1"})
_DIRECTED = frozenset({"dir:export", "dir:import", "dir:transit", "to_china", "from_china"})


def change_of_previous(doc: Document, sentence: Sentence, previous: list[Reading]) -> tuple[Reading, float] | None:
    """"... составил 3 412 тыс. тонн. По сравнению с октябрем прошлого года рост составил 9,8%",
    "... 4,8 млн тонна жүк тасымалданды. Бұл өткен жылдың сәйкес кезеңімен салыстырғанда 1,2 есе
    көп", "That is 6% more than a year earlier": a sentence with no figure that states the
    year-on-year change of the one before (its total, or its only figure). Not a change of one
    direction ("экспорт вырос на 5%") nor one the sentence does not compare with a year before."""
    tags = doc.sentence_tags[sentence.index]
    if tags.isdisjoint(_CHANGE_TAGS) or not tags.isdisjoint(_DIRECTED):
        return None
    volumes = [r for r in previous if r.metric in VOLUMES and r.role != "old" and r.change_pct is None
               and r.end <= sentence.start and doc.sentence_at(r.at) is doc.sentences[sentence.index - 1]]
    if not volumes:
        return None
    text = doc.normalized
    if tags.isdisjoint(_COMPARED_TAGS) and not _THIS.match(text, sentence.start, sentence.end) \
            and _YEAR_ON_YEAR.search(text, sentence.start, sentence.end) is None:
        return None
    found = _changes(doc, sentence)
    if len(found) != 1:
        return None
    totals = [r for r in volumes if r.direction == "total"]
    target = totals[0] if len(totals) == 1 else (volumes[0] if len(volumes) == 1 else None)
    return (target, found[0][1]) if target is not None else None


def _records(doc: Document, sentence: Sentence) -> list[int]:
    cues: list[int] = []
    for cue in doc.cues_of("record", sentence.start, sentence.end):
        # (the window stays in the sentence: "за всю историю станции. Предыдущее ..." is a record)
        if "not_record" in cue.tags or doc.has("not_record", max(sentence.start, cue.start - 30),
                                               min(sentence.end, cue.end + 15)):
            continue
        cues.append(cue.start)
    for cue in doc.cues_of("since_opening", sentence.start, sentence.end):
        if _BEST_BEFORE.search(doc.normalized, max(sentence.start, cue.start - 50), cue.start):
            cues.append(cue.start)
    return cues


_BEST_BEFORE = re.compile(r"(?<!\w)(?:лучш|наибольш|максимальн|высш|best|highest|busiest|most|ең\s+жоғары|ең\s+көп)")


def _nearest(doc: Document, sentence: Sentence, readings: list[Reading], offset: int) -> Reading | None:
    """The figure a change or record cue belongs to: in its clause if any, else the closest."""
    start, end = doc.clause(sentence, offset)
    in_clause = [r for r in readings if start <= r.at < end]
    pool = in_clause or readings
    return min(pool, key=lambda r: abs(r.at - offset)) if pool else None
