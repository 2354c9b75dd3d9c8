"""The words the extractor listens for, in Russian, Kazakh and English, as data.

Each table maps an idea (a scope, a direction, a cue) to one precompiled pattern over
the normalized text (lower case, one dash, one space). Adding a synonym is a line
here, not code.
"""

from __future__ import annotations

import re


def _words(*alternatives: str) -> re.Pattern[str]:
    """Alternatives that must start at a word boundary (suffixes are written with \\w*)."""
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")")


# --- scopes ------------------------------------------------------------------------------------
CROSSINGS: dict[str, re.Pattern[str]] = {
    "dostyk-alashankou": _words(
        r"достык\w*", r"достық\w*", r"dostyk\w*", r"dostyq\w*", r"алашань?коу", r"alashankou", r"alashankoy",
        r"alataw\w*", r"alatau\s+pass", r"(?:порт|port|перевал\w*|pass)\s+алатау", r"алатау\s+(?:порт|перевал\w*)",
        r"druzhba", r"\"дружба\"", r"станци\w+\s+\"?дружба", r"阿拉山口",
    ),
    "altynkol-khorgos": _words(
        r"алтынкол\w*", r"алтынкөл\w*", r"altynkol\w*", r"хоргос\w*", r"khorgos\w*", r"horgos\w*", r"khorgas\w*",
        r"qorgas\w*", r"qorǵas\w*", r"қорғас\w*", r"霍尔果斯", r"восточные ворота", r"eastern gates?",
    ),
    "bakhty-tacheng": _words(r"бахты", r"бақты", r"bakhty", r"тачэн\w*", r"tacheng", r"чугучак\w*"),
}
# Both countries named as the two sides of the traffic (not a three-country route).
BILATERAL = _words(
    r"(?:между|межд)\s+казахстан\w*\s+и\s+кита\w*", r"(?:между|межд)\s+кита\w*\s+и\s+казахстан\w*",
    r"(?:between\s+)?kazakhstan\s+and\s+china", r"(?:between\s+)?china\s+and\s+kazakhstan",
    r"kazakh(?:stan)?\s*-\s*chin(?:ese|a)(?!\s*-)", r"chin(?:ese|a)\s*-\s*kazakh(?:stan)?(?!\s*-)", r"sino-kazakh\w*",
    r"казахстанско-китайск\w*", r"китайско-казахстанск\w*", r"казахстан\s*-\s*китай(?!\s*-)",
    r"қазақстан\s+мен\s+қытай\w*", r"қытай\s+мен\s+қазақстан\w*", r"қазақстан-қытай\w*",
    r"(?:сообщени\w*|перевоз\w*|грузооборот\w*|торговл\w*|traffic|trade|freight)\s+(?:с|with)\s+(?:китаем|кнр|china)",
    r"(?:the\s+)?two\s+countries", r"(?:обеими|двумя|обеих|двух)\s+странами?", r"между\s+странами", r"екі\s+ел\w*",
)
BOTH_CROSSINGS = _words(
    r"(?:эти|оба|обоих|двух|два)\s+(?:погранперехода|погранпереход\w*|пограничных\s+перехода|стыка|перехода|кпп)",
    r"(?:both|two)\s+(?:border\s+)?(?:crossings|checkpoints|border points)",
)
# A bilateral adjective naming the border where a crossing sits ("on the Kazakh-Chinese border").
BORDER_WORD = re.compile(r"\s*(?:границ\w*|border\w*|шекара\w*|рубеж\w*)")
# Places and routes that are not a KZ–CN crossing: figures about them get their own scope.
OTHER_SCOPES: dict[str, re.Pattern[str]] = {
    "titr": _words(r"тмтм", r"транскаспийск\w*", r"trans-?caspian", r"middle\s+corridor", r"средн\w+\s+коридор\w*", r"titr"),
    "kz-ru": _words(r"росси\w*\s+и\s+казахстан\w*", r"казахстан\w*\s+и\s+росси\w*", r"russia\s+and\s+kazakhstan",
                    r"kazakhstan\s+and\s+russia", r"российско-казахстанск\w*", r"казахстанско-российск\w*", r"ржд",
                    r"канисай", r"озинки", r"карталы"),
    "kz-network": _words(r"на\s+сети\s+\w*", r"сети\s+ктж", r"network-wide", r"across\s+the\s+(?:ktz\s+)?network",
                         r"погрузк\w+\s+на\s+сети"),
    "kz-uz": _words(r"сарыагаш\w*", r"saryagash", r"узбекистан\w*\s+и\s+казахстан\w*"),
    "xian": _words(r"xi'an", r"сиан\w*", r"сиань\w*"),
    "lianyungang": _words(r"lianyungang", r"ляньюньган\w*"),
    "aktau-port": _words(r"актау", r"aktau", r"курык\w*", r"kuryk"),
}
# "to China" / "from China": a KZ–CN flow when nothing more precise is named.
TO_CHINA = _words(r"в\s+китай", r"в\s+кнр", r"to\s+china", r"into\s+china", r"towards?\s+china", r"қытайға",
                  r"қхр-ға", r"қхр\s+бағыт\w*", r"в\s+направлении\s+китая", r"китайском\s+направлени\w*")
