"""Which way the freight moved: export (Kazakhstan -> China), import (China -> Kazakhstan),
transit, or total.

Kazakh sources say "экспорт", "сдача", "Қытайға жөнелтілді"; Chinese sources (Xinhua,
Chinese customs) speak from the other side, so their "exports via Khorgos" are
Kazakhstan's imports and "China's reception of trains" is Kazakhstan's handover. A figure
takes the direction named in its clause, else the last one named before it in its sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from worker.facts.scopes import KAZAKHSTAN

if TYPE_CHECKING:
    from worker.facts.document import Document
    from worker.facts.sentences import Sentence

DIRECTION_TERMS: dict[str, tuple[str, ...]] = {
    "dir:export": ("экспорт*", "export*", "сдач*", "сдан*", "сдает*", "сдают*", "handover*", "handed over",
                   "hand over", "hand-over", "outbound", "экспортқа", "вывоз*", "shipments to china",
                   "deliveries to china", "импорт* в кита*", "импорт* в кнр", "china's import*", "chinese import*",
                   "imports of china", "импорт* кнр", "импорт* китая", "китайск* импорт*", "из казахстана",
                   "from kazakhstan", "қазақстаннан",
                   # the border-station view: handed "to the neighbouring (Chinese) side"
                   "на сопредельную сторону", "сопредельной стороне", "на китайскую сторону", "китайской стороне",
                   "to the chinese side", "қытай тарабына", "қытай жағына", "қытайлық тарапқа",
                   # "норма передачи с казахстанской стороны на китайскую"
                   "с казахстанской стороны на китайскую", "from the kazakh side to the chinese",
                   "from the kazakhstani side to the chinese"),
    # handing trains over at the border is the Kazakh side's export ("норма передачи поездов",
    # "в Китай передавалось 14 поездов", "пойыз беру нормасы"); not the press's "передает корреспондент"
    "handing_over": ("передач*", "передан*", "передава*", "пойыз беру*", "пойыздарды беру*", "пойыздар беру*"),
    "dir:import": ("импорт*", "import*", "incoming", "inbound", "received from", "ввоз*", "қабылдан*", "келетін",
                   "әкелін*", "export* from china", "export* from the prc", "china's export*", "chinese export*",
                   "exports of china", "китайск* экспорт*", "экспорт* из кита*", "экспорт* из кнр", "экспорт* кнр",
                   "экспорт* китая", "в казахстан", "to kazakhstan", "into kazakhstan", "қазақстанға",
                   "от сопредельной стороны", "с сопредельной стороны", "от китайской стороны",
                   "с китайской стороны", "from the chinese side", "на казахстанскую сторону",
                   "to the kazakh side", "to the kazakhstani side", "қазақстан тарабына", "қазақстан жағына"),
    "dir:transit": ("транзит*", "transit*", "транзиттік"),
    "dir:total": ("обмен*", "exchang*", "в обоих направлениях", "both directions", "two-way", "по сдаче и при*",
                  "сдач* и при*", "при* и сдач*", "import and export", "export and import", "imports and exports",
                  "exports and imports", "импорт* и экспорт*", "экспорт* и импорт*", "экспортно-импортн*",
                  "взаимн*", "mutual", "екі жақты", "экспорт-импорт*",
                  "inbound and outbound", "outbound and inbound", "incoming and outgoing", "in both directions",
                  "входящ* и исходящ*", "прибывающ* и отправляющ*"),
    # China's words when China speaks (an "inbound train" at Horgos came from Kazakhstan)
    "dir:plain": ("экспорт*", "export*", "импорт*", "import*", "inbound", "outbound"),
    "reception": ("прием*", "приемк*", "приним*", "accept*", "recept*",
                  # kk active "receives": "Алашанькоу ... 4–5 пойыз ғана қабылдап отыр"
                  "қабылдап*", "қабылдады*", "қабылдайды"),
    # a kind of station track, no flow: "реконструкция приемо-отправочных путей"
    "track_kind": ("приемо-отправочн*", "приемоотправочн*", "receiving-departure", "receiving and departure"),
    "accepted": ("принят*", "принято"),  # a reception only before a figure: not "принято решение"
    "china_receives": ("со стороны кнр", "со стороны китая", "со стороны китайск*", "китайской стороной",
                       "китайская сторона",
                       "китайской стороны", "by china", "by the chinese side", "chinese side", "қытай тарапы*",
                       "china accept*", "china receiv*", "china took", "китай принима*", "китай принял*",
                       "кнр принима*", "кнр принял*", "china has been accept*", "china has been receiv*",
                       "china has accepted", "china is accept*", "china will accept", "china is receiv*"),
    "chinese_source": ("синьхуа", "xinhua", "china daily", "cgtn", "global times", "china news service",
                       "китайск* таможн*", "таможн* кнр", "таможн* китая", "chinese customs", "хоргосск* таможн*",
                       "алашанькоуск* таможн*", "khorgos customs", "alashankou customs",
                       "horgos customs", "customs of horgos", "customs of khorgos", "customs of alashankou",
                       "таможн* алашанькоу*", "таможн* хоргос*", "таможн* кпп*", "местной таможн*",
                       "local customs", "урумчийск* отделени*", "урумчийск* бюро", "урумчиск* бюро",
                       "urumqi bureau", "china state railway", "народн* газет*"),
    # so that "according to Alashankou customs" reads as a source, not a handover "to Alashankou"
    "attribution": ("according to",),
    "ktz": ("ктж", "ktz", "қтж", "kazakhstan temir zholy", "қазақстан темір жолы", "казахстан темир жолы",
            "отечествен*"),
    # a figure about "these trains" moved the way the trains just counted did
    "anaphora": ("этими поездами", "эти поезда", "этими составами", "эти составы", "these trains", "those trains",
                 "the trains carried", "бұл пойыздар*", "осы пойыздар*"),
    "central_asia": ("центральн* ази*", "средн* ази*", "central asia*", "орталық азия*", "китай-средн* ази*",
                     "китай-центральн* ази*", "china-central asia*"),
    # the Chinese station as a destination: "передавала на Хоргос", "handed to Alashankou", "Қорғасқа берілді"
    "to_cn_station": ("на хоргос", "в хоргос", "на станцию хоргос", "в сторону хоргоса", "на алашанькоу",
                      "в алашанькоу", "на станцию алашанькоу", "в сторону алашанькоу", "на тачэн", "на станцию тачэн",
                      "to khorgos", "to horgos", "to khorgas", "to alashankou", "to alataw*", "to tacheng",
                      "into khorgos", "into horgos", "into alashankou", "қорғасқа", "алашанькоуға",
                      "қорғас станциясына", "алашанькоу станциясына"),
    "pass_on": ("переда*", "отправ*", "сда*", "hand*", "sent", "send*", "dispatch*", "deliver*", "беріл*",
                "жөнелт*", "тапсыр*"),
    # ... and as a source: "received 380 trains from Alashankou", "принято со станции Хоргос", "Қорғастан келді"
    "from_cn_station": ("из хоргоса", "с хоргоса", "со станции хоргос", "из алашанькоу", "с алашанькоу",
                        "со станции алашанькоу", "из тачэна", "с тачэна", "from khorgos", "from horgos", "from khorgas",
                        "from alashankou", "from alataw*", "from tacheng", "қорғастан", "алашанькоудан"),
    "take_in": ("приня*", "приним*", "receiv*", "accept*", "қабылда*"),
    # the speaker hands trains over: a Kazakh station or official to China, a Chinese one to Kazakhstan
    # ("в обычном режиме передаём 18 поездов в сутки", "we hand over up to 20 trains a day")
    "we_hand_over": ("передаём", "передаем", "сдаём", "сдаем", "мы передали", "мы сдали", "we hand over",
                     "we handed over", "we hand", "we pass on", "we send", "we sent", "we dispatch", "we dispatched",
                     "тапсырамыз", "жөнелтеміз", "жөнелттік", "тапсырдық"),
}
_ORDER = ("export", "import", "transit", "total")
_FIGURE_NEXT = re.compile(r"\s+(?:[^\W\d]+\s+){0,2}?\d")
_FLIP = {"export": "import", "import": "export"}
_HANDOVER = {"handover": "export"}


def direction_for(doc: Document, sentence: Sentence, offset: int) -> str | None:
    """export, import, transit or total as the figure's clause or sentence says; None when silent."""
    cues = doc.memo.get(("directions", sentence.index))
    if cues is None:
        cues = doc.memo[("directions", sentence.index)] = _cues(doc, sentence)
    if not cues:
        return None
    start, end = doc.clause(sentence, offset)
    in_clause = [kind for position, kind in cues if start <= position < end]
    if in_clause:
        # a handover word gives way to a side named with it ("норма передачи с китайской стороны")
        return combine([kind for kind in in_clause if kind != "handover"] or ["export"])
    before = [kind for position, kind in cues if position < offset]
    return _HANDOVER.get(before[-1], before[-1]) if before else None


