"""Secrets out of logs and stored errors.

apprise's DEBUG lines carry the bot token (``.../bot<TOKEN>/sendMessage``), and a
few of its warnings quote a malformed token. The apprise, urllib3 and requests
loggers are kept at INFO or above whatever the root level, a filter on apprise's
logger masks anything token-shaped in what it does emit, and what we store or log
is scrubbed the same way.
"""

from __future__ import annotations

import logging
import re
from typing import Any

TOKEN = re.compile(r"(?:bot)?\d{5,}:[A-Za-z0-9_-]{20,}")
_SECRET_ATTRIBUTES = ("bot_token", "password", "token", "apikey", "secret", "access_token")
_QUIET_LOGGERS = ("apprise", "urllib3", "requests")


def scrub(text: str, plugin: Any = None) -> str:
    """``text`` without the plugin's secrets or anything shaped like a bot token."""
    for name in _SECRET_ATTRIBUTES:
        secret = getattr(plugin, name, None) if plugin is not None else None
        if isinstance(secret, str) and len(secret) >= 4:
            text = text.replace(secret, "****")
    return TOKEN.sub("****", text)


class _ScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = TOKEN.sub("****", message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = _ScrubFilter()


def guard_logs() -> None:
    """Cheap enough to call before every use of apprise: a test runner or a user may
    have lowered the root level since start-up."""
    for name in _QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)
    apprise_logger = logging.getLogger("apprise")
    if _FILTER not in apprise_logger.filters:
        apprise_logger.addFilter(_FILTER)
