"""The article's language from its letters: Kazakh, Russian or English.

Three languages in two scripts need no model: Kazakh Cyrillic has letters Russian
lacks. A Russian text quoting a Kazakh name ("Қазақстан темір жолы") has a few of them
(under 1% of its letters in the dev set), Kazakh prose 12-15%: hence a share, not "any",
and for short texts in between, the small words only one of the languages has.
"""

from __future__ import annotations

import re

_KAZAKH = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_NOT_LATIN = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_SAMPLE = 1500


def detect_language(text: str) -> str:
    """"kk", "ru" or "en" (also the answer for text with no letters at all)."""
    sample = text[:_SAMPLE]
    ascii_only = sample.encode("ascii", "ignore")
    latin = len(ascii_only.translate(None, _NOT_LATIN))
    cyrillic = len(sample) - len(ascii_only)  # outside ASCII: Cyrillic letters, and a few dashes and quotes
    if cyrillic and cyrillic >= latin:
        share = len(_KAZAKH.findall(sample)) / cyrillic
        if share >= 0.08 or share < 0.02:
            return "kk" if share >= 0.08 else "ru"
        # in between (a short Russian text naming "Қазақстан темір жолы"): ask the small words
        russian = len(_RUSSIAN_WORDS.findall(sample.lower()))
        return "kk" if len(_KAZAKH_WORDS.findall(sample.lower())) > russian else "ru"
    return "en"


_RUSSIAN_WORDS = re.compile(r"(?<!\w)(?:и|в|во|на|что|по|с|со|не|из|для|от|за|это|как|к|до)(?!\w)")
_KAZAKH_WORDS = re.compile(r"(?<!\w)(?:мен|және|бойынша|үшін|бұл|деп|жылы|арқылы|сәйкес|туралы|бар|жоқ|осы|да|де)"
                           r"(?!\w)")
