"""Logging: readable on a terminal, JSON lines otherwise; secrets kept out.

apprise and urllib3 print the full Telegram bot token in their DEBUG lines, so
those loggers never go below INFO whatever the level asked for.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

from worker.settings import get_settings

_QUIET_LOGGERS = ("apprise", "urllib3", "requests")
_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with any ``extra={...}`` ids (crawl, article, alert)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class _CurrentStderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def setup_logging(level: str | None = None, json_logs: bool | None = None) -> None:
    settings = get_settings()
    level = (level or settings.log_level).upper()
    if json_logs is None:
        json_logs = settings.log_json if settings.log_json is not None else not sys.stderr.isatty()
    handler = _CurrentStderrHandler()
    handler.setFormatter(JsonFormatter() if json_logs else
                         logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in _QUIET_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(max(logging.INFO, logging.getLevelName(level)))
    # alembic announces its dialect on every connection; only its warnings matter here
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLevelName(level)))
