"""Dates as the sources print them, read before fetching (site-profiles.md, each section)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from crawler.dates import date_in_url, parse_date
from crawler.window import Window

ALMATY = "Asia/Almaty"


@pytest.mark.parametrize(("text", "expected"), [
    ("15:00, 23 Ноябрь 2025", "2025-11-23 15:00"),  # Kazinform 2025: nominative month
    ("21:38, 18 Августа 2026", "2026-08-18 21:38"),  # Kazinform 2026: genitive month
    ("13:51, 15 Август 2025", "2025-08-15 13:51"),
    ("19.08.2025, 11:56", "2025-08-19 11:56"),  # rail-news.kz article line
    ("29.05.2025", "2025-05-29 00:00"),  # rail-news.kz related block, railways.kz RU cards
    ("03-09-2024", "2024-09-03 00:00"),
    ("19:38, 05 June 2023 | GMT +6", "2023-06-05 19:38"),  # Kazinform EN; the label is not trusted
    ("28 February 2023, 21:12", "2023-02-28 21:12"),
    ("17:50, 18 September 2015", "2015-09-18 17:50"),
    ("18 қараша 2025", "2025-11-18 00:00"),
    ("09:05, 2 qaraşa 2025", "2025-11-02 09:05"),
    ("26 Sep 2024", "2024-09-26 00:00"),
])
def test_printed_dates_are_local_time_in_almaty(text: str, expected: str) -> None:
    found = parse_date(text, ALMATY)
    assert found is not None
    assert found.strftime("%Y-%m-%d %H:%M") == expected
    assert found.tzinfo is not None and found.utcoffset() == timedelta(hours=5 if found.year >= 2024 else 6)


def test_feed_and_sitemap_dates_keep_their_offset() -> None:
    assert parse_date("Tue, 26 Sep 2024 10:00:00 +0200", ALMATY) == datetime.fromisoformat("2024-09-26T10:00:00+02:00")
    assert parse_date("2025-11-19T09:00:00Z", ALMATY) == datetime.fromisoformat("2025-11-19T09:00:00+00:00")
    assert parse_date("2025-11-19", ALMATY) == datetime.fromisoformat("2025-11-19T00:00:00+05:00")


@pytest.mark.parametrize("text", [None, "", "вчера", "Новости", "31.02.2025", "99 Ноябрь 2025", "x" * 10_000])
def test_what_is_not_a_date_is_none(text: str | None) -> None:
    assert parse_date(text, ALMATY) is None


def test_source_formats_come_first() -> None:
    assert parse_date("11/06/2025", ALMATY, ("%m/%d/%Y",)) == datetime.fromisoformat("2025-11-06T00:00:00+05:00")


def test_dates_in_urls() -> None:
    assert date_in_url("https://www.railfreight.com/beltandroad/2022/09/26/italy-likely/") == date(2022, 9, 26)
    assert date_in_url("https://news.cgtn.com/news/2025-09-01/China-enforces-1Gj1GWXQeJi/p.html") == date(2025, 9, 1)
    assert date_in_url("https://rail-news.kz/ru/news/21401-dva.html") is None
    assert date_in_url("https://x.kz/2025/13/40/") is None


def test_the_window() -> None:
    today = date(2025, 11, 20)
    scheduled = Window.of(None, None, today, 3)
    assert (scheduled.since, scheduled.until, scheduled.backfill) == (date(2025, 11, 17), today, False)
    backfill = Window.of("2024-12-01", "2025-02-01", today, 3)
    assert backfill.backfill and list(backfill.years()) == [2025, 2024]
    with pytest.raises(ValueError, match="after"):
        Window.of("2025-02-01", "2025-01-01", today, 3)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        Window.of("01.02.2025", None, today, 3)
