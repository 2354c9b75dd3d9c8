"""Where a figure was measured: a crossing, the bilateral total, or some other route.

Names of the crossings in Cyrillic, Latin (with Kazakh Latin) and Chinese, names of the
two countries as a pair, and names of routes and places that are *not* a KZ–CN
crossing (the Trans-Caspian route, the Russian border, the whole KTZ network, the
Xi'an terminal). A figure takes the scope named in its clause, else the one named just
before it, else the flow its sentence describes ("exports to China"), else the scope
the article was talking about.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from worker.facts.lexicon import compile_terms
from worker.facts.model import MONITORED

if TYPE_CHECKING:
    from worker.facts.document import Document
    from worker.facts.sentences import Sentence

CROSSINGS = ("dostyk-alashankou", "altynkol-khorgos", "bakhty-tacheng")

SCOPE_TERMS: dict[str, tuple[str, ...]] = {
    "crossing:dostyk-alashankou": (
        "достык*", "достық*", "dostyk*", "dostyq*", "dostik", "алашанькоу*", "алашанкоу*", "алашанькоуск*",
        "alashankou*", "alashankoy", "alashan kou", "alataw*", "alatau pass", "alatau port", "port of alatau",
        "перевал* алатау", "порт* алатау", "станци* дружба", "ст. дружба", "druzhba", "阿拉山口",
    ),
    "crossing:altynkol-khorgos": (
        "алтынкол*", "алтынкөл*", "altynkol*", "altynkól*", "altynkul*", "хоргос*", "khorgos*", "horgos*",
        "khorgas*", "horgas*", "qorgas*", "qorǵas*", "қорғас*", "корғас*", "霍尔果斯", "восточн* ворот*",
        "eastern gate*", "шығыс қақпа*", "khorgos-eastern gate*",
    ),
    "crossing:bakhty-tacheng": ("бахты", "бақты", "bakhty", "bakhti", "тачэн*", "тачен*", "tacheng", "чугучак*",
                                "塔城"),
    "druzhba": ("дружба",),
    "bilateral": (
        "между казахстан* и кита*", "между кита* и казахстан*", "казахстан* и кита*", "кита* и казахстан*",
        "казахстан* и кнр", "кнр и казахстан*", "рк и кнр", "кнр и рк", "казахстанско-китайск*",
        "китайско-казахстанск*", "казахстан-кита*", "кита*-казахстан*", "сообщени* с кита*", "сообщени* с кнр",
        "перевоз* с кита*", "перевоз* с кнр", "грузооборот* с кита*", "торговл* с кита*",
        "traffic with china", "trade with china", "freight with china", "shipments with china",
        "kazakhstan and china", "china and kazakhstan", "kazakhstan and the prc", "kazakh-chin*", "kazakhstan-chin*",
        "china-kazakh*", "chinese-kazakh*", "sino-kazakh*", "kazakhstani-chinese",
        "қазақстан мен қытай*", "қытай мен қазақстан*", "қазақстан-қытай*", "қытай-қазақстан*", "қр мен қхр",
        "қазақстан мен қхр", "қытаймен", "qazaqstan men qytai*", "qazaqstan-qytai*",
    ),
    "bilateral_generic": ("two countries", "both countries", "двумя странами", "обеими странами",
                          "двух стран", "обеих стран", "между странами", "екі ел*", "екі мемлекет*"),
    "both": (
        "оба погранперехода", "обоих погранпереход*", "двух погранпереход*", "два погранперехода",
        "эти два погранперехода", "двух пограничных переход*", "оба пограничных перехода", "двух стык*",
        "оба стыка", "обоих стык*", "двух кпп", "оба кпп", "двух пунктах пропуска",
        "казахстанско-китайские погранпереходы",
        "казахстанско-китайских погранпереход*", "both crossings", "both border crossings", "two border crossings",
        "both checkpoints", "two checkpoints", "two crossings", "both border points",
        "екі өткел*", "екі шекара өткел*", "оба перехода", "обоих переходов", "обоим переходам", "двух переходов",
        "двум переходам", "два перехода", "по переходам с кнр", "по переходам с китаем", "переходов с кнр",
        "переходов с китаем", "погранпереходов с китаем", "погранпереходов с кнр", "both gateways", "both ports",
        "two gateways", "two ports", "екі өткелі*",
    ),
    "other:titr": ("тмтм", "транскаспийск*", "trans-caspian", "transcaspian", "middle corridor", "средн* коридор*",
                   "titr", "орта дәліз*", "транскаспий*"),
    "other:kz-ru": ("росси* и казахстан*", "казахстан* и росси*", "russia and kazakhstan", "kazakhstan and russia",
                    "российско-казахстанск*", "казахстанско-российск*", "russian-kazakh*", "kazakh-russian", "ржд",
                    "russian railways", "канисай", "озинки", "карталы", "кигаш", "илецк*", "ресей мен қазақстан*",
                    "қазақстан мен ресей*"),
    "other:kz-network": ("на сети ктж", "сети ктж", "на сети", "по сети", "network-wide", "across the network",
                         "ktz network", "entire network", "всей сети", "ктж желісі*", "желі бойынша"),
    "other:kz-uz": ("сарыагаш*", "saryagash*", "узбекистан* и казахстан*", "казахстан* и узбекистан*",
                    "kazakhstan and uzbekistan", "uzbekistan and kazakhstan", "казахстанско-узбекск*",
                    "келес*", "keles*"),
    # other borders on the China-Europe route: a limit or closure there is no KZ-CN change
    "other:pl-by": ("małaszewicze", "malaszewicze", "малашевич*", "brest", "брест*", "terespol", "тересполь",
                    "kuźnica", "kuznica", "bruzgi", "брузги", "poland and belarus", "belarus and poland",
                    "польш* и беларус*", "беларус* и польш*", "польско-белорусск*", "polish-belarus*"),
    "other:ru-cn": ("забайкальск*", "zabaykalsk", "zabaikalsk", "manzhouli", "маньчжури*", "erenhot", "эрэн*",
                    "эрлянь*", "замын-ууд*", "zamyn-uud"),
    "other:xian": ("xi'an", "xian", "сиань*", "сиане", "西安"),
    "other:lianyungang": ("lianyungang", "ляньюньган*", "连云港"),
    "other:aktau-port": ("актау", "aktau", "курык*", "kuryk", "құрық*"),
    "other:caspian-ports": ("baku", "баку", "бакинск*", "alat", "алят*", "туркменбаши", "turkmenbashi", "poti",
                            "поти", "batumi", "батуми"),
    "route:china-europe": ("китай-европ*", "кнр-европ*", "china-europe*", "қытай-еуропа*", "china-eu",
                           "китай-казахстан-европ*", "china-kazakhstan-europe"),
    "route:china-central-asia": ("китай-центральн* ази*", "китай-средн* ази*", "china-central asia*"),
    "to_china": ("в китай", "в кнр", "to china", "into china", "toward china", "towards china", "қытайға",
                 "қхр-ға", "в направлении китая", "в направлении кнр", "в сторону китая", "китайском направлени*",
                 "china-bound", "bound for china", "destined for china", "қхр бағыт*", "қытай бағыт*",
                 # "Қытай жаққа 26,4 мың вагон жөнелтілді": toward the Chinese side
                 "қытай жаққа", "қытай жақка", "қхр жаққа"),
    "from_china": ("из китая", "из кнр", "from china", "қытайдан", "қхр-дан", "out of china"),
}


# Looked for only when needed (a "two countries" phrase, a flow "to China"), not in every article.
_COUNTRY_TERMS: dict[str, tuple[str, ...]] = {
    "kz": ("казахстан*", "kazakh*", "қазақстан*", "qazaqstan*", "рк"),
    "cn": ("кита*", "кнр", "china", "chinese", "prc", "қытай*", "қхр", "qytai*", "синьцзян*", "xinjiang", "суар"),
    "country_other": ("туркмен*", "түрікмен*", "turkmen*", "иран*", "iran*", "росси*", "ресей*", "russia*",
                      "узбек*", "өзбек*", "uzbek*", "европ*", "europe*", "еуропа*", "афган*", "ауған*", "afghan*",
                      "кыргыз*", "қырғыз*", "kyrgyz*", "азербайджан*", "azerbaijan*", "турци*", "turkey", "türkiye",
                      "грузия", "грузии", "грузию", "грузинск*", "georgia*", "беларус*", "belarus*", "монгол*",
                      "mongol*", "pakistan*", "пакистан*"),
}
KAZAKHSTAN, CHINA, OTHER_COUNTRY = (compile_terms(_COUNTRY_TERMS[name]) for name in ("kz", "cn", "country_other"))


class ScopeMention(NamedTuple):
    start: int
    end: int
    scope: str
    kind: str
    """crossing, both (crossings), bilateral, other (place or route off the KZ-CN border),
    route (China-Europe and the like), to_china, from_china"""


_EXPLICIT = frozenset({"crossing", "both", "bilateral", "other", "route"})


_SCOPE_TAGS = frozenset({"crossing", "other", "route", "druzhba", "bilateral", "bilateral_generic", "both",
                         "to_china", "from_china"})
_NAMED: dict[frozenset[str], list[tuple[str, str]]] = {}


def _named(tags: frozenset[str]) -> list[tuple[str, str]]:
    """(scope, kind) of the places a cue names outright (memoized: cues share tag sets)."""
    found = _NAMED.get(tags)
    if found is None:
        found = []
        for tag in sorted(tags):
            kind, _, value = tag.partition(":")
            if value and kind in ("crossing", "other", "route"):
                found.append((value, kind))
        if len(_NAMED) < 10_000:
            _NAMED[tags] = found
    return found


def scope_mentions(doc: Document) -> list[ScopeMention]:
    """Every scope named in the article, in text order."""
    found: list[ScopeMention] = []
    both_countries: bool | None = None
    for cue in doc.cues:
        tags = cue.tags
        if tags.isdisjoint(_SCOPE_TAGS):
            continue
        for value, kind in _named(tags):
            found.append(ScopeMention(cue.start, cue.end, value, kind))
        if "druzhba" in tags and _is_station_druzhba(doc, cue.start, cue.end):
            found.append(ScopeMention(cue.start, cue.end, "dostyk-alashankou", "crossing"))
        if "bilateral" in tags and not _part_of_longer_route(doc, cue.start, cue.end):
            found.append(ScopeMention(cue.start, cue.end, "kz-cn", "bilateral"))
        elif "bilateral_generic" in tags:
            if both_countries is None:
                both_countries = _names_both_countries(doc)
            if both_countries:
                found.append(ScopeMention(cue.start, cue.end, "kz-cn", "bilateral"))
        if "both" in tags:
            found.append(ScopeMention(cue.start, cue.end, "kz-cn", "both"))
        if "to_china" in tags:
            found.append(ScopeMention(cue.start, cue.end, "kz-cn", "to_china"))
        if "from_china" in tags:
            found.append(ScopeMention(cue.start, cue.end, "kz-cn", "from_china"))
    return _pairs_of_crossings(doc, found)


def _names_both_countries(doc: Document) -> bool:
    """"the two countries" means Kazakhstan and China only where the article names both."""
    if doc.anywhere("bilateral"):
        return True
    china = doc.anywhere("to_china") or doc.anywhere("from_china") or CHINA.search(doc.normalized) is not None
    return china and KAZAKHSTAN.search(doc.normalized) is not None


_JOINED = re.compile(r"\s*\)?\s*(?:,|&|and|и|мен|пен|бен|және|or|или)\s*")
_ALIAS = re.compile(r"\s*\(\s*(?:(?:formerly|former|earlier|бывш\w*|ранее|прежде|бұрынғы)\s+)?")


def _pairs_of_crossings(doc: Document, found: list[ScopeMention]) -> list[ScopeMention]:
    """"through Dostyk and Altynkol" names both crossings at once: the bilateral total,
    though "and" otherwise separates clauses. A name in brackets is the same crossing's
    other name ("Dostyk (formerly Druzhba) and Altynkol", "Достык (Алашанькоу) и Алтынколь")."""
    result: list[ScopeMention] = []
    for mention in found:
        last = result[-1] if result else None
        if (last is not None and mention.kind == "crossing" and (last.kind == "both" or mention.scope == last.scope)
                and last.kind in ("crossing", "both") and _ALIAS.fullmatch(doc.normalized, last.end, mention.start)):
            result[-1] = ScopeMention(last.start, mention.end, last.scope, last.kind)
        elif (last is not None and mention.kind == "crossing" and last.kind in ("crossing", "both")
                and mention.scope != last.scope and _JOINED.fullmatch(doc.normalized, last.end, mention.start)):
            result[-1] = ScopeMention(last.start, mention.end, "kz-cn", "both")
        else:
            result.append(mention)
    return result


def _is_station_druzhba(doc: Document, start: int, end: int) -> bool:
    """"Дружба" is friendship, unless quoted or named a station ("станция "Дружба"")."""
    text = doc.normalized
    quoted = text[start - 1:start] == '"' or text[end:end + 1] == '"'
    return quoted and "нефтепровод" not in text[end:end + 20]


def _part_of_longer_route(doc: Document, start: int, end: int) -> bool:
    """"Китай – Казахстан – Европа" is a transit route, not the bilateral pair."""
    text = doc.normalized
    after = text[end:end + 4].lstrip()
    before = text[max(0, start - 4):start].rstrip()
    return (after.startswith("-") and text[end:end + 6].replace("-", "").strip()[:1].isalpha()) or (
        before.endswith("-") and before[:-1].rstrip()[-1:].isalpha())


def pick(mentions: list[ScopeMention]) -> str | None:
    """One scope from several: a single crossing beats the bilateral frame; two crossings
    (or "both crossings") mean the bilateral total; a place off the border beats the frame
    ("the Kazakh-Chinese terminal in Xi'an"); a route comes last."""
    crossing: str | None = None
    first: dict[str, str] = {}
    for mention in mentions:
        kind = mention.kind
        if kind == "crossing":
            if crossing is not None and crossing != mention.scope:
                return "kz-cn"
            crossing = mention.scope
        elif kind == "both":
            return "kz-cn"
        elif kind not in first:
            first[kind] = mention.scope
    if crossing is not None:
        return crossing
    return first.get("other") or first.get("bilateral") or first.get("route")


def explicit_in(mentions: list[ScopeMention]) -> list[ScopeMention]:
    return [m for m in mentions if m.kind in _EXPLICIT]


def scope_for(doc: Document, mentions: list[ScopeMention], sentence: Sentence, offset: int,
              topic: str | None, carried: str | None) -> tuple[str | None, bool]:
    """(scope, named in the sentence) for a figure at ``offset``; ``mentions`` are the
    sentence's scope mentions."""
    explicit = explicit_in(mentions)
    if explicit:
        start, end = doc.clause(sentence, offset)
        chosen = pick([m for m in explicit if start <= m.start < end])
        if chosen is None:
            before = [m for m in explicit if m.start < offset]
            near = [m for m in before if m.start >= before[-1].start - 60] if before else []
            chosen = pick(near) or pick(explicit)
        if chosen in _ROUTES:
            # "Through the Alashankou port, 3,100 China-Europe trains", "the port has handled more than
            # 7,300 China-Europe trains", "1,845 China-Europe trains had passed through the port / through
            # Alataw Pass": the route's trains at that crossing
            crossing = pick([m for m in explicit if m.kind == "crossing" and m.start < end])
            if crossing is not None:
                return crossing, True
            if carried in CROSSINGS and _HERE_SUBJECT.search(doc.normalized, sentence.start, max(offset, end)):
                return carried, True
            if _enter_by_both(doc, sentence):
                return "kz-cn", True
        return chosen, True
    if any(m.kind in ("to_china", "from_china") for m in mentions) and _part_of_other(doc, sentence, carried):
        # "21,4 млн тонн между Россией и Казахстаном. В том числе транзитом в Китай – 4,1 млн тонн":
        # a part of a total measured elsewhere was measured there too
        return carried, False
    if any(m.kind in ("to_china", "from_china") for m in mentions) \
            and not OTHER_COUNTRY.search(doc.normalized, sentence.start, sentence.end):
        # a flow "to China" in an article about a crossing is that crossing's, unless the
        # sentence widens the view ("overall, exports to China ...")
        if topic in CROSSINGS and not (_OVERALL.search(doc.normalized, sentence.start, sentence.end)
                                       and not _HERE.search(doc.normalized, sentence.start, sentence.end)):
            return topic, True
        return "kz-cn", True
    if names_both_crossings_below(doc, sentence):
        return "kz-cn", True
    return carried, False


