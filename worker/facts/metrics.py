"""From a figure to a metric, and whether the figure is a fact at all.

The unit says what was counted (tonnes, TEU, trains, wagons, hours); the words around
say how: per day, agreed or permitted (a limit), capacity, time at the border. A figure
is dropped when it is a stock (a queue of wagons), a plan, forecast or target, an
amount of growth ("вырос на 2,7 млн тонн"), the value compared with ("против 8 млн
тонн"), or an experiment.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from worker.facts.document import Document
    from worker.facts.quantities import Quantity
    from worker.facts.sentences import Sentence

VOLUMES = frozenset({"freight_tonnes", "containers_teu", "trains", "wagons", "trains_per_day"})
NO_PERIOD = frozenset({"train_limit_per_day", "capacity_tonnes_per_year", "processing_hours"})

METRIC_TERMS: dict[str, tuple[str, ...]] = {
    "per_day": ("в сутки", "в день", "за сутки", "ежедневно", "ежесуточно", "среднесуточн*", "суточн*", "per day",
                "a day", "each day", "every day", "daily", "per 24 hours", "in one day", "in a single day",
                "on a single day", "in a day", "тәулігіне", "күніне", "күн сайын", "бір тәулікте", "тәулікте",
                "бір күнде"),
    "average": ("в среднем", "average*", "on average", "орта есеппен", "среднем", "средний", "среднее", "среднесуточн*",
                "орташа*"),
    "limit": ("ограничил*", "ограничен*", "ограничит*", "ограничива*", "лимит*", "разреш*", "норматив*", "согласова*",
              "договорил*", "договорен*", "договорённост*", "позволит", "довести до", "планируется увеличить",
              "allow*", "permit*", "limit*", "cap", "capped", "quota*", "agreed", "agreement", "agree to",
              "will be increased", "increase the number", "raise the number", "норм* передачи", "норм* сдачи",
              "норм* приема", "норм* обмена", "норма", "нормы", "шектеу*", "шектел*", "келісі*",
              "рұқсат*", "квот*",
              # a daily norm agreed with the other side: "норму в 12 поездов", "the norm of 24 trains",
              # "пойыз беру нормасы", "китайская сторона согласилась принимать до 20 поездов"
              "норму", "нормой", "норме", "norm", "norms", "нормасы", "нормасын", "нормасының", "нормаға",
              "согласил*", "келісті", "келіскен",
              # a ceiling: "не более 6 поездов в сутки", "no more than 6 trains a day", "a cap of 20 trains",
              # "тәулігіне 6 пойыздан артық берілмейді"
              "не более", "не больше", "no more than", "not more than", "cap of", "ceiling of",
              "артық берілмейді", "артық жіберілмейді", "артық өткізілмейді", "аспауы тиіс", "аспайды"),
    "capacity": ("пропускн* способност*", "мощност*", "capacity", "capacities", "throughput", "өткізу қабілет*",
                 "қуат*", "designed to handle", "design capacity", "перерабатывающ* способност*", "able to handle",
                 "can handle", "could handle", "сможет перерабатывать", "сможет пропускать", "способн* перерабатывать",
                 "способн* пропускать"),
    "processing": ("оформлени*", "обработк*", "прохождени*", "досмотр*", "перевалк*", "перевалочн*", "перегрузк*",
                   "clearance", "cleared", "clear", "clears", "clearing", "handling", "processing", "process",
                   "processed", "transshipment", "transhipment", "transshipped", "transship*", "tranship*",
                   "reloading", "unloading", "overload*", "customs procedures",
                   "dwell", "простой", "простоя", "рәсімдеу*", "өңдеу*", "қайта тиеу*", "inspection*",
                   "inspected", "проверк*"),
    "stock": ("скопил*", "скоплени*", "накопил*", "накоплени*", "accumulat*", "queue*", "очеред*", "в ожидании",
              "брошен*", "простаива*", "halted", "stranded", "stuck", "жиналған*", "жиналды", "жинал*",
              "тұрып қалған", "awaiting", "waiting", "backlog*", "затор*", "idle", "parked", "находятся на",
              "стоят на", "стоят в"),
    "future": ("планир*", "планах", "прогноз*", "ожидает*", "ожидают*", "ожидаем*", "ожидал*", "составит",
               "возрастет", "вырастет", "увеличится", "достигнет", "превысит", "может", "могут", "намерен*",
               "предполага*", "будет", "будут", "сможет",
               # "рассчитываем выйти на 7 тысяч поездов", "рассчитывает довести ... до 10 тысяч": a hope
               "рассчитываем", "рассчитывает", "рассчитывают", "рассчитываю", "нацелен*", "hope to", "hopes to",
               "will", "would", "expect*", "forecast*", "plan", "plans",
               "planned", "planning", "projected", "projection*", "target*", "aim*", "may reach", "could",
               "estimate*", "intend*", "is set to", "are set to", "goal", "seek* to", "deal to", "struck a deal",
               "to keep", "to maintain", "сохранить", "сохранение", "потенциал*", "potential", "жоспар*", "күтіл*",
               "болжам*", "болады", "жетеді", "арттырылады", "ұлғаяды", "ұлғайтылады", "жеткізу көзделіп", "көзделу*",
               "by the end of the year", "к концу года", "до конца года", "цель", "цели", "целью", "целевой",
               "целевые", "задача", "задачу", "ставит задачу", "обязательств*", "prognosis", "outlook", "мақсат*",
               "to boost", "to increase", "to raise", "to expand", "to double", "to cut", "to reduce", "to launch",
               "to open", "to build", "wants", "want to", "хочет", "хотят", "to exceed"),
    "plan": ("при плане", "по плану", "план", "плана", "плане", "planned volume", "plan of", "target of",
             "жоспар*"),
    "experiment": ("experiment*", "эксперимент*", "pilot*", "пилотн*", "тестов*", "trial*", "опытн*"),
    "other_mode": ("pipeline*", "трубопровод*", "нефтепровод*", "газопровод*", "құбыр*", "truck*", "lorr*",
                   "грузовик*", "автомобильн*", "автотранспорт*", "автокөлік*", "жүк көлік*", "road checkpoint*",
                   "by road", "road freight", "air cargo", "авиагруз*", "пассажир*", "passenger*", "жолаушы*",
                   # goods carried out by shoppers of a trade centre: "вывезенных посетителями МЦПС"
                   "посетител*", "visitors", "shoppers", "келушілер*",
                   # air cargo: "Almaty International Airport handled 41,200 tons", "әуежай арқылы"
                   "airport*", "аэропорт*", "әуежай*", "air freight", "by air", "авиаперевоз*", "cargo flight*",
                   "грузов* рейс*"),
    "additional": ("дополнительно", "дополнительных", "additional", "extra", "қосымша", "an additional"),
    "coach": ("купе", "плацкарт*", "sleeper*", "coach", "coaches", "passenger car*", "спальн*", "пассажирск* вагон*",
              "жолаушы вагон*", "жолаушылар вагон*", "вагон-ресторан*", "мягк* вагон*"),
    # wagons bought or built, not wagons moved: "приобрела 1 200 вагонов", "purchased 500 railcars"
    "fleet": ("purchas*", "acquired", "acquire", "acquisition", "bought", "закуп*", "приобрел*", "приобрет*",
              "приобретен*", "сатып ал*", "rolling stock", "подвижн* состав*", "жылжымалы құрам*", "manufactur*",
              "произвед*", "изготов*", "built", "assembled", "собран*"),
    "rail_mode": ("rail*", "железнодорож*", "железн* дорог*", "поезд*", "train*", "вагон*", "wagon*", "теміржол*",
                  "пойыз*", "контейнерн* поезд*", "жд", "ж/д"),
}

# What Kazakhstan–China rail traffic can plausibly be: about twice the highest levels seen
# (some 3 Mt, 1 700 trains, 30 000 wagons and 150 000 TEU a month over both crossings;
# some 30 trains a day; 48 Mt/year of capacity once Bakhty opens). A larger figure on a
# monitored scope was read on the wrong scope (the whole KTZ network, all China–Europe
# trains) or is a cumulative total: reporting it would raise a false alarm.
PER_MONTH_CEILING = {"freight_tonnes": 8e6, "containers_teu": 4e5, "trains": 5e3, "wagons": 1.5e5}
CEILING = {"freight_tonnes": 8e7, "containers_teu": 5e6, "trains": 6e4, "wagons": 2e6, "trains_per_day": 300,
           "train_limit_per_day": 300, "capacity_tonnes_per_year": 1.5e8, "processing_hours": 720}


def plausible(metric: str, value: float, period: tuple[date, date] | None) -> bool:
    if value > CEILING.get(metric, float("inf")):
        return False
    rate = PER_MONTH_CEILING.get(metric)
    if rate is None or period is None:
        return True
    months = ((period[1] - period[0]).days + 1) / 30.44
    return value <= rate * max(months, 1 / 30.44)


_NEW_STOCK = re.compile(r"(?<!\w)(?:new|brand-new|новы\w*|нов\w*|жаңа)(?!\w)")
_PURPOSE = re.compile(r"\s*(?:to|for|на|для)\s+(?:the\s+|a\s+)?")
_AVERAGE_DAY = re.compile(r"(?<!\w)(?:a|an)\s+average\s+of\s+$")
_OR_CHANGE_AFTER = re.compile(r"\s*[\wа-яәғқңөұүһі]*\s*,?\s*(?:немесе|или|or)\s+(?:на\s+|by\s+)?\d+(?:[.,]\d+)?\s*"
                              r"(?:%|пайыз|процент|per\s?cent|есе|раз|times)")
_OR_AFTER_CHANGE = re.compile(r"(?:%|пайыз\w*|процент\w*|есе|раза?|times)\s*,?\s*(?:немесе|или|or)\s*(?:на|by)?\s*$")
_BARE_BY = re.compile(r"(?<!\w)(?:на|by)\s*(?:более|почти|около|свыше|more\s+than|almost|nearly|about|some)?\s*$")
_COMPARATIVE_AFTER = re.compile(r"\s*(?:больше|меньше|выше|ниже|more|less|fewer|higher|lower|көп|аз)(?!\w)")
_COMPARED_VALUE = re.compile(
    r"(?<!\w)(?:compared\s+(?:with|to)|по\s+сравнению\s+с|против|against|versus|vs\.?|up\s+from|down\s+from|"
    r"instead\s+of|вместо|"
    r"(?<!more\s)(?<!less\s)(?<!fewer\s)(?<!greater\s)(?<!higher\s)(?<!lower\s)than|"
    r"(?<!больше\s)(?<!более\s)(?<!меньше\s)(?<!менее\s)чем|from\s+a\s+year\s+earlier)"
    # "up from a quota of 34 trains", "против нормы в 34 поезда"
    r"(?:\s*(?:(?:a|the|an)\s+)?(?:(?:current|previous|old|earlier|existing|прежн\w*|действующ\w*)\s+)?"
    r"(?:quota|limit|norm|cap|level|норм\w*|лимит\w*|квот\w*)\s+(?:of|в)?)?"
    r"\s*(?:about|around|около|almost|nearly|just|more\s+than|over|less\s+than|under|более|свыше|менее|почти)?\s*$")
_GROWTH_BY = re.compile(
    r"(?:(?:вырос\w*|увеличил\w*|рост\w*|снизил\w*|сократил\w*|уменьшил\w*|спад\w*|прибав\w*|increase\w*|grew|grown|"
    r"rose|risen|decreas\w*|fell|fallen|declin\w*|dropp\w*|climb\w*|jump\w*|up|down)\s+(?:[\wа-яәғқңөұүһі]+\s+){0,3}?"
    r"(?:на|by)|bump\s+of|increase\s+of|growth\s+of|rise\s+of|decline\s+of|drop\s+of|прирост\w*|увеличение\s+на|"
    r"рост\s+на|снижение\s+на)\s*(?:более|почти|около|свыше|more\s+than|almost|nearly|about|some)?\s*$")
# The figure as the object of a hope in a relative clause after it: "the 35 million tonnes of freight
# it expects to carry this year", "40 млн тонн, которые планируется перевезти": a forecast.
_EXPECTED_OBJECT = re.compile(
    r"[^.;]{0,60}?(?<!\w)(?:(?:it|they|we|which|that|the\s+company|the\s+country)\s+(?:expects?|plans?|hopes?|aims?|"
    r"intends?|is\s+expected|are\s+expected)\s+to|"
    r"(?:котор\w+|что)\s+(?:[^\W\d]+\s+){0,2}?(?:планиру|ожида|рассчитыва)(?:ет|ют|ем|ется|ются)|"
    r"(?:котор\w+|что)\s+(?:[^\W\d]+\s+){0,2}?намерен\w*)(?!\w)")
# "10,5 млн тоннаға өскен": a unit in the dative before a verb of growth is the amount grown by.
_KAZAKH_GROWTH_BY = re.compile(r"\w*(?:ға|ге|қа|ке)\s+(?:немесе\s+[\d,.]+\s*(?:пайыз|%)\w*\s+)?"
                               r"(?:өс|арт|көбей|азай|төменде|қысқар)")
_COUNT_NOUN = re.compile(
    r"(?:количеств\w*|числ[оа]\w*|number|саны|передач\w*|обмен\w*|при[её]м\w*|handover|exchange|отправлени\w*)"
    r"\s+(?:of\s+)?(?:[\w/-]+\s+){0,4}?(?P<unit>поезд\w*|состав\w*|trains|вагон\w*|railcars|wagons|пойыз\w*)")
_LINK_BEFORE = re.compile(r"(?:превысил\w*|составил\w*|достиг\w*|reached|exceeded|amounted\s+to|totall?ed|was|were|"
                          r"составляет|stood\s+at|до|to|up\s+to|of|—|-|:)\s*(?:более|свыше|почти|около|over|more\s+than|"
                          r"almost|about|всего|лишь|just|only)?\s*$")
_INCLUDING = re.compile(r"(?<!\w)(?:в\s+том\s+числе|в\s+т\.\s?ч\.|including|of\s+which|из\s+них|из\s+которых|"
                        r"оның\s+ішінде|соның\s+ішінде)")
# "China-Europe transit trains accounted for 418 of the total", "на транзитные поезда пришлось 418":
# the counted noun is the subject of a verb of share right before the bare number.
# "China-Europe trains through the port totaled 1,958 in the same period": also with a few words between.
_SUBJECT_SHARE = re.compile(r"(?<!\w)(?P<unit>trains|wagons|railcars|поезд\w*|составов|вагон\w*|пойыз\w*)\s+"
                            r"(?:[^\W\d]+\s+){0,3}?(?:accounted\s+for|made\s+up|represented|totall?ed|numbered|"
                            r"пришлось|приходится)\s*"
                            r"(?:(?:more\s+than|over|about|almost|nearly|более|свыше|почти|около)\s+)?$")
# (the bare number ends its clause or is followed by its period, never by a noun of its own)
_SHARE_TAIL = re.compile(r"\s*(?:$|[,;:.)(]|-|(?:of\s+the|in|during|over|for|this|last|за|в|по|из|от)(?!\w))")
_ELLIPSIS_MARK = re.compile(r"(?:-|:)\s*(?:более|почти|около|over|about|almost)?\s*$")


def metric_of(doc: Document, sentence: Sentence, quantity: Quantity) -> str | None:
    """The contract metric of a figure with a unit, or None when it is not about freight."""
    unit = quantity.unit
    if unit is None:
        return None
    clause = doc.clause(sentence, quantity.start)
    span = (sentence.start, sentence.end)
    if unit.kind == "tonnes":
        if doc.has("capacity", *clause):
            return "capacity_tonnes_per_year"
        if unit.annual:
            # "aims to raise freight with China to 45 million tonnes a year by 2030": a target, no capacity
            return None if doc.has("future", *clause) else "capacity_tonnes_per_year"
        return "freight_tonnes" if _counted(quantity) else None
    if unit.kind == "teu":
        return None if doc.has("capacity", *clause) or not _counted(quantity) else "containers_teu"
    if unit.kind == "trains":
        per_day = doc.has("per_day", *clause) or doc.has("per_day", quantity.start, quantity.end) or (
            doc.has("per_day", *span) and (quantity.borrowed or doc.has("average", *span) or _AVERAGE_DAY.search(
                doc.normalized, max(0, quantity.start - 20), quantity.start) is not None)
            and (quantity.unit_start == quantity.end or _daily_word_free(doc, sentence, quantity)))
        if per_day:
            if doc.has("capacity", *clause) or doc.has("capacity", max(sentence.start, quantity.start - 80),
                                                       quantity.start):
                return None  # "capacity ... from 12 to 60 pairs of trains per day": a line's capacity
            if doc.has("additional", max(sentence.start, quantity.start - 25), quantity.end):
                return None  # "принимать дополнительно до четырёх поездов в сутки": an amount added, no limit
            # a number of daily trains agreed, permitted or planned is a limit, not traffic
            if _limit_words(doc, sentence, clause, quantity.start) or doc.has("future", *clause):
                return "train_limit_per_day"
            return "trains_per_day"
        if _parallel_limit(doc, sentence, clause, quantity):
            return "train_limit_per_day"
        return "trains" if _counted(quantity) or _day_count(doc, sentence, quantity) else None
    if unit.kind == "wagons":
        per_day = doc.has("per_day", *clause) or doc.has("per_day", quantity.start, quantity.end)
        if doc.has("coach", max(sentence.start, quantity.start - 30), quantity.end + 12):
            return None  # "4 жаңа купе вагоны", "sleeper coaches", "плацкартные вагоны": passenger cars
        if _NEW_STOCK.search(doc.normalized, quantity.start, quantity.unit_start) or doc.has("fleet", *clause):
            return None  # "received 312 new freight wagons", "закупила 500 вагонов": rolling stock bought
        return None if per_day or not _counted(quantity) else "wagons"
    if unit.kind == "hours":
        # the time to process named before the figure, not a journey "in five days"; or right after
        # it in its clause ("takes around four hours to transship", "3 часа на оформление")
        if doc.has("processing", sentence.start, quantity.start):
            return "processing_hours"
        # (not "in five days after transshipment at Khorgos": a journey)
        purpose = _PURPOSE.match(doc.normalized, quantity.end, clause[1])
        return "processing_hours" if purpose and doc.has("processing", purpose.end(), purpose.end() + 1) else None
    return None


def _counted(quantity: Quantity) -> bool:
    """Digits, or number words with a multiplier ("бір жарым мыңнан астам пойыз", "полторы тысячи
    вагонов"): not "two trains" in passing."""
    return quantity.digits or quantity.multiplier >= 1000


def _day_count(doc: Document, sentence: Sentence, quantity: Quantity) -> bool:
    """"On August 26, nine trains were handed over", "26 тамызда тоғыз пойыз берілді": a number
    word counting the trains of a day named before it in its sentence (figures.py reads it as
    that day's rate); not "two trains" in passing."""
    if quantity.number < 3 or quantity.number != int(quantity.number):
        return False
    return any(m.kind == "day" and m.period is not None and not m.comparison and not m.as_of
               for m in doc.periods_in(sentence.start, quantity.start))


# the new value of a change in a clause of its own: "через Алтынколь – с 15 до 10 поездов"
_FROM_TO_END = re.compile(r"(?<!\w)(?:с|со|от|from)\s+\d[\d\s,.]*\s*(?:до|to)\s*$")


def _parallel_limit(doc: Document, sentence: Sentence, clause: tuple[int, int], quantity: Quantity) -> bool:
    """A daily limit's change repeated for another place without "в сутки" ("норма ... через Достык
    снижена с 28 до 16 поездов в сутки, через Алтынколь – с 15 до 10 поездов"): a limit too."""
    tags = doc.sentence_tags[sentence.index]
    if "per_day" not in tags or "limit" not in tags or doc.has("per_day", *clause):
        return False
    if not _FROM_TO_END.search(doc.normalized, max(clause[0], quantity.start - 30), quantity.start):
        return False
    return doc.has("per_day", sentence.start, clause[0]) and doc.has("limit", sentence.start, clause[0])


def _limit_words(doc: Document, sentence: Sentence, clause: tuple[int, int], at: int) -> bool:
    """A limit word in the sentence, unless the figure's clause is an average handled with no
    limit word before the figure ("в среднем пропускали 22 поезда в сутки при норме 24"); for a
    list item, also in the list's header ("устанавливается следующая норма передачи:" then
    "– по Достыку – 12 поездов в сутки")."""
    if doc.has("average", *clause):
        return doc.has("limit", clause[0], at)
    if doc.has("limit", *clause):
        return True
    if doc.has("limit", sentence.start, sentence.end):
        return True
    if not sentence.is_list_item:
        return False
    index = sentence.index - 1
    while index > max(0, sentence.index - 8) and doc.sentences[index].is_list_item:
        index -= 1
    header = doc.sentences[index] if index >= 0 else None
    return header is not None and not header.is_list_item and doc.has("limit", header.start, header.end)


def _daily_word_free(doc: Document, sentence: Sentence, quantity: Quantity) -> bool:
    """A daily word elsewhere in the sentence reaches a figure with its own unit only when no
    train figure of its own clause takes it ("среднесуточная сдача ... 21 поезд, а всего за месяц сдано
    630 поездов": the 630 is the month's count)."""
    for cue in doc.cues_of("per_day", sentence.start, sentence.end):
        start, end = doc.clause(sentence, cue.start)
        if not any(other is not quantity and other.unit is not None and other.unit.kind == "trains"
                   for other in doc.quantities_in(start, end)):
            return True
    return False


def _other_mode_article(doc: Document) -> bool:
    """A headline about road, air or pipeline freight that names no rail: its figures are of that mode."""
    if not doc.sentences or not doc.sentences[0].is_title:
        return False
    tags = doc.sentence_tags[0]
    return "other_mode" in tags and "rail_mode" not in tags


def is_fact(doc: Document, sentence: Sentence, quantity: Quantity, metric: str) -> bool:
    """False for figures of another mode (road, pipeline, passengers) in a sentence that names
    no rail, stocks, plans and forecasts of volumes, growth amounts, compared values,
    plan targets and experiments."""
    text = doc.normalized
    if doc.has("other_mode", sentence.start, sentence.end) and not doc.has("rail_mode", sentence.start, sentence.end):
        return False  # "1.1 million tonnes ... by 62,000 trucks", "through the Atasu-Alashankou pipeline"
    tags = doc.sentence_tags[sentence.index]
    if "rail_mode" not in tags and "crossing" not in tags and _other_mode_article(doc):
        return False  # under "Almaty airport cargo from China up 23%": "a terminal with a capacity of 100,000 tons"
    clause = doc.clause(sentence, quantity.start)
    before = text[max(sentence.start, quantity.start - 60):quantity.start]
    tail = before[-24:]
    unit_end = quantity.end
    # (cheap substring tests first: the patterns below are searched backwards from the figure)
    if _OR_CHANGE_AFTER.match(text, unit_end) or (
            ("или" in before or "немесе" in before or " or " in before) and _OR_AFTER_CHANGE.search(before)):
        return False  # "на 6 млн тонн, или на 43%": an amount of growth
    if doc.has("compared", quantity.start - 60, quantity.start) and _COMPARED_VALUE.search(before):
        return False  # "compared with 150 000 TEU a year earlier"
    by = "на" in tail or "by" in tail or "of" in tail
    if by and _BARE_BY.search(before) and (doc.has("increase", clause[0], quantity.start)
                                           or doc.has("decrease", clause[0], quantity.start)
                                           or _COMPARATIVE_AFTER.match(text, unit_end) is not None):
        return False  # "increase capacity ... by 10 million tons", "на 0,3 млн тонн больше"
    if metric in VOLUMES:
        if doc.has("stock", *clause) or doc.has("stock", sentence.start, quantity.start) \
                or doc.has("experiment", *clause):
            return False
        if doc.has("future", *clause) or ((by or "прирост" in before) and _GROWTH_BY.search(before)):
            return False
        if "future" in tags and _EXPECTED_OBJECT.match(text, unit_end, sentence.end):
            return False
        plan = doc.last("plan", max(sentence.start, quantity.start - 30), quantity.start)
        if plan is not None:
            return False  # "при плане ОСЖД в 114 230 вагонов"
        if _KAZAKH_GROWTH_BY.match(text, quantity.unit_start, min(len(text), unit_end + 40)):
            return False  # "10,5 млн тоннаға өскен": grew by
    elif metric == "processing_hours" and doc.has("future", *clause):
        return False
    return True


def ellipsis_unit(doc: Document, sentence: Sentence, quantity: Quantity,
                  earlier: list[Quantity]) -> Quantity | None:
    """"1 820 поездов, в том числе через Достык – 1 050": the unit of the total, not repeated."""
    marked = _ELLIPSIS_MARK.search(doc.normalized, max(sentence.start, quantity.start - 12), quantity.start)
    if not marked and quantity.multiplier == 1.0:
        return _parallel_unit(doc, sentence, quantity, earlier)
    for previous in reversed(earlier):  # the total comes first, then its parts
        if previous.start >= quantity.start or previous.start < sentence.start or previous.unit is None:
            continue
        if _INCLUDING.search(doc.normalized, previous.end, quantity.start):
            return previous
    return _parallel_unit(doc, sentence, quantity, earlier) if quantity.multiplier == 1.0 else None


_VIA_AFTER = re.compile(r"\s*(?:-\s*)?(?:through|via|через)\s")
_VIA_LATER = re.compile(r"\s+(?:[^\W\d]+\s+){0,4}?(?:through|via|через)\s")
_VIA_BEFORE = re.compile(r"(?<!\w)(?:through|via|через|арқылы)\s+[^\W\d]+(?:\s*-\s*[^\W\d]+)?\s*(?:-|:)\s*$")
_PAIR_GAP = re.compile(r"\s*(?:,|;|and|и|а)\s*(?:through|via|через)\s+[^\W\d]+(?:\s*-\s*[^\W\d]+)?\s*(?:-|:)\s*")
_JOINED_BEFORE = re.compile(r"(?:,|and|и|а|while)\s*(?:up\s+to|до|about|around|около)?\s*$")


def _parallel_unit(doc: Document, sentence: Sentence, quantity: Quantity,
                   earlier: list[Quantity]) -> Quantity | None:
    """"1,010 trains went through Dostyk and 840 through Altynkol", "через Алашанькоу – 6 930
    поездов, через Хоргос – 6 630": the second figure of a parallel pair by crossing has the
    first one's unit."""
    text = doc.normalized
    if _VIA_BEFORE.search(text, max(sentence.start, quantity.start - 40), quantity.start):
        previous = next((q for q in reversed(earlier) if q.start < quantity.start), None)
        if previous is not None and previous.unit is not None and previous.start >= sentence.start \
                and _VIA_BEFORE.search(text, max(sentence.start, previous.start - 40), previous.start) \
                and _PAIR_GAP.fullmatch(text, previous.end, quantity.start):
            return previous
        return None
    if not _VIA_AFTER.match(text, quantity.end) or not _JOINED_BEFORE.search(text, max(0, quantity.start - 16),
                                                                              quantity.start):
        return None
    previous = next((q for q in reversed(earlier) if q.start < quantity.start), None)
    if previous is None or previous.unit is None or previous.start < sentence.start \
            or not _VIA_LATER.match(text, previous.end):
        return None
    return previous


def count_noun_unit(doc: Document, sentence: Sentence, quantity: Quantity) -> str | None:
    """"количество поездов ... превысило 8 000": the unit stands before the number."""
    subject = _SUBJECT_SHARE.search(doc.normalized, max(sentence.start, quantity.start - 60), quantity.start)
    if subject is not None and _SHARE_TAIL.match(doc.normalized, quantity.end):
        return "wagons" if subject.group("unit").startswith(("вагон", "railcar", "wagon")) else "trains"
    start = max(sentence.start, quantity.start - 200)
    linked = _LINK_BEFORE.search(doc.normalized, max(start, quantity.start - 40), quantity.start)
    if not linked and quantity.role not in ("old", "new", "lower"):
        return None
    matches = list(_COUNT_NOUN.finditer(doc.normalized, start, quantity.start))
    if not matches:
        return None
    unit = matches[-1].group("unit")
    return "wagons" if unit.startswith(("вагон", "railcar", "wagon")) else "trains"
