"""What the worker needs to know about a source, read from the crawler's registry.

The registry (``crawler/sources.py``) is the one place a source is described; the
worker only needs its URL quirks, time zone, hosts and boilerplate to prune.
A source the registry doesn't know (a one-off ``railwatch ingest --source x``)
gets neutral defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from worker.urls import NO_RULES, UrlRules

DEFAULT_TIMEZONE = "Asia/Almaty"


@dataclass(frozen=True, slots=True)
class SourceProfile:
    name: str
    url_rules: UrlRules = NO_RULES
    timezone: str = DEFAULT_TIMEZONE
    hosts: frozenset[str] = frozenset()
    prune_xpaths: tuple[str, ...] = ()
    default_language: str | None = None


@lru_cache(maxsize=64)
def profile_for(name: str) -> SourceProfile:
    try:
        from crawler.sources import get_source
    except ImportError:
        return SourceProfile(name)
    source = get_source(name)
    if source is None:
        return SourceProfile(name)
    languages = tuple(getattr(source, "languages", ()) or ())
    return SourceProfile(
        name=name,
        url_rules=getattr(source, "url_rules", NO_RULES),
        timezone=getattr(source, "timezone", DEFAULT_TIMEZONE),
        hosts=frozenset(getattr(source, "hosts", ()) or ()),
        prune_xpaths=tuple(getattr(source, "prune_xpaths", ()) or ()),
        default_language=languages[0] if len(languages) == 1 else None,
    )