_THROUGH_COUNTRY = compile_terms(("через казахстан", "через территорию казахстана", "through kazakhstan",
                                  "across kazakhstan", "via kazakhstan", "қазақстан арқылы",
                                  "қазақстан аумағы арқылы"))


def _enter_by_both(doc: Document, sentence: Sentence) -> bool:
    """"8 412 China-Europe trains passed through Kazakhstan in transit. They enter via Dostyk and
    Altynkol": the route's transit through the country crosses the KZ-CN border at both crossings."""
    if not doc.has("dir:transit", sentence.start, sentence.end) \
            or not _THROUGH_COUNTRY.search(doc.normalized, sentence.start, sentence.end):
        return False
    known = doc.memo.get(("enter_by_both", sentence.index))
    if known is None:
        crossings: set[str] = set()
        for following in doc.sentences[sentence.index:sentence.index + 3]:
            for cue in doc.cues_of("crossing", following.start, following.end):
                crossings |= {t for t in cue.tags if t.startswith("crossing:")}
            if doc.has("both", following.start, following.end):
                crossings |= {"both", "crossings"}
        known = doc.memo[("enter_by_both", sentence.index)] = len(crossings) >= 2
    return bool(known)


_HERE_SUBJECT = compile_terms(("the port", "the station", "the crossing", "the checkpoint", "the border crossing",
                               "this port", "this crossing", "this station", "станция", "станцию", "переход",
                               "пункт пропуска", "кпп", "порт", "здесь", "here", "өткел", "станция арқылы",
                               "өткел арқылы",
                               # a share of the crossing's total: "China-Europe trains accounted for 418 of the total"
                               "of the total", "из общего числа", "от общего числа", "жалпы санының"))
