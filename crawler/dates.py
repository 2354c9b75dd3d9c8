"""Dates as the sources print them, read before an article is fetched.

Feeds: RFC 822 ("Tue, 26 Sep 2024 10:00:00 +0200"). Sitemaps and markup: ISO 8601.
Cards: "19.08.2025, 11:56" (DD.MM.YYYY everywhere here), "21:38, 18 Августа 2026" and
"15:00, 23 Ноябрь 2025" (Kazinform prints genitive and nominative months), "05 June
2023", Kazakh "18 қараша 2025" or "18 qaraşa 2025". URLs: /2024/09/26/. Naive times are local time in the
source's zone (Asia/Almaty, UTC+5 since 2024-03-01), whatever label the page prints.
Month names are matched by stem (fast, and any case form); dateparser is the last resort.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

_URL_DATE = re.compile(r"/(20\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|$)")
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?")
_TIME_FIRST = re.compile(r"^(\d{1,2}):(\d{2}),?\s+(.*)$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([^\W\d_]+)\.?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?")
_MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})")

# Stems long enough to tell months apart in every case form (Russian, Kazakh, English).
_MONTH_STEMS: tuple[tuple[str, int], ...] = (
    ("янв", 1), ("фев", 2), ("мар", 3), ("апр", 4), ("май", 5), ("мая", 5), ("июн", 6), ("июл", 7),
    ("авг", 8), ("сен", 9), ("окт", 10), ("ноя", 11), ("дек", 12),
    ("қаң", 1), ("ақп", 2), ("нау", 3), ("сәу", 4), ("мам", 5), ("мау", 6), ("шіл", 7), ("там", 8),
    ("қыр", 9), ("қаз", 10), ("қар", 11), ("жел", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("may", 5), ("jun", 6), ("jul", 7), ("aug", 8),
    ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ("qañ", 1), ("qan", 1), ("aqp", 2), ("nau", 3), ("säu", 4), ("sau", 4), ("mam", 5), ("mau", 6), ("şil", 7),
    ("shil", 7), ("tam", 8), ("qyr", 9), ("qaz", 10), ("qar", 11), ("jel", 12), ("zhel", 12),
)


def parse_date(text: str | None, timezone: str, formats: tuple[str, ...] = (),
               languages: tuple[str, ...] = ("ru", "kk", "en")) -> datetime | None:
    """An aware datetime, or None for text that is not a date."""
    if not text:
        return None
    text = " ".join(text.split())[:100]
    zone = ZoneInfo(timezone)
    found = _iso(text) or _rfc822(text) or _formats(text, formats) or _numeric(text) or _month_name(text)
    if found is None:
        found = _fallback(text, timezone, languages)
    if found is None:
        return None
    return found if found.tzinfo else found.replace(tzinfo=zone)


def date_in_url(url: str) -> date | None:
    match = _URL_DATE.search(url)
    if match is None:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    word = word.lower()
    return next((number for stem, number in _MONTH_STEMS if word.startswith(stem)), None)


def _iso(text: str) -> datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            return datetime.fromisoformat(text[:10])
        except ValueError:
            return None


def _rfc822(text: str) -> datetime | None:
    if not re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _formats(text: str, formats: tuple[str, ...]) -> datetime | None:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _numeric(text: str) -> datetime | None:
    match = _NUMERIC.match(text)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups()[:3])
    hour, minute = (int(g) if g else 0 for g in match.groups()[3:])
    return _make(year, month, day, hour, minute)


def _month_name(text: str) -> datetime | None:
    hour = minute = 0
    time_first = _TIME_FIRST.match(text)
    if time_first:
        hour, minute, text = int(time_first.group(1)), int(time_first.group(2)), time_first.group(3)
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        month = month_number(match.group(2))
        if match.group(4):
            hour, minute = int(match.group(4)), int(match.group(5))
        return _make(int(match.group(3)), month, int(match.group(1)), hour, minute) if month else None
    match = _MONTH_DAY_YEAR.match(text)
    if match:
        month = month_number(match.group(1))
        return _make(int(match.group(3)), month, int(match.group(2)), hour, minute) if month else None
    return None


def _make(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _fallback(text: str, timezone: str, languages: tuple[str, ...]) -> datetime | None:
    """Anything else with a digit in it ("вчера, 12:30" is not a date worth trusting)."""
    import dateparser

    if not re.search(r"\d{4}", text):
        return None
    return dateparser.parse(text, languages=list(languages), settings={
        "DATE_ORDER": "DMY", "TIMEZONE": timezone, "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True,
    })
