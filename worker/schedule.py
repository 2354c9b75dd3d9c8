"""What runs when: crawls per source and discovery way, alert release, delivery drain.

One list of periodic jobs feeds both Celery beat (containers) and ``railwatch run``
(one process on a laptop), so the two modes schedule the same work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

# Discovery ways by how often they change: feeds and sitemaps show new articles first,
# listing pages a little later, yearly archives hardly ever.
DEFAULT_INTERVALS: dict[str, timedelta] = {
    "feeds": timedelta(minutes=15),
    "sitemaps": timedelta(minutes=15),
    "listings": timedelta(hours=1),
    "archives": timedelta(days=1),
}
RELEASE_EVERY = timedelta(seconds=30)
DRAIN_EVERY = timedelta(minutes=1)
WATCH_SOURCES_EVERY = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class CrawlSchedule:
    source: str
    ways: tuple[str, ...]
    every: timedelta

    @property
    def name(self) -> str:
        return f"crawl-{self.source}-{'+'.join(self.ways)}"


def crawl_schedules(sources: Iterable[Any] | None = None) -> list[CrawlSchedule]:
    """One schedule per (source, interval): a source's ways that share an interval crawl together."""
    if sources is None:
        from crawler.sources import enabled_sources

        sources = enabled_sources()
    schedules: list[CrawlSchedule] = []
    for source in sources:
        overrides: dict[str, timedelta] = dict(getattr(source, "intervals", {}) or {})
        by_interval: dict[timedelta, list[str]] = {}
        for way in source.discovery_ways():
            every = overrides.get(way, DEFAULT_INTERVALS.get(way, timedelta(hours=1)))
            by_interval.setdefault(every, []).append(way)
        for every, ways in sorted(by_interval.items()):
            schedules.append(CrawlSchedule(source.name, tuple(ways), every))
    return schedules


def beat_schedule(sources: Iterable[Any] | None = None) -> dict[str, dict[str, Any]]:
    """The Celery beat schedule: crawls from the registry plus the alert housekeeping."""
    entries: dict[str, dict[str, Any]] = {
        schedule.name: {
            "task": "railwatch.crawl.source",
            "schedule": schedule.every.total_seconds(),
            "kwargs": {"source": schedule.source, "ways": list(schedule.ways)},
            # a crawl still waiting when the next one is due is dropped, not piled up
            "options": {"expires": schedule.every.total_seconds()},
        }
        for schedule in crawl_schedules(sources)
    }
    entries["release-alerts"] = {"task": "railwatch.alerts.release",
                                 "schedule": RELEASE_EVERY.total_seconds(),
                                 "options": {"expires": RELEASE_EVERY.total_seconds()}}
    entries["drain-deliveries"] = {"task": "railwatch.alerts.drain",
                                   "schedule": DRAIN_EVERY.total_seconds(),
                                   "options": {"expires": DRAIN_EVERY.total_seconds()}}
    entries["watch-sources"] = {"task": "railwatch.alerts.watch_sources",
                                "schedule": WATCH_SOURCES_EVERY.total_seconds(),
                                "options": {"expires": WATCH_SOURCES_EVERY.total_seconds()}}
    return entries