_PART_OF = compile_terms(("в том числе", "в т. ч.", "including", "of which", "of these", "из них", "из которых",
                          "оның ішінде", "соның ішінде"))
_ROUTES = frozenset(tag.partition(":")[2] for tag in SCOPE_TERMS if tag.startswith("route:"))


def _part_of_other(doc: Document, sentence: Sentence, carried: str | None) -> bool:
    """A sentence that opens with "including" / "в том числе", after a total off the KZ–CN border."""
    if carried is None or carried in MONITORED or carried in _ROUTES:
        return False
    return _PART_OF.match(doc.normalized, sentence.start, min(sentence.end, sentence.start + 20)) is not None


_OVERALL = compile_terms(("в целом", "overall", "in total", "altogether", "всего", "жалпы", "total", "общий объем*",
                          "по стране", "nationwide"))
_HERE = compile_terms(("станци*", "station", "стык*", "погранпереход*", "crossing", "кпп", "port", "порт*",
                       "өткел*", "здесь", "here"))


def names_both_crossings_below(doc: Document, sentence: Sentence) -> bool:
    """"3.4 million tons, including: via Dostyk ...; via Altynkol ...": a total over both."""
    known = doc.memo.get(("both_below", sentence.index))
    if known is None:
        known = doc.memo[("both_below", sentence.index)] = _list_names_both(doc, sentence)
    return bool(known)


def _list_names_both(doc: Document, sentence: Sentence) -> bool:
    crossings: set[str] = set()
    for following in doc.sentences[sentence.index + 1:sentence.index + 6]:
        if not following.is_list_item:
            break
        for cue in doc.cues_of("crossing", following.start, following.end):
            crossings |= {t for t in cue.tags if t.startswith("crossing:")}
    return len(crossings) >= 2


def is_monitored(scope: str | None) -> bool:
    return scope in MONITORED