FROM_CHINA = _words(r"из\s+китая", r"из\s+кнр", r"from\s+china", r"қытайдан", r"қхр-дан", r"китайск\w+\s+экспорт\w*")

# --- directions ---------------------------------------------------------------------------------
EXPORT = _words(r"экспорт\w*", r"export\w*", r"сдач\w*", r"сдан\w*", r"handover", r"handed\s+over", r"hand\s+over",
                r"deliver\w*\s+to\s+china", r"отправлен\w*\s+в\s+(?:китай|кнр)", r"жөнелтіл\w*", r"экспортқа",
                r"outbound", r"sent\s+\d")
IMPORT = _words(r"импорт\w*", r"import\w*", r"принят\w*", r"прием\w*\s+груз\w*\s+из", r"приём\w*\s+груз\w*\s+из",
                r"қабылдан\w*", r"келетін", r"incoming", r"inbound", r"received\s+from")
TRANSIT = _words(r"транзит\w*", r"transit\w*")
CHINA_EUROPE = _words(r"китай\s*-\s*европ\w*", r"china\s*-\s*europe\w*", r"в\s+европу", r"to\s+europe", r"қытай\s*-\s*еуропа")
CENTRAL_ASIA = _words(r"центральн\w+\s+ази\w*", r"средн\w+\s+ази\w*", r"central\s+asia\w*", r"орталық\s+азия\w*")
TWO_WAY = _words(r"обмен\w*", r"exchang\w*", r"по\s+сдаче\s+и\s+при[её]му", r"в\s+обоих\s+направлениях",
                 r"both\s+directions", r"two-way", r"приема?\s+и\s+сдачи", r"при[её]м\s+и\s+сдач\w*")
# China receiving = Kazakhstan handing over.
CHINA_RECEIVES = re.compile(r"(?:при[её]м\w*|приним\w*|принима\w*|accept\w*|recept\w*)[^.]{0,60}?(?:со\s+стороны\s+(?:кнр|китая)|by\s+china)"
                            r"|(?:китай|кнр|china|chinese\s+side)\s+(?:не\s+)?(?:принима\w*|accept\w*)")
# A Chinese source speaking: its "export" is a Kazakh import (Xinhua, Chinese customs).
CHINESE_SIDE = _words(r"синьцзян\w*", r"суар", r"xinjiang", r"urumqi", r"урумчи\w*", r"таможн\w*", r"customs",
                      r"синьхуа", r"xinhua")
KAZAKH_SUBJECT = _words(r"казахстан\w*", r"казахск\w*", r"kazakh\w*", r"қазақстан\w*", r"отечествен\w*", r"ктж", r"ktz")

# --- what kind of figure ------------------------------------------------------------------------
PER_DAY = _words(r"в\s+сутки", r"в\s+день", r"ежедневно", r"ежесуточно", r"среднесуточн\w*", r"суточн\w*",
                 r"per\s+day", r"a\s+day", r"each\s+day", r"daily", r"/\s*day", r"тәулігіне", r"күніне", r"күн\s+сайын",
                 r"in\s+one\s+day", r"за\s+сутки", r"in\s+a\s+single\s+day")
LIMIT = _words(r"ограничил\w*", r"ограничен\w*", r"лимит\w*", r"разреш\w*", r"норматив\w*", r"согласован\w*",
               r"договорил\w*", r"договорен\w*", r"позволит", r"довести\s+до", r"планируется\s+увеличить",
               r"allow\w*", r"permit\w*", r"limit\w*", r"cap\b", r"capped", r"agreed", r"agreement",
               r"double\s+the", r"increase\s+the\s+(?:exchange|handover|number)", r"шектеу\w*", r"келісі\w*", r"рұқсат\w*")
