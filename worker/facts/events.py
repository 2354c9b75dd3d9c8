"""Changes at a crossing the text reports, and records it claims.

A ``crossing_change`` needs a sentence that says something changed: traffic suspended
or banned (closure), resumed (reopening), a line, track or terminal put into service
(infrastructure), capacity or processing time raised or cut, a daily train limit agreed
or imposed, a new timetable. Plans, construction and look-backs are not changes; a
limit announced for a date is one by nature. A ``volume_record`` follows from every
record fact on a monitored scope.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from worker.facts.lexicon import compile_terms

if TYPE_CHECKING:
    from worker.facts.document import Document
    from worker.facts.sentences import Sentence

# Words that say something changed: scanned for in every article.
EVENT_TERMS: dict[str, tuple[str, ...]] = {
    "closure": ("приостанов*", "приостанав*", "прекращ*", "прекрат*", "запрет*", "запрещ*", "закры*", "не принима*",
                "не принял*", "остановлен*", "остановил*", "останавлива*", "suspend*", "ban", "banned", "bans",
                "banning", "closed", "closure*", "shut*", "stopped", "stoppage", "halt*", "embargo*", "тыйым сал*",
                "тоқтат*", "тоқтатыл*", "жабыл*"),
    "reopening": ("возобнов*", "resume*", "resuming", "resumption", "reopened", "re-opened", "reopen*",
                  "қайта ашыл*", "қайта басталд*", "қайта жалғас*", "restored", "снял* запрет*", "снят запрет",
                  "сняли ограничени*", "снят* ограничени*", "lifted the ban", "ban was lifted", "ban lifted",
                  "lifted the restriction*", "қайта жаңғыр*",
                  "восстановлен*", "восстановил*", "қалпына келтіріл*"),
    "in_service": ("введен* в эксплуатаци*", "ввод* в эксплуатаци*", "сдан* в эксплуатаци*", "запущен*", "запуск*",
                   "открыт*", "открыл*", "дал* старт работ*", "дан старт", "начал* работ*", "put into service",
                   "put into operation", "commissioned", "inaugurat*", "launched", "opened", "came into service",
                   "came into operation", "began operation*", "began operating", "entered service",
                   "went into operation", "added", "пайдалануға беріл*", "іске қосыл*", "ашылды",
                   # "линия ... принята в постоянную эксплуатацию"
                   "принят* в постоянн* эксплуатаци*", "принят* в эксплуатаци*", "введен* в постоянн* эксплуатаци*",
                   "сдан* в постоянн* эксплуатаци*", "тұрақты пайдалануға*", "пайдалануға қабылдан*",
                   # "на станции Достык введён в строй новый комплекс" (not "будет введён": future)
                   "введен* в строй", "вступил* в строй", "вступило в строй", "пущен* в строй",
                   "went into service", "entered into service", "қолданысқа беріл*"),
    "raise": ("увеличен*", "увеличил*", "увеличива*", "расширен*", "расширил*", "расширя*", "выросл*", "increased",
              "increasing", "expanded", "expanding", "raised", "raising", "doubled", "doubling", "boost*", "арттырыл*",
              "кеңейтіл*", "удвоен*", "удвоил*", "сократ*", "сокращ*", "уменьш*", "снизил*", "снижен*", "снижа*",
              "reduced", "reducing", "cut", "shortened", "decreased", "fell", "қысқар*", "азайды",
              "rose", "grew", "артты", "ұлғай*",
              "instead of", "вместо", "орнына"),
    "schedule": ("график*", "расписани*", "schedule", "timetable*", "кесте*", "round-the-clock", "around the clock",
                 "круглосуточн*", "24/7", "тәулік бойы", "режим работы", "режим* работ*", "working hours",
                 "operating hours", "opening hours", "часы работы", "жұмыс режим*", "жұмыс уақыт*"),
    # back to normal from a date: a reopening ("15 маусымнан бастап қалыпты режимде жұмыс істейді")
    "normal_mode": ("қалыпты режим*", "штатн* режим*", "обычн* режим*", "normal operation*", "normal mode",
                    "normal schedule", "resume normal", "resumed normal", "back to normal"),
    # work done with traffic kept running: "без закрытия движения", "without closing the line",
    # "қозғалысты тоқтатпай"
    "no_closure": ("без закрыти*", "без прекращени*", "без остановк*", "без приостановк*", "without clos*",
                   "without halting", "without stopping", "without suspend*", "without interrupt*",
                   "тоқтатпай*", "тоқтатпастан"),
    # a ban on accepting one cargo for a border crossing, with dates: "вводится временное ограничение
    # на прием контейнеров ... с 19 по 31 августа"
    "acceptance_ban": ("ограничени* на прием*", "ограничени* приема", "restriction* on accept*",
                       "restriction* on the accept*", "қабылдауды шектеу*"),
    "today": ("сегодня", "today", "бүгін"),
    "limit_change": ("double", "doubled", "вдвое", "удво*", "increase the exchange", "increase the handover",
                     "increase the number", "увеличить передачу", "увеличить обмен", "увеличить прием",
                     "увеличить количество", "ограничил* прием", "limit the number", "limited the number",
                     "cut the number", "reduce the number", "екі есе*"),
    "change_verb": ("ограничил*", "ограничен*", "ограничива*", "снизил*", "снижен*", "сократил*", "сокращ*",
                    "увеличил*", "увеличен*",
                    "повысил*", "удвоил*", "restrict*", "limited", "capped", "reduced", "cut", "raised", "increased",
                    "doubled", "lowered", "шектел*", "азайт*", "арттыр*", "қысқартыл*", "ұлғай*"),
}

# Words that qualify a change, looked for only in a sentence that has one.
_CONTEXT_TERMS: dict[str, tuple[str, ...]] = {
    "traffic": ("прием*", "движени*", "груз*", "перевоз*", "передач*", "поезд*", "контейнер*", "traffic",
                "acceptance", "cargo*", "freight", "shipment*", "train*", "container*", "тасымал*", "жүк*",
                "терминал*", "crossing", "checkpoint", "пункт* пропуска", "погранпереход*", "переход*", "стык*",
                "өткел*", "шекара*", "border", "отправк*", "погрузк*", "қабылда*", "пойыз*"),
    "talks_about": ("о возобновлении", "about resuming", "on resuming", "for resumption", "on the resumption",
                    "возможност* возобновлени*",
                    # a wish, nothing reopened yet: "working to resume shipments as soon as possible"
                    "as soon as possible", "как можно скорее", "в кратчайшие сроки", "в ближайшее время",
                    "мүмкіндігінше тез*", "жақын арада", "по возобновлению", "к возобновлению",
                    "добиться возобновления", "working to resume", "work to resume", "efforts to resume",
                    "hopes to resume", "hope to resume", "seeking to resume", "seeks to resume"),
    # stems only where no common word shares them: "участ*" is also "с участием" (taking part),
    # "жол*" also "жолаушы" (passenger) and "Жолдау" (the President's address)
    "infrastructure": ("лини*", "путь", "пути", "путей", "терминал*", "станци*", "участок", "участка", "участке",
                       "участки", "участков", "участку", "участком", "разъезд*", "площадк*",
                       "track*", "line", "lines", "terminal*", "station*", "siding*", "желі*", "жол", "жолы",
                       "жолын", "жолының", "жолдың", "жолға", "жолда", "жолдар", "жолдары", "жолдарын",
                       "жолдарының", "жолдарды", "движени*",
                       "crossing", "checkpoint", "погранпереход*", "пункт* пропуска",
                       # the forms of "хаб", not a stem: "хаб*" is also Kazakh "хабарлайды" (reports)
                       "хаб", "хаба", "хабе", "хабу", "хабом", "хабы", "хабов", "хабтың", "hub",
                       # "a new container yard ... was put into operation at the dry port"; "линия, ведущая
                       # к переходу, принята в эксплуатацию"
                       "yard", "yards", "dry port", "сух* порт*", "переход*", "магистрал*",
                       # "шекаралық өткізу бекетінің ғимараты пайдалануға берілді", "здание погранпункта"
                       "бекет*", "ғимарат*", "здани*", "погранпункт*", "пограничн* пункт*",
                       # "новый комплекс по перегрузке зерна", "a grain transshipment complex", "жаңа кешен"
                       "комплекс*", "complex", "кешен*"),
    "not_in_service": ("строительств*", "строят", "строит*", "построят", "construction", "build*", "scheduled",
                       "to be", "underway", "under way", "being", "works", "ремонт*", "repair*", "ongoing",
                       "салу*", "достижени*", "achievement*", "жетістік*", "завершени* строительств*",
                       "since the crossing opened", "since it opened", "since its opening", "since the opening",
                       "с момента открытия", "со дня открытия", "ашылғаннан бері"),
    "time": ("врем*", "time", "times", "срок*", "уақыт*", "duration"),
    "schedule_change": ("изменен*", "изменил*", "изменя*", "нов*", "new", "changed", "introduced", "введен*",
                        "ввод*", "adjusted", "өзгер*",
                        # "will switch to round-the-clock operation", "перейдёт на круглосуточный режим"
                        "switch", "switches", "switched", "switching", "move to", "moved to", "переход на",
                        "переходит на", "перейд*", "перешл*", "перешел", "перешёл", "переведен*", "переведут",
                        "көшеді", "көшті", "көшірілді", "ауысады", "ауысты"),
    "road": ("автомобильн*", "автодорож*", "road", "roads", "truck*", "грузовик*", "автотранспорт*", "пассажир*",
             "passenger*", "нұржолы", "nurzholy", "автокөлік*", "жүк көліктері"),
    "rail": ("железнодорож*", "rail*", "поезд*", "train*", "вагон*", "теміржол*", "контейнер*", "container*",
             "станци*", "station*", "пойыз*"),
    "limit_subject": ("handover*", "передач*", "обмен*", "exchange*", "прием*", "trains", "train", "поезд*",
                      "состав*", "пойыз*"),
}
_CONTEXT = {name: compile_terms(terms) for name, terms in _CONTEXT_TERMS.items()}


def _says(doc: Document, sentence: Sentence, name: str) -> bool:
    key = (name, sentence.index)  # ("traffic" is asked up to three times of one sentence)
    said = doc.memo.get(key)
    if said is None:
        said = doc.memo[key] = _CONTEXT[name].search(doc.normalized, sentence.start, sentence.end) is not None
    return bool(said)


class Found(NamedTuple):
    """A crossing change read from one sentence, before its scope is decided."""

    kind: str
    effective: date | None


_TRIGGERS = frozenset({"closure", "reopening", "in_service", "capacity", "processing", "limit", "schedule",
                       "normal_mode", "acceptance_ban"})


def sentence_changes(doc: Document, sentence: Sentence, has_limit_fact: bool) -> list[Found]:
    """The crossing changes one sentence reports."""
    tags = doc.sentence_tags[sentence.index]
    if tags.isdisjoint(_TRIGGERS):
        return []
    kinds: list[str] = []
    status_change = ("closure" in tags or "reopening" in tags) and _rail_now(doc, sentence)
    if status_change and "closure" in tags and "no_closure" not in tags and _says(doc, sentence, "traffic") \
            and not _wagons_held(doc, sentence) and not _only_recalls_closure(doc, sentence):
        kinds.append("closure")
    elif "acceptance_ban" in tags and "per_day" not in tags and _starts(doc, sentence) is not None \
            and _rail_now(doc, sentence):
        kinds.append("closure")  # (a ban with a daily cap, "до трёх составов в сутки", is a limit)
    if status_change and "reopening" in tags and _says(doc, sentence, "traffic") \
            and not _says(doc, sentence, "talks_about") and not _wished(doc, sentence):
        kinds.append("reopening")
    elif "normal_mode" in tags and _starts(doc, sentence) is not None and _rail_now(doc, sentence) \
            and _says(doc, sentence, "traffic") and doc.has("closure", 0, sentence.start):
        # normal work "from 15 June", after a closure: not a standing state, nor the end of a
        # holiday norm ("С 23 февраля передача — в обычном режиме" after a reduced norm: nothing was closed)
        kinds.append("reopening")
    if "in_service" in tags and _put_in_service(doc, sentence, tags):
        kinds.append("infrastructure")
    current = "future" not in tags
    if "capacity" in tags and "raise" in tags and current and _capacity_changed(doc, sentence):
        kinds.append("capacity")
    if "processing" in tags and "raise" in tags and current and _says(doc, sentence, "time"):
        kinds.append("processing_time")
    if not has_limit_fact and "limit" in tags and "limit_change" in tags and _says(doc, sentence, "limit_subject"):
        kinds.append("train_limit")
    if "schedule" in tags and "crossing" in tags and (_starts(doc, sentence)
                                                        or _says(doc, sentence, "schedule_change")) \
            and _rail_now(doc, sentence):  # not "trucks wait less since the checkpoint went round-the-clock"
        kinds.append("schedule")
    if not kinds:
        return []
    later = effective_in(doc, sentence, sentence.end) or _single_day(doc, sentence)
    first = _starts(doc, sentence) or _single_day(doc, sentence)
    reopened = first
    if "closure" in kinds and "reopening" in kinds:
        # "закрыто с 5 по 7 мая; с 8 мая движение возобновится": each takes its own clause's date
        cue = next(iter(doc.cues_of("reopening", sentence.start, sentence.end)), None)
        start, end = doc.clause(sentence, cue.start) if cue is not None else (sentence.start, sentence.start)
        reopened = next((day for at, day in doc.effective if start <= at < end), first)
    return [Found(kind, reopened if kind == "reopening" else first if kind == "closure" else later)
            for kind in kinds]


_CLOSURE_NOUN = re.compile(r"(?:closure|shutdown|stoppage|suspension|закрыти|приостановк|приостановлени|прекращени|"
                           r"остановк|жабыл|тоқтат)")
_RECALL_BEFORE = re.compile(r"(?<!\w)(?:(?:during|throughout|amid|after|since|во\s+время|в\s+период|на\s+время|"
                            r"на\s+период|в\s+дни|в\s+ходе|после|с\s+момента)\s+(?:[\w-]+\s+){0,3}|"
                            r"of\s+(?:the\s+|this\s+|that\s+)?)$")
_RECALL_AFTER = re.compile(r"\w*\s+(?:кезінде|кезде|кезеңінде|уақытында|кезеңде)(?!\w)")


def _capacity_changed(doc: Document, sentence: Sentence) -> bool:
    """The verb of change in the capacity's own clause: not "capacity is 25 Mt, while volumes rose 8%"."""
    for cue in doc.cues_of("capacity", sentence.start, sentence.end):
        if doc.has("raise", *doc.clause(sentence, cue.start)):
            return True
    return False


