"""Dates as the sources print them, read before an article is fetched.

Feeds: RFC 822 ("Tue, 26 Sep 2024 10:00:00 +0200"). Sitemaps and markup: ISO 8601.
Cards: "19.08.2025, 11:56", "21:38, 18 Августа 2026" and "15:00, 23 Ноябрь 2025"
(genitive and nominative months both occur), URLs: /2024/09/26/. Naive times are
local time in the source's zone (Asia/Almaty, UTC+5 since 2024-03-01).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

_URL_DATE = re.compile(r"/(20\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|$)")
_NUMERIC = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


def parse_date(text: str | None, timezone: str, formats: tuple[str, ...] = (),
               languages: tuple[str, ...] = ("ru", "kk", "en")) -> datetime | None:
    """An aware datetime, or None for text that is not a date."""
    if not text:
        return None
    text = " ".join(text.split())
    zone = ZoneInfo(timezone)
    for parse in (_iso, _rfc822):
        found = parse(text)
        if found is not None:
            return found if found.tzinfo else found.replace(tzinfo=zone)
    for fmt in formats:
        try:
            found = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return found if found.tzinfo else found.replace(tzinfo=zone)
    numeric = _NUMERIC.match(text)
    if numeric:  # DD.MM.YYYY, the order every source here uses
        day, month, year = (int(g) for g in numeric.groups())
        try:
            return datetime(year, month, day, tzinfo=zone)
        except ValueError:
            return None
    return _words(text, timezone, languages)


def date_in_url(url: str) -> date | None:
    match = _URL_DATE.search(url)
    if match is None:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


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
    if not re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


@lru_cache(maxsize=4096)
def _words(text: str, timezone: str, languages: tuple[str, ...]) -> datetime | None:
    """Month names in any case form ("Ноябрь", "Августа", "қыркүйек"): dateparser knows them."""
    import dateparser

    if not re.search(r"\d", text):
        return None
    return dateparser.parse(text, languages=list(languages), settings={
        "DATE_ORDER": "DMY", "TIMEZONE": timezone, "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False,
    })
