"""Canonical URLs: the key an article is stored under, so one story is stored once.

courlan and w3lib do the general work (case, default ports, tracking parameters,
query order, fragments); a source's quirks (Joomla's ``/index.php`` twins, host
aliases) come from its registry entry as :class:`UrlRules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import courlan
from w3lib.url import url_query_cleaner

# Query parameters that select a rendering of the same article, not another article.
_RENDERING_PARAMS = ("amp", "outputType", "output", "print", "tmpl", "view_mode")


@dataclass(frozen=True, slots=True)
class UrlRules:
    """A source's URL quirks, declared as data in the crawler's registry."""

    strip_path_prefixes: tuple[str, ...] = ()
    """Path prefixes that make a twin URL, e.g. ``/index.php`` on Joomla sites."""
    host_aliases: dict[str, str] = field(default_factory=dict)
    """Hosts that serve the same pages: alias -> preferred host."""
    drop_params: tuple[str, ...] = ()
    """Extra query parameters that never change the article."""


NO_RULES = UrlRules()


def canonical_url(url: str, rules: UrlRules = NO_RULES) -> str:
    """The article's storage key. Idempotent: ``canonical_url(canonical_url(u)) == canonical_url(u)``."""
    url = url.strip()
    normalized = courlan.normalize_url(url) if url else url
    if not normalized:
        normalized = url
    cleaned = url_query_cleaner(
        normalized, (*_RENDERING_PARAMS, *rules.drop_params), remove=True, keep_fragments=False
    )
    parts = urlsplit(cleaned)
    host = parts.netloc.lower()
    host = rules.host_aliases.get(host, host)
    path = _strip_amp(parts.path)
    for prefix in rules.strip_path_prefixes:
        if path == prefix or path.startswith(prefix + "/"):
            path = path[len(prefix):] or "/"
            break
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), host, path or "/", parts.query, ""))


def _strip_amp(path: str) -> str:
    """``/amp/<slug>`` and ``/<slug>/amp`` are the AMP rendering of ``/<slug>``."""
    segments = path.split("/")
    if len(segments) > 2 and segments[-1] == "" and segments[-2] == "amp":
        segments = segments[:-2]
    elif len(segments) > 1 and segments[-1] == "amp":
        segments = segments[:-1]
    if len(segments) > 2 and segments[1] == "amp":
        segments = [segments[0], *segments[2:]]
    return "/".join(segments) or "/"


def same_site(url: str, hosts: frozenset[str] | set[str]) -> bool:
    """Whether ``url`` is served by one of ``hosts`` (exact host or a subdomain of one)."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)