CAPACITY = _words(r"пропускн\w+\s+способност\w*", r"мощност\w*", r"capacity", r"throughput", r"өткізу\s+қабілет\w*",
                  r"қуат\w*")
PROCESSING = _words(r"оформлени\w*", r"обработк\w*", r"прохождени\w*", r"досмотр\w*", r"перевалк\w*", r"перевалочн\w*",
                    r"перегрузк\w*",
                    r"clearance", r"handling", r"processing", r"process\b", r"transshipment", r"transhipment",
                    r"unloading", r"overload\w*", r"customs\s+procedures", r"рәсімдеу\w*", r"өңдеу\w*")
# Stocks and queues are not traffic in a period.
STOCK = _words(r"скопил\w*", r"скоплени\w*", r"накопил\w*", r"накоплени\w*", r"accumulat\w*", r"queue\w*",
               r"очеред\w*", r"стоят\s+в\s+ожидании", r"брошен\w*", r"простаива\w*", r"halted", r"stranded",
               r"stuck", r"жиналған\w*", r"жиналды", r"тұрып\s+қалған", r"awaiting", r"waiting")
PLAN_FIGURE = _words(r"при\s+плане", r"по\s+плану", r"план\s+(?:в|на)?", r"plan\s+of", r"planned\s+(?:volume\s+)?of",
                     r"target\s+of", r"жоспар\w*")
# A future or a plan: not a figure that happened (limits and capacities excepted).
FUTURE = _words(
    r"планир\w*", r"прогноз\w*", r"ожида\w*", r"составит", r"возрастет", r"вырастет", r"увеличится", r"достигнет",
    r"превысит", r"может", r"могут", r"намерен\w*", r"предполага\w*", r"будет", r"будут", r"к\s+20\d\d\s+году",
    r"will", r"would", r"expect\w*", r"forecast\w*", r"plans?\b", r"planned", r"planning", r"project\w*",
    r"target\w*", r"aim\w*", r"may\s+reach", r"could", r"by\s+20\d\d", r"estimate\w*", r"intend\w*",
    r"deal\s+to\s+keep", r"to\s+keep\s+(?:traffic|volumes?)", r"is\s+set\s+to", r"are\s+set\s+to",
    r"жоспар\w*", r"күтіл\w*", r"болжам\w*", r"болады", r"жетеді",
)
# Amounts by which something grew are not volumes ("вырос на 2,7 млн тонн", "a bump of").
GROWTH_BY = re.compile(
    r"(?:(?:вырос\w*|увеличил\w*|рост\w*|снизил\w*|сократил\w*|уменьшил\w*|спад\w*|превыша\w*|increase\w*|grew|grown|"
    r"rose|risen|decreas\w*|fell|fallen|declin\w*|dropp\w*|up|down)\s+(?:[\wа-яәғқңөұүһі]+\s+){0,3}?(?:на|by)"
    r"|bump\s+of|increase\s+of|growth\s+of|rise\s+of|прирост\w*|на)\s*(?:более|почти|около|свыше|more than|almost|nearly|about)?\s*$"
)
KAZAKH_GROWTH_BY = re.compile(r"^(?:ға|ге|қа|ке|\w*ға|\w*ге)?\s*(?:немесе\s+[\d,.]+\s*(?:пайыз|%)\w*\s*)?(?:өс|арт|көбей|азай|төменде)")

# --- changes, records ---------------------------------------------------------------------------
INCREASE = _words(r"вырос\w*", r"увеличил\w*", r"увеличен\w*", r"рост\w*", r"выше", r"больше", r"превыша\w*",
                  r"прибав\w*", r"increas\w*", r"grew", r"grow\w*", r"rose", r"rise\w*", r"up", r"higher", r"more",
                  r"soar\w*", r"jump\w*", r"climb\w*", r"boost\w*", r"gain\w*", r"артқан", r"артты", r"артып", r"өсті",
                  r"өскен", r"өсіп", r"көбей\w*", r"жоғары")
DECREASE = _words(r"снизил\w*", r"снижен\w*", r"сократил\w*", r"сокращен\w*", r"уменьшил\w*", r"спад\w*", r"упал\w*",
                  r"ниже", r"меньше", r"decreas\w*", r"fell", r"fall\w*", r"down", r"lower", r"declin\w*", r"drop\w*",
                  r"less", r"азай\w*", r"төмендеді", r"кеміді")
