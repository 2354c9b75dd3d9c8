"""One message to one target through apprise, and what came of it.

apprise 2.x returns a result per URL; each attempt carries the plugin's own log lines
(captured in memory at WARNING, the level at which it reports a failure with its
HTTP status, e.g. ``Too Many Requests: retry after 7, error=429``). The status,
Telegram's ``retry_after`` and the time the attempt took are all we need to decide;
nothing touches apprise's network code. apprise's own retry stays off (``retry=0``
in every target URL): retries live in one layer, the outbox's.

Secrets: ``redact`` keeps apprise's DEBUG lines (the bot token) out of every log and
scrubs what we keep of its failure lines.
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass
from typing import Any, Literal

import apprise
from apprise import NotifyFormat

from alerts.delivery.redact import guard_logs, scrub
from alerts.delivery.render import Message
from alerts.delivery.targets import Target

Outcome = Literal["sent", "retry", "unknown", "permanent", "fatal"]
"""sent; retry (down, overloaded, or asked us to wait); unknown (timed out after the
channel may have accepted it); permanent (it refused this message: unparsable, too
long — plain text may pass); fatal (it refuses us: bad token, bot removed, bad URL)."""

_STATUS = re.compile(r"error=(\d{3})\b")
_RETRY_AFTER = re.compile(r"retry after (\d+(?:\.\d+)?)", re.I)


@dataclass(frozen=True, slots=True)
class SendOutcome:
    outcome: Outcome
    detail: str = ""
    """apprise's failure lines, scrubbed of secrets; empty on success."""
    retry_after: float | None = None
    status: int | None = None


def send(target: Target, message: Message, *, plain: bool = False) -> SendOutcome:
    """Send ``message`` (its plain text with ``plain``) and classify; never raises for
    channel trouble."""
    guard_logs()
    server = apprise.Apprise()
    if not server.add(target.url):
        return SendOutcome("fatal", f"apprise cannot use {target.label}")
    plugin: Any = server[0]
    if target.kind == "telegram" and target.api_base:
        # apprise has no URL option for the Bot API host; its Telegram plugin reads notify_url.
        plugin.notify_url = target.api_base.rstrip("/").removesuffix("/bot") + "/bot"
    if target.kind == "email" and (unreachable := smtp_unreachable(plugin)):
        return SendOutcome("retry", unreachable)
    title, body, body_format = payload(target.kind, message, plain)
    try:
        result = server.notify(body=body, title=title, body_format=body_format)
    except Exception as error:  # apprise reports channel trouble in its result; this is anything else
        return SendOutcome("retry", scrub(f"{type(error).__name__}: {error}", plugin))
    return classify(result, plugin, target.kind)


def smtp_unreachable(plugin: Any) -> str | None:
    """Why the mail server cannot be reached, or None when it answers a TCP connect.

    smtplib has one timeout for connecting and for waiting on the server, so a send that
    timed out cannot say whether the message went. A server that does not even accept a
    connection surely did not take it: that is "down" (retried until it is back), not an
    unknown outcome (retried once). The window left is a server that accepts, then stalls.
    """
    host = getattr(plugin, "smtp_host", None)
    if not host:
        return None
    port = getattr(plugin, "port", None) or _SMTP_PORTS.get(str(getattr(plugin, "secure_mode", "")), 25)
    timeout = float(getattr(plugin, "socket_connect_timeout", None) or 4.0)
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as error:
        return f"Connection error: the mail server {host}:{port} is unreachable ({type(error).__name__}: {error})"
    return None


_SMTP_PORTS = {"ssl": 465, "starttls": 587}
"""apprise's defaults when the URL names no port (plain SMTP otherwise: 25)."""


def payload(kind: str, message: Message, plain: bool) -> tuple[str, str, str]:
    """(title, body, body format) as apprise takes them for this kind of target."""
    if kind == "telegram":
        # The headline is the body's first line; apprise escapes a TEXT body for HTML mode.
        return "", message.text if plain else message.html, NotifyFormat.TEXT if plain else NotifyFormat.HTML
    if kind == "email" and not plain:
        return message.subject, message.html, NotifyFormat.HTML
    return message.subject, message.text, NotifyFormat.TEXT


def classify(result: Any, plugin: Any, kind: str) -> SendOutcome:
    """The outcome of the one URL notified, from its status, log lines and duration."""
    services = list(result)
    if not services:
        return SendOutcome("fatal", "apprise notified nothing")
    service = services[0]
    if service.status.name == "SUCCESS":
        return SendOutcome("sent")
    lines = [str(entry.message) for entry in service.logs() if str(entry.level) in ("WARNING", "ERROR", "CRITICAL")]
    detail = scrub(" | ".join(lines), plugin)[-1000:] or service.status.name.lower()
    if service.status.name == "TIMEOUT":
        return SendOutcome("unknown", detail)
    codes = _STATUS.findall(detail)
    status = int(codes[-1]) if codes else None
    if status == 429:
        wait = _RETRY_AFTER.search(detail)
        return SendOutcome("retry", detail, float(wait.group(1)) if wait else None, status)
    if status in (401, 403, 404):
        return SendOutcome("fatal", detail, status=status)
    if status is not None and 400 <= status < 500 and status != 408:
        return SendOutcome("permanent", detail, status=status)
    if status is None and "connection error" in detail.lower() and service.elapsed >= _timed_out_after(plugin, kind):
        # It waited out the read timeout: the channel may have taken the message.
        return SendOutcome("unknown", detail)
    return SendOutcome("retry", detail, status=status)


def _timed_out_after(plugin: Any, kind: str) -> float:
    """How long a failed attempt must take to count as a read timeout, not a refusal.

    smtplib applies one timeout to connecting and reading alike, so an email that
    waited that long is unknown. Telegram targets read longer than they connect
    (``targets``), so halfway between the two tells them apart."""
    connect = float(getattr(plugin, "socket_connect_timeout", None) or 4.0)
    read = float(getattr(plugin, "socket_read_timeout", None) or connect)
    if kind == "email":
        return 0.9 * connect
    return (connect + read) / 2 if read > connect else 0.9 * read