def _only_recalls_closure(doc: Document, sentence: Sentence) -> bool:
    """"during the four days of the closure, Altynkol took 22 trains a day", "at the peak of the
    closure", "во время закрытия Достыка", "Достық жабылған кезде": a closure told elsewhere,
    named here only as a time; the crossing this sentence names was not closed."""
    text = doc.normalized
    for cue in doc.cues_of("closure", sentence.start, sentence.end):
        if not _CLOSURE_NOUN.match(text, cue.start, cue.end):
            return False
        if not (_RECALL_BEFORE.search(text, max(sentence.start, cue.start - 50), cue.start)
                or _RECALL_AFTER.match(text, cue.end, min(sentence.end, cue.end + 20))):
            return False
    return True


_TO_RESUME = re.compile(r"(?:to\s+resume|to\s+reopen|возобновить|қайта\s+бастау|қайта\s+ашу)")


def _wished(doc: Document, sentence: Sentence) -> bool:
    """"to resume shipments", "движение планируется возобновить": wanted or planned, with no day
    given, nothing has reopened (one announced for a day is a change: "will resume on 8 May")."""
    if _starts(doc, sentence) is not None or _single_day(doc, sentence) is not None:
        return False
    return any(_TO_RESUME.search(doc.normalized, max(sentence.start, cue.start - 4), cue.end + 2)
               or doc.has("future", max(sentence.start, cue.start - 40), cue.start)
               for cue in doc.cues_of("reopening", sentence.start, sentence.end))


