"""The article's language from its letters: Kazakh, Russian or English.

Three languages in two scripts need no model: Kazakh Cyrillic has letters Russian
lacks. A Russian text quoting a Kazakh name ("Қазақстан темір жолы") has a few of them,
Kazakh prose has them in some 10% of its letters, hence a share rather than any.
"""

from __future__ import annotations

import re

_KAZAKH = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
_LATIN = re.compile("[a-zA-Z]")
_SAMPLE = 4000


def detect_language(text: str) -> str:
    """"kk", "ru" or "en" (also the answer for text with no letters at all)."""
    sample = text[:_SAMPLE]
    kazakh = len(_KAZAKH.findall(sample))
    cyrillic = len(_CYRILLIC.findall(sample)) + kazakh
    if cyrillic and cyrillic >= len(_LATIN.findall(sample)):
        return "kk" if kazakh >= 0.02 * cyrillic else "ru"
    return "en"
