"""Sending one message to one target with apprise, and saying what happened.

apprise 2.x returns a result per URL whose attempts carry the plugin's log lines;
the HTTP status and Telegram's ``retry after N`` are read from those lines in memory
(never logged: apprise's DEBUG lines hold the bot token). apprise's own retry stays
off (``retry=0``, the default): retries live in one layer, ours.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from typing import Any, Literal

import apprise
from apprise import NotifyFormat

from alerts.messages import Message
from alerts.targets import Target
from worker.settings import get_settings

log = logging.getLogger(__name__)

Outcome = Literal["sent", "retry", "permanent", "unknown"]
"""sent; retry (the channel is down or asked us to wait); permanent (it refused this
message: too long, unparsable); unknown (timed out after it may have accepted)."""

_STATUS = re.compile(r"error=(\d{3})")
_RETRY_AFTER = re.compile(r"retry after (\d+)", re.I)
_PERMANENT_WORDS = re.compile(r"can't parse|cannot parse|too long|message is too long|bad request|chat not found", re.I)
_TIMEOUT_WORDS = re.compile(r"read timed out|timed out|timeout", re.I)


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: Outcome
    detail: str = ""
    retry_after: float | None = None


def send(target: Target, message: Message, *, plain: bool = False) -> SendResult:
    """Send and classify; never raises for channel trouble."""
    server = apprise.Apprise()
    if not server.add(target.url):
        return SendResult("permanent", f"apprise cannot use {target.label}")
    plugin = server[0]
    api = get_settings().telegram_api_url
    if target.kind == "telegram" and api:
        # apprise has no URL option for the Bot API host; its plugin reads notify_url.
        plugin.notify_url = api.rstrip("/") + ("" if api.rstrip("/").endswith("/bot") else "/bot")  # type: ignore[attr-defined]
    title, body, body_format = _payload(target, message, plain)
    try:
        result = server.notify(body=body, title=title, body_format=body_format)
    except Exception as error:
        return SendResult("retry", _scrub(f"{type(error).__name__}: {error}"))
    timeout = getattr(plugin, "request_timeout", None)
    read_timeout = timeout[1] if isinstance(timeout, tuple) else timeout
    return classify(result, read_timeout=float(read_timeout) if read_timeout else None)


def _payload(target: Target, message: Message, plain: bool) -> tuple[str, str, Any]:
    if target.kind == "email":
        if plain:
            return message.subject, message.text, NotifyFormat.TEXT
        lines = message.html.replace("\n", "<br>\n")
        body = f"<html><body style=\"font-family: sans-serif\">{lines}</body></html>"
        return message.subject, body, NotifyFormat.HTML
    if target.kind == "telegram":
        # The subject is in the body's first line already; plain text is escaped by apprise.
        return "", (message.text if plain else message.html), (NotifyFormat.TEXT if plain else NotifyFormat.HTML)
    return message.subject, message.text, NotifyFormat.TEXT


def classify(result: Any, read_timeout: float | None = None) -> SendResult:
    """One URL was notified: read its status, and on failure, why.

    apprise reports a refused connection and a read timeout with the same warning; only
    the time it waited tells them apart, and only a read timeout may hide a message the
    channel accepted (``unknown``)."""
    services = list(result)
    if not services:
        return SendResult("permanent", "no service was notified")
    service = services[0]
    status = service.status.name
    if status == "SUCCESS":
        return SendResult("sent")
    lines = [str(getattr(entry, "message", entry)) for entry in service.logs()
             if str(getattr(entry, "level", "")).upper() in ("WARNING", "ERROR", "30", "40")]
    detail = _scrub(" | ".join(lines))[-500:] or status.lower()
    waited_out = read_timeout is not None and service.elapsed >= 0.9 * read_timeout
    if status == "TIMEOUT" or _TIMEOUT_WORDS.search(detail) or (waited_out and "connection error" in detail.lower()):
        return SendResult("unknown", detail or "timed out")
    code_match = _STATUS.search(detail)
    code = int(code_match.group(1)) if code_match else None
    if code == 429:
        wait = _RETRY_AFTER.search(detail)
        return SendResult("retry", detail, float(wait.group(1)) if wait else None)
    if code is not None and 400 <= code < 500 and code not in (401, 403, 404, 408):
        return SendResult("permanent", detail)
    if code is None and _PERMANENT_WORDS.search(detail):
        return SendResult("permanent", detail)
    return SendResult("retry", detail)


_TOKEN = re.compile(r"\b\d{6,}:[A-Za-z0-9_-]{20,}")


def _scrub(text: str) -> str:
    """A Telegram token never reaches our logs or the database, wherever it hides."""
    return _TOKEN.sub("<token>", html.unescape(text))