def combine(kinds: list[str]) -> str:
    """Two-way words, or export and import together, are the total; otherwise the first of
    export, import, transit ("импорт и транзит из КНР" is labeled import)."""
    found = set(kinds)
    if "total" in found or {"export", "import"} <= found:
        return "total"
    return next(kind for kind in _ORDER if kind in found)


# Kazakhstan named only as where China's imports come from or its exports go ("imports ... led by
# grain from Kazakhstan", "импорт из Казахстана"): still China speaking, not Kazakhstan.
_KZ_AS_PLACE = re.compile(r"(?:from|to|into|из|в|во)\s+$")


def _kazakh_view(doc: Document, sentence: Sentence) -> bool:
    """The sentence names Kazakhstan as the actor ("Kazakhstan exported", "казахстанский экспорт")."""
    text = doc.normalized
    for match in KAZAKHSTAN.finditer(text, sentence.start, sentence.end):
        if not _KZ_AS_PLACE.search(text, max(sentence.start, match.start() - 6), match.start()):
            return True
    return False


def _cues(doc: Document, sentence: Sentence) -> list[tuple[int, str]]:
    span = (sentence.start, sentence.end)
    tags = doc.sentence_tags[sentence.index]
    chinese_voice = doc.anywhere("chinese_source") and not (
        "ktz" in tags or "to_china" in tags or _kazakh_view(doc, sentence))
    china_receives = "china_receives" in tags
    central_asia = "central_asia" in tags
    found: list[tuple[int, str]] = []
    cues = doc.cues_in(*span)
    tracks = {cue.start for cue in cues if "track_kind" in cue.tags}
    for cue in cues:
        cue_tags = cue.tags
        if cue.start in tracks:
            continue
        for tag in cue_tags:
            if tag.startswith("dir:") and tag != "dir:plain":
                kind = tag[4:]
                if chinese_voice and "dir:plain" in cue_tags:
                    kind = _FLIP.get(kind, kind)
                found.append((cue.start, kind))
        if "reception" in cue_tags or ("accepted" in cue_tags and _FIGURE_NEXT.match(doc.normalized, cue.end)):
            found.append((cue.start, "export" if china_receives else "import"))
        if "to_china" in cue_tags:
            found.append((cue.start, "export"))
        if "handing_over" in cue_tags and not chinese_voice:
            found.append((cue.start, "handover"))
        if "we_hand_over" in cue_tags:
            found.append((cue.start, "import" if chinese_voice else "export"))
        if "to_cn_station" in cue_tags and doc.has("pass_on", max(sentence.start, cue.start - 40),
                                                   min(sentence.end, cue.end + 40)):
            found.append((cue.start, "export"))
        if "from_cn_station" in cue_tags and doc.has("take_in", max(sentence.start, cue.start - 40),
                                                     min(sentence.end, cue.end + 40)):
            found.append((cue.start, "import"))
        if "from_china" in cue_tags:
            found.append((cue.start, "import"))
        if "route" in cue_tags:
            # China–Central Asia trains end in Kazakhstan or cross it: both ways at once
            mixed = "route:china-central-asia" in cue_tags or central_asia
            found.append((cue.start, "total" if mixed else "transit"))
    return found
