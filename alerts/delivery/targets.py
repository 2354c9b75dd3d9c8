"""Delivery targets: the configured apprise URLs, one target per Telegram chat.

A target's URL holds secrets (bot token, SMTP password). It lives in memory only:
the database stores the target's ``key`` (a hash) and ``label`` (apprise's privacy
form), and logs show the label.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import apprise
from apprise.plugins.email.base import NotifyEmail
from apprise.plugins.telegram import NotifyTelegram

from alerts.delivery.redact import guard_logs
from worker.settings import Settings

# Between URLs: whitespace, or a comma that starts another URL (a comma inside a URL,
# as in ``?to=a@x.kz,b@x.kz``, stays).
_SEPARATOR = re.compile(r"\s+|,(?=\s*[A-Za-z][A-Za-z0-9+.-]*://)")

# Timeouts of the Telegram plugin when the URL sets none. Connecting must fail
# sooner than a read times out: the elapsed time is how a refused or unreachable
# API (retry freely) is told from a read timeout (the message may be accepted).
TELEGRAM_CONNECT_TIMEOUT = 5.0
TELEGRAM_READ_TIMEOUT = 20.0


class TargetError(ValueError):
    """A configured URL apprise cannot use; the message shows its privacy form only."""


@dataclass(frozen=True, slots=True)
class Target:
    key: str
    """Stable short hash of the target's identity (credentials, chat or recipients)."""
    label: str
    """apprise's privacy form of the URL: for people, logs and the database."""
    kind: str
    """telegram, email, or the apprise schema of anything else"""
    tags: frozenset[str] = frozenset()
    url: str = field(default="", repr=False, compare=False)
    """The secret URL: never logged, never stored."""
    api_base: str | None = field(default=None, compare=False)
    """Telegram Bot API base (``http://host:port/bot``) instead of Telegram's own: tests
    and self-hosted Bot API servers."""

    def __str__(self) -> str:
        return self.label


def load_targets(settings: Settings, *, telegram_api: str | None = None) -> list[Target]:
    """Every target of ``RAILWATCH_APPRISE_URLS`` and ``RAILWATCH_APPRISE_CONFIG``, in order,
    each once. ``telegram_api`` overrides the Bot API base (default: the settings')."""
    api = telegram_api if telegram_api is not None else settings.telegram_api_url
    plugins: list[tuple[Any, frozenset[str]]] = []
    if settings.apprise_urls is not None:
        for url in split_urls(settings.apprise_urls.get_secret_value()):
            plugins.append((_instantiate(url), frozenset()))
    if settings.apprise_config is not None:
        plugins += _from_config(settings.apprise_config)
    found: dict[str, Target] = {}
    for plugin, tags in plugins:
        for target in _targets_of(plugin, tags, api):
            known = found.get(target.key)
            found[target.key] = target if known is None else replace(known, tags=known.tags | target.tags)
    return list(found.values())


def make_target(url: str, tags: Iterable[str] = (), *, api_base: str | None = None) -> list[Target]:
    """The targets of one apprise URL (several for a Telegram URL with several chats)."""
    return _targets_of(_instantiate(url), frozenset(tags), api_base)


def split_urls(raw: str) -> list[str]:
    return [part.strip() for part in _SEPARATOR.split(raw) if part and part.strip()]


def _instantiate(url: str) -> Any:
    guard_logs()  # apprise's warning about a malformed token quotes the token
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        hint = ""
        if url.lower().startswith("mailto"):
            hint = " (an email URL whose host is an IP address needs ?from=...)"
        raise TargetError(f"apprise cannot use the URL {privacy_guess(url)}{hint}")
    return plugin


def _from_config(path: Path) -> list[tuple[Any, frozenset[str]]]:
    if not path.is_file():
        raise TargetError(f"the apprise config file {path} does not exist")
    config = apprise.AppriseConfig()
    if not config.add(str(path)):
        raise TargetError(f"apprise cannot read the config file {path}")
    return [(plugin, frozenset(str(tag) for tag in plugin.tags)) for plugin in config.services()]


def _targets_of(plugin: Any, tags: frozenset[str], api_base: str | None) -> list[Target]:
    if isinstance(plugin, NotifyTelegram):
        return _telegram_targets(plugin, tags, api_base)
    url = _with_query(plugin.url(privacy=False), {"retry": "0"})
    kind = "email" if isinstance(plugin, NotifyEmail) else url.partition("://")[0].lower()
    recipients = sorted(str(t) for t in getattr(plugin, "targets", None) or [])
    identity = repr((kind, plugin.url_identifier, recipients))
    return [Target(key=_hash(identity), label=_label(url), kind=kind, tags=tags | {kind}, url=url)]


def _telegram_targets(plugin: Any, tags: frozenset[str], api_base: str | None) -> list[Target]:
    """One URL per chat, so each chat has its own delivery state. HTML parse mode, a
    split (or truncated, if asked) overflow and apprise's retry off are enforced."""
    chats = list(plugin.targets)
    if not chats:
        raise TargetError(f"a Telegram URL needs explicit chat ids (tgram://TOKEN/CHAT_ID): "
                          f"{plugin.url(privacy=True)}")
    targets = []
    for chat in chats:
        plugin.targets = [chat]
        url = plugin.url(privacy=False)
        query = dict(parse_qsl(url.partition("?")[2], keep_blank_values=True))
        overrides = {"format": "html", "retry": "0",
                     "overflow": "truncate" if query.get("overflow") == "truncate" else "split"}
        if "cto" not in query and "rto" not in query:
            overrides |= {"cto": str(TELEGRAM_CONNECT_TIMEOUT), "rto": str(TELEGRAM_READ_TIMEOUT)}
        url = _with_query(url, overrides)
        chat_id, topic = chat
        identity = f"tgram|{plugin.bot_token}|{chat_id}|{topic or ''}"
        targets.append(Target(key=_hash(identity), label=_label(url), kind="telegram",
                              tags=tags | {"telegram"}, url=url, api_base=api_base))
    plugin.targets = chats
    return targets


def _with_query(url: str, overrides: dict[str, str]) -> str:
    base, _, query = url.partition("?")
    params = dict(parse_qsl(query, keep_blank_values=True))
    params.update(overrides)
    return f"{base}?{urlencode(sorted(params.items()))}"


def _label(url: str) -> str:
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:  # pragma: no cover - the URL came from apprise itself
        raise TargetError(f"apprise cannot use the URL {privacy_guess(url)}")
    return str(plugin.url(privacy=True))


def _hash(identity: str) -> str:
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]


def privacy_guess(url: str) -> str:
    """A masked form of a URL apprise could not parse: the schema, and the first and
    last character of the rest, the way apprise masks secrets."""
    schema, sep, rest = url.strip().partition("://")
    if not sep:
        return "(not a URL)"
    rest = rest.rstrip("/")
    masked = f"{rest[:1]}...{rest[-1:]}" if len(rest) > 2 else "..."
    return f"{schema}://{masked}"