_TRIGGER_TAG = {"closure": "closure", "reopening": "reopening", "infrastructure": "in_service", "capacity": "capacity",
                "processing_time": "processing", "train_limit": "limit", "schedule": "schedule"}


def triggers_at(doc: Document, sentence: Sentence, kind: str) -> list[int]:
    """Where the words that reported a change of ``kind`` stand."""
    cues = doc.cues_of(_TRIGGER_TAG.get(kind, kind), sentence.start, sentence.end)
    if not cues and kind == "reopening":
        cues = doc.cues_of("normal_mode", sentence.start, sentence.end)
    return [cue.start for cue in cues]


_THEN_BEFORE = re.compile(r"(?<!\w)(?:against|down\s+from|up\s+from|compared\s+(?:with|to)|instead\s+of|против|вместо|"
                          r"по\s+сравнению\s+с)\s+(?:[^\W\d]+\s+){0,2}$")


def time_compared(doc: Document, sentence: Sentence, at: int) -> bool:
    """"clears a train in about 40 minutes, against more than two hours before", "around four hours,
    down from seven hours", "3 часа против 5 часов": a time given with the one it replaced changed."""
    if "compared" not in doc.sentence_tags[sentence.index] or "future" in doc.sentence_tags[sentence.index]:
        return False
    for other in doc.quantities_in(sentence.start, sentence.end):
        if other.start != at and other.unit is not None and other.unit.kind == "hours" \
                and _THEN_BEFORE.search(doc.normalized, max(sentence.start, other.start - 40), other.start):
            return True
    return False


