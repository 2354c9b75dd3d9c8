"""Bookkeeping of discovery ways: which are under way for each site, how each ended,
and which way to fall back to when every chosen one came back with nothing.

Kept apart from the spider so the fallback rules can be read (and tested) on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.sources import WAYS, Site

# How a discovery page ended, best first: a way's outcome is the best of its pages.
OUTCOMES = ("ok", "not_modified", "empty", "blocked", "hostile", "failed")
WORKED = ("ok", "not_modified")


@dataclass
class _SiteState:
    site: Site
    tried: list[str] = field(default_factory=list)
    pending: int = 0
    outcomes: dict[tuple[str, str], str] = field(default_factory=dict)
    """(way, first page's URL) -> best outcome of its pages (``failed:http_404`` keeps the reason)."""

    def worked(self) -> bool:
        return any(outcome in WORKED for outcome in self.outcomes.values())


class WayTracker:
    def __init__(self, sites: list[Site]) -> None:
        self._sites = [_SiteState(site) for site in sites]

    def choose(self, index: int, ways: tuple[str, ...]) -> list[str]:
        """The ways of ``ways`` this site has and has not tried yet, now marked as tried."""
        state = self._sites[index]
        chosen = [way for way in ways if getattr(state.site, way) and way not in state.tried]
        state.tried.extend(chosen)
        return chosen

    def remaining(self, index: int) -> list[str]:
        state = self._sites[index]
        return [way for way in WAYS if getattr(state.site, way) and way not in state.tried]

    def opened(self, index: int) -> None:
        self._sites[index].pending += 1

    def closed(self, index: int, way: str, origin: str, outcome: str) -> bool:
        """Record one discovery page's outcome (``origin``: the first page of its series);
        True when the site has run out of luck (nothing pending, nothing worked) and should
        fall back to its next way."""
        state = self._sites[index]
        state.pending -= 1
        previous = state.outcomes.get((way, origin))
        if previous is None or _rank(outcome) < _rank(previous):
            state.outcomes[way, origin] = outcome
        return state.pending == 0 and not state.worked()

    def outcomes(self, index: int) -> dict[str, str]:
        return {f"{way} {origin}": outcome for (way, origin), outcome in self._sites[index].outcomes.items()}

    def report(self) -> dict[str, str]:
        """``{"ru sitemaps https://www.inform.kz/sitemaps/google-news_ru.xml": "failed:http_404"}``"""
        return {f"{s.site.language} {way} {origin}": outcome
                for s in self._sites for (way, origin), outcome in s.outcomes.items()}


def _rank(outcome: str) -> int:
    return OUTCOMES.index(outcome.split(":", 1)[0])
