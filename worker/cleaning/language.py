"""Which of our languages a text is in: ru, kk or en (others by script, roughly).

Three languages in two scripts don't need a statistical model: Kazakh Cyrillic has
letters Russian lacks, Kazakh Latin has diacritics English lacks.
"""

from __future__ import annotations

import re

_KAZAKH_CYRILLIC = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
_KAZAKH_LATIN = re.compile("[áǵńóúýıÁǴŃÓÚÝİäğñöşūüÄĞÑÖŞŪÜ]")
_LATIN = re.compile("[a-zA-Z]")
_CJK = re.compile("[\u4e00-\u9fff]")
_SAMPLE = 5000


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Guess from the text; fall back to what the page declared (``<html lang>``)."""
    sample = text[:_SAMPLE]
    cyrillic = len(_CYRILLIC.findall(sample))
    kazakh = len(_KAZAKH_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    cjk = len(_CJK.findall(sample))
    if cyrillic + kazakh + latin + cjk < 20:
        return normalize_language(declared)
    if cjk > (cyrillic + latin) / 2:
        return "zh"
    if cyrillic + kazakh >= latin:
        # Russian has none of these letters; a Russian text quoting a Kazakh name has a
        # few, while they are some 10% of the letters of Kazakh prose.
        return "kk" if kazakh >= 0.04 * (cyrillic + kazakh) else "ru"
    return "kk" if len(_KAZAKH_LATIN.findall(sample)) >= 0.03 * latin else "en"


def normalize_language(value: str | None) -> str | None:
    """``ru-RU`` -> ``ru``; Kazakh's several codes (kz, kaz, qz) -> ``kk``."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return {"kz": "kk", "kaz": "kk", "qz": "kk", "rus": "ru", "eng": "en"}.get(code, code) or None
