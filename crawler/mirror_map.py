"""``-a base_url=http://HOST:PORT``: the same spider against a local mirror.

The source's first host maps to the base URL itself; its other hosts (Kazinform has
five) to ``{base_url}/_host/{host}``, which is how ``crawler.mirror`` serves them.
Fetched URLs are mapped back before hand-off, so stored articles, canonical URLs and
the known-article check see the real addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from crawler.sources import Source

HOST_PREFIX = "/_host/"


@dataclass(frozen=True, slots=True)
class UrlMap:
    source: Source
    base_url: str | None = None

    @property
    def primary(self) -> str:
        return self.source.sites[0].host

    def to_fetch(self, url: str) -> str:
        if self.base_url is None:
            return url
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host not in self.source.hosts and host not in self.source.url_rules.host_aliases:
            return url  # off-site stays off-site (and the offsite filter drops it)
        host = self.source.url_rules.host_aliases.get(host, host)
        prefix = "" if host == self.primary else HOST_PREFIX + host
        base = urlsplit(self.base_url)
        return urlunsplit((base.scheme, base.netloc, prefix + (parts.path or "/"), parts.query, ""))

    def to_real(self, url: str) -> str:
        if self.base_url is None or not url.startswith(self.base_url.rstrip("/")):
            return url
        parts = urlsplit(url)
        path, host = parts.path, self.primary
        if path.startswith(HOST_PREFIX):
            host, _, rest = path[len(HOST_PREFIX):].partition("/")
            path = "/" + rest
        scheme = next((s.scheme for s in self.source.sites if s.host == host), "https")
        return urlunsplit((scheme, host, path, parts.query, ""))

    def allowed_domains(self) -> list[str]:
        if self.base_url is not None:
            return [urlsplit(self.base_url).hostname or "127.0.0.1"]
        return [*self.source.hosts, *self.source.url_rules.host_aliases]
