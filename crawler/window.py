"""The date window of a crawl, and the date a candidate link is known to have.

A scheduled crawl looks back ``crawl_lookback_days``; ``since``/``until`` make it a
backfill, which walks pagination and archives back until the window is passed
(and ignores conditional GET: an unchanged first page says nothing about page 40).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from crawler.dates import date_in_url, parse_date
from crawler.discovery import Candidate
from crawler.sources import Source


@dataclass(frozen=True, slots=True)
class Window:
    since: date
    until: date
    backfill: bool
    """True when ``since`` was given: walk back to it, whatever earlier runs saw."""

    @classmethod
    def of(cls, since: str | None, until: str | None, today: date, lookback_days: int) -> Window:
        end = _day(until, "until") or today
        start = _day(since, "since") or end - timedelta(days=lookback_days)
        if start > end:
            raise ValueError(f"since {start} is after until {end}")
        return cls(start, end, since is not None)

    def years(self) -> range:
        """Newest first, for yearly archive pages."""
        return range(self.until.year, self.since.year - 1, -1)

    def contains(self, day: date) -> bool:
        return self.since <= day <= self.until


class Dating:
    """Reads the date a discovery page printed for a link (or the link's own URL date)."""

    def __init__(self, source: Source) -> None:
        self.zone = ZoneInfo(source.timezone)
        self.timezone = source.timezone
        self.formats = source.date_formats
        languages = tuple(dict.fromkeys("kk" if lang == "kz" else lang for lang in source.languages))
        self.languages = languages if "en" in languages else (*languages, "en")

    def moment(self, candidate: Candidate, real_url: str) -> datetime | date | None:
        found = parse_date(candidate.published, self.timezone, self.formats, self.languages)
        return found or date_in_url(real_url)

    def day(self, moment: datetime | date | None) -> date | None:
        if isinstance(moment, datetime):
            return moment.astimezone(self.zone).date()
        return moment


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"-a {name}={value}: expected YYYY-MM-DD") from error