def reports_change(doc: Document, sentence: Sentence) -> bool:
    """"ограничила приём ... до трёх составов в сутки": a limit that changed, not one that stands."""
    tags = doc.sentence_tags[sentence.index]
    return "change_verb" in tags or "limit_change" in tags


def effective_in(doc: Document, sentence: Sentence, offset: int) -> date | None:
    """A start date in the clause of ``offset``, or the last one before it in its sentence."""
    start, end = doc.clause(sentence, offset)
    candidates = [(at, day) for at, day in doc.effective if sentence.start <= at < sentence.end]
    in_clause = [day for at, day in candidates if start <= at < end]
    if in_clause:
        return in_clause[0]
    before = [day for at, day in candidates if at < offset]
    if before:
        return before[-1]
    # "up to 40 trains a day ... across the Dostyk and Altynkol crossings combined from Feb. 15": a date
    # later in the sentence, in a clause with no figure of its own (not "20, а с 1 марта — до 24") and
    # before no other crossing ("8 to 15 trains per day, and from July 1 through Dostyk - 14 to 28")
    for at, day in candidates:
        if at > offset:
            clause_start, clause_end = doc.clause(sentence, at)
            if doc.quantities_in(clause_start, clause_end):
                return None
            later = doc.quantities_in(at, sentence.end)
            return None if doc.has("crossing", at, later[0].start if later else sentence.end) else day
    return None


