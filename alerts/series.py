"""Which stored figures a new one can be compared with: the same series, a comparable period.

A month is compared with months, a quarter with quarters, a half-year with
half-years, a year with years, a single day with days; any other span (January–May,
the first 24 days of January) only with the same span in other years.
"""

from __future__ import annotations

import calendar
from datetime import date

Period = tuple[date, date]


def period_class(period: Period) -> str:
    start, end = period
    if start == end:
        return "day"
    if start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1] and start.year == end.year:
        months = end.month - start.month + 1
        if months == 1:
            return "month"
        if months == 3 and start.month in (1, 4, 7, 10):
            return "quarter"
        if months == 6 and start.month in (1, 7):
            return "half"
        if months == 12:
            return "year"
    return f"span:{start.month:02d}-{start.day:02d}:{end.month:02d}-{end.day:02d}:{(end.year - start.year)}"


def comparable(new: Period, old: Period) -> bool:
    """Same kind of period, and entirely before the new one."""
    return old[1] < new[0] and period_class(old) == period_class(new)
