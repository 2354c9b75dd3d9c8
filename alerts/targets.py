"""Delivery targets: apprise URLs from the settings, one per Telegram chat.

A target's secret URL (bot token, SMTP password) lives only in memory; the
database and the logs see its ``key`` (a hash) and its ``label`` (apprise's privacy
form of the URL).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

import apprise

from worker.settings import Settings

_TELEGRAM = re.compile(r"^(?P<scheme>tgram)://(?P<token>[^/?]+)/(?P<chats>[^?]*)(?:\?(?P<query>.*))?$", re.I)


class TargetError(ValueError):
    """A configured URL apprise cannot use; the message names it in privacy form only."""


@dataclass(frozen=True, slots=True)
class Target:
    key: str
    label: str
    kind: str
    """telegram, email, or the apprise schema for anything else"""
    tags: frozenset[str] = frozenset()
    url: str = field(default="", repr=False, compare=False)
    """The secret URL: never logged, never stored."""


def load_targets(settings: Settings) -> list[Target]:
    """Every target from ``RAILWATCH_APPRISE_URLS`` and ``RAILWATCH_APPRISE_CONFIG``."""
    entries: list[tuple[str, frozenset[str]]] = []
    if settings.apprise_urls is not None:
        raw = settings.apprise_urls.get_secret_value()
        entries += [(url, frozenset()) for url in raw.split() if url.strip()]
    if settings.apprise_config is not None:
        entries += _from_config(str(settings.apprise_config))
    targets: list[Target] = []
    for url, tags in entries:
        for single in _one_per_chat(url):
            targets.append(make_target(single, tags))
    return list({t.key: t for t in targets}.values())


def make_target(url: str, tags: frozenset[str] = frozenset()) -> Target:
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        raise TargetError(f"apprise cannot use the URL {_privacy_guess(url)}")
    schema = url.split("://", 1)[0].lower()
    kind = "telegram" if schema == "tgram" else "email" if schema in ("mailto", "mailtos") else schema
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return Target(key=key, label=plugin.url(privacy=True), kind=kind, tags=frozenset(tags) | {kind}, url=url)


def _one_per_chat(url: str) -> list[str]:
    """``tgram://TOKEN/chat1/chat2`` becomes one URL per chat, so each chat has its own
    delivery state; HTML parse mode and splitting of long messages are always on."""
    match = _TELEGRAM.match(url.strip())
    if match is None:
        return [url.strip()]
    query = dict(parse_qsl(match.group("query") or "", keep_blank_values=True))
    query.update({"format": "html", "overflow": "split"})
    chats = [c for c in match.group("chats").split("/") if c]
    if not chats:
        raise TargetError("a Telegram URL needs explicit chat ids: tgram://TOKEN/CHAT_ID")
    return [f"tgram://{match.group('token')}/{chat}/?{urlencode(query)}" for chat in chats]


def _from_config(path: str) -> list[tuple[str, frozenset[str]]]:
    config = apprise.AppriseConfig()
    if not config.add(path):
        raise TargetError(f"cannot read the apprise config {path}")
    found: list[tuple[str, frozenset[str]]] = []
    for server in config.services():
        found.append((server.url(privacy=False), frozenset(server.tags)))
    return found


def _privacy_guess(url: str) -> str:
    schema, _, rest = url.partition("://")
    return f"{schema}://…" if rest else "(not a URL)"