def _starts(doc: Document, sentence: Sentence) -> date | None:
    """The first start date in the sentence (a closure "с 4 по 8 сентября" starts on the 4th)."""
    for at, day in doc.effective:
        if sentence.start <= at < sentence.end:
            return day
    return None


_UNTIL = re.compile(r"(?:до|until|till|by|к|по)\s*$")


def _single_day(doc: Document, sentence: Sentence) -> date | None:
    """"was closed on June 3", "приостановлено 18 января", "сегодня": the day it happened."""
    for mention in doc.periods_in(sentence.start, sentence.end):
        if mention.kind == "day" and mention.starts is not None and not mention.comparison \
                and not _UNTIL.search(doc.normalized, max(0, mention.start - 8), mention.start):
            return mention.starts
    if doc.published is not None and doc.has("today", sentence.start, sentence.end):
        return doc.published
    return None


_TRAIN_SUBJECT = re.compile(r"(?<!\w)(?:trains?|поезд\w*|состав\w*|рейс\w*|пойыз\w*)(?:\s+\w+){0,3}\s*$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _rail_now(doc: Document, sentence: Sentence) -> bool:
    """Not the road checkpoint ("the Nurzholy road crossing at Khorgos was closed"), not a
    look back ("in 2020 the border was closed for months")."""
    if _says(doc, sentence, "road") and not _says(doc, sentence, "rail"):
        return False
    return not _looks_back(doc, sentence.start, sentence.end)


def _looks_back(doc: Document, start: int, end: int) -> bool:
    years = [int(y) for y in _YEAR.findall(doc.normalized, start, end)]
    return bool(years) and doc.reference is not None and max(years) < doc.reference.year - 1


def _put_in_service(doc: Document, sentence: Sentence, tags: set[str]) -> bool:
    """A line, track or terminal put into service now: not planned or being built, not a
    look back ("станция, открытая в 1990 году"), not a train "launched"."""
    span = (sentence.start, sentence.end)
    if "future" in tags or _says(doc, sentence, "not_in_service"):
        return False
    objects = [m.start() for m in _CONTEXT["infrastructure"].finditer(doc.normalized, *span)]
    for verb in doc.cues_of("in_service", *span):
        if _TRAIN_SUBJECT.search(doc.normalized, max(sentence.start, verb.start - 40), verb.start):
            continue
        if not any(abs(at - verb.start) <= 60 for at in objects):
            continue
        nearby = doc.normalized[max(sentence.start, verb.start - 30):min(sentence.end, verb.end + 30)]
        years = [int(y) for y in _YEAR.findall(nearby)]
        if years and doc.reference is not None and min(years) < doc.reference.year - 1:
            continue
        return True
    return False


def _wagons_held(doc: Document, sentence: Sentence) -> bool:
    """"3,500 wagons have been halted" is a queue, not a closed crossing."""
    text = doc.normalized[sentence.start:sentence.end]
    return bool(_HELD.search(text)) and not _BANNED.search(text)


_HELD = re.compile(r"(?:wagons?|вагон\w*|trains?|поезд\w*)\s+(?:[\w-]+\s+){0,4}?(?:halted|stopped|остановлен\w*|стоят|"
                   r"простаива\w*)")
_BANNED = re.compile(r"ban|suspend|запрет|приостанов|тыйым")