NOT_YOY = _words(r"выполнени\w*", r"fulfil\w*", r"доля", r"доли", r"share", r"үлес\w*")
RECORD = _words(r"рекорд\w*", r"record\w*", r"рекордтық", r"historic(?:al)?\s+(?:high|maximum|peak)",
                r"исторический\s+максимум", r"историческ\w+\s+максимум\w*", r"highest\s+ever", r"all-time\s+high",
                r"тарихи\s+максимум\w*")
NOT_RECORD = _words(r"предыдущ\w*", r"прежн\w*", r"previous", r"former", r"бұрынғы", r"record\s+time", r"рекордн\w+\s+срок\w*")

# --- crossing changes --------------------------------------------------------------------------
CLOSURE_VERB = _words(r"приостанов\w*", r"прекращ\w*", r"прекратил\w*", r"запрет\w*", r"закры\w*", r"не\s+принима\w*",
                      r"остановлен\w*", r"suspend\w*", r"ban\b", r"banned", r"closed", r"closure", r"shut\w*",
                      r"stopp\w*", r"тыйым\s+сал\w*", r"тоқтат\w*", r"жабыл\w*")
TRAFFIC_OBJECT = _words(r"при[её]м\w*", r"движени\w*", r"груз\w*", r"перевоз\w*", r"передач\w*", r"поезд\w*",
                        r"контейнер\w*", r"traffic", r"acceptance", r"cargo", r"freight", r"shipments?", r"trains?",
                        r"containers?", r"тасымал\w*", r"жүк\w*", r"терминал\w*", r"работ\w+\s+терминал\w*",
                        r"(?:border\s+)?crossing", r"checkpoint", r"пункт\w*\s+пропуска", r"погранпереход\w*",
                        r"переход\w*", r"стык\w*", r"өткел\w*", r"шекара\w*", r"border")
REOPENING = _words(r"возобновил\w*", r"возобновлен[аоы]?\b", r"возобновится", r"resumed", r"reopened", r"re-opened",
                   r"қайта\s+ашыл\w*", r"қайта\s+басталд\w*", r"restored")
INFRA_VERB = _words(r"введен\w*\s+в\s+эксплуатаци\w*", r"ввод\w*\s+в\s+эксплуатаци\w*", r"сдан\w*\s+в\s+эксплуатаци\w*",
                    r"запущен\w*", r"запуск\w*", r"открыт\w*", r"открыл\w*", r"дал\w*\s+старт\s+работе",
                    r"начал\w*\s+работ\w*", r"put\s+into\s+(?:service|operation)", r"commissioned", r"inaugurat\w*",
                    r"launched", r"opened", r"came\s+into\s+(?:service|operation)", r"began\s+operati\w*", r"added",
                    r"пайдалануға\s+беріл\w*", r"іске\s+қосыл\w*", r"ашылды")
INFRA_OBJECT = _words(r"лини\w*", r"пут(?:ь|и|ей)\b", r"путей", r"терминал\w*", r"станци\w*", r"участ\w*", r"разъезд\w*",
                      r"площадк\w*", r"tracks?", r"lines?", r"terminal\w*", r"station\w*", r"sidings?",
                      r"желі\w*", r"жол\w*", r"терминал\w*", r"движени\w*")
INFRA_BLOCK = _words(r"строительств\w*", r"строят", r"строит\w*", r"construction", r"build\w*", r"will", r"scheduled",
                     r"planned", r"planning", r"plan\w*", r"to\s+be", r"expected", r"underway", r"being", r"works?\b",
                     r"ремонт\w*", r"repair\w*", r"ongoing", r"by\s+20\d\d", r"к\s+20\d\d", r"жоспар\w*", r"салу\w*",
                     r"достижени\w*", r"achievement\w*", r"жетістік\w*")  # a look back, not news
CAPACITY_CHANGE = _words(r"увеличен\w*", r"увеличил\w*", r"расширен\w*", r"расширил\w*", r"выросл\w*", r"increased",
                         r"expanded", r"raised", r"doubled", r"doubling", r"boost\w*", r"арттырыл\w*", r"кеңейтіл\w*",
                         r"удвоен\w*", r"удвоил\w*")
PROCESSING_TIME = _words(r"врем\w*", r"time", r"срок\w*", r"уақыт\w*", r"duration")
PROCESSING_CHANGE = _words(r"сократил\w*", r"сокращен\w*", r"уменьшил\w*", r"снизил\w*", r"увеличил\w*", r"reduced",
                           r"cut", r"shortened", r"decreased", r"fell", r"increased", r"қысқар\w*", r"азайды")
SCHEDULE = _words(r"график\w*", r"расписани\w*", r"schedule\w*", r"timetable\w*", r"кесте\w*")
