"""What went wrong with a request, in the few words a run's stats count it under,
and how a page that answers 200 can still be a refusal (a bot challenge, a login wall)."""

from __future__ import annotations

import re

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

BLOCKING_STATUSES = (401, 403, 429, 451)

# Matched against the lower-cased head of the page: literal prefixes, no re.I, so each
# search is a fast scan for "<title>" or "<form" rather than an attempt at every byte.
_CHALLENGE_TITLE = re.compile(
    rb"<title>\s*(?:just a moment|attention required|access denied|checking your browser|ddos-guard|"
    rb"please wait|security check|captcha)(?:[.!\s]|\xe2\x80\xa6)*(?:\|[^<]{0,60})?</title>")
# Cloudflare's challenge itself; its bot-detection script on ordinary pages is not one
_CHALLENGE_MARKERS = (b"_cf_chl_opt", b"__cf_chl_", b"cf-challenge-", b"challenge-platform/h/")
_LOGIN_WALL = re.compile(rb"<form[^>]+(?:login|signin|sign-in|auth)[^>]*>.{0,2000}?type=[\"']?password", re.S)


class OffsiteRedirect(IgnoreRequest):
    """A redirect (or a retry of one) that would leave the source's domains."""


class RobotsForbidden(IgnoreRequest):
    pass


class AlreadyRequested(IgnoreRequest):
    """A redirect landed on an article this crawl has already asked for (under another URL)."""


def is_blocked_page(body: bytes) -> bool:
    """A bot challenge or a login wall instead of the page asked for."""
    head = body[:50_000].lower()
    if any(marker in head for marker in _CHALLENGE_MARKERS) or _CHALLENGE_TITLE.search(head):
        return True
    return b"password" in head and _LOGIN_WALL.search(head) is not None


def error_kind(failure: Failure) -> str:
    """``http_404``, ``timeout``, ``too_large``, ``offsite_redirect``, ``robots_forbidden``, ..."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"  # type: ignore[union-attr]
    if failure.check(OffsiteRedirect):
        return "offsite_redirect"
    name = type(failure.value).__name__
    message = str(failure.value).lower()
    if "maxsize" in message or "max size" in message or "larger than download" in message \
            or "exceeds download" in message:
        return "too_large"
    if "robots.txt" in message or failure.check(RobotsForbidden):
        return "robots_forbidden"
    return _KINDS.get(name, name.lower())


_KINDS = {
    "TimeoutError": "timeout", "TCPTimedOutError": "timeout", "DownloadTimeoutError": "timeout",
    "DNSLookupError": "dns", "CannotResolveHostError": "dns",
    "ConnectionRefusedError": "connection_refused", "DownloadConnectionRefusedError": "connection_refused",
    "ConnectionLost": "connection_lost", "ResponseFailed": "connection_lost", "DownloadFailedError": "connection_lost",
    "ResponseNeverReceived": "connection_lost", "ResponseDataLossError": "data_loss", "SSLError": "tls",
}


def is_blocking(kind: str) -> bool:
    return kind in {f"http_{status}" for status in BLOCKING_STATUSES}
