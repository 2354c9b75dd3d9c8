"""Logging: readable on a terminal, JSON lines otherwise; ids on every line; secrets kept out.

Every line carries the ids of the work it belongs to — the crawl run, the Celery task,
the article, the alert or delivery — from :func:`log_context` (a context variable, so
threads and tasks do not mix them) and :func:`set_process_context` (a crawl process
does one crawl). apprise and urllib3 print the full Telegram bot token in their DEBUG
lines, so those loggers never go below INFO whatever the level asked for.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from typing import Any

from worker.settings import get_settings

_QUIET_LOGGERS = ("apprise", "urllib3", "requests")
_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


_context: ContextVar[dict[str, Any]] = ContextVar("railwatch_log_context", default={})  # noqa: B039 (never mutated)
_process_context: dict[str, Any] = {}


@contextmanager
def log_context(**ids: Any) -> Iterator[None]:
    """Every line logged inside carries these ids (nested contexts add to them)."""
    token = push_context(**ids)
    try:
        yield
    finally:
        pop_context(token)


def push_context(**ids: Any) -> Token[dict[str, Any]]:
    """Add ids until ``_context.reset(token)``: for code that enters and leaves in two
    callbacks (Celery's task_prerun / task_postrun) rather than one ``with`` block."""
    return _context.set({**_context.get(), **{k: v for k, v in ids.items() if v is not None}})


def pop_context(token: Token[dict[str, Any]]) -> None:
    _context.reset(token)


def set_process_context(**ids: Any) -> None:
    """Ids for every line of this process from now on (a crawl process: its run)."""
    _process_context.update({k: v for k, v in ids.items() if v is not None})


class ContextFilter(logging.Filter):
    """Puts the current ids on each record that passes a handler (propagated ones too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in {**_process_context, **_context.get()}.items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {key: value for key, value in vars(record).items()
            if key not in _STANDARD_ATTRS and not key.startswith("_")}


class TextFormatter(logging.Formatter):
    """For a terminal: the usual line, then the ids as ``key=value``."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        ids = " ".join(f"{key}={value}" for key, value in _extras(record).items())
        return f"{line} [{ids}]" if ids else line


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with any ``extra={...}`` ids (crawl, article, alert)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in _extras(record).items():
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


def use_json(json_logs: bool | None = None) -> bool:
    if json_logs is not None:
        return json_logs
    configured = get_settings().log_json
    return configured if configured is not None else not sys.stderr.isatty()


def setup_logging(level: str | None = None, json_logs: bool | None = None, stream: Any = None) -> None:
    """Our one handler on the root logger (the CLI, ``railwatch run``, Celery workers).

    ``stream``: where to write; by default whatever ``sys.stderr`` is at the time. A Celery
    worker passes the real stderr, since it swaps ``sys.stderr`` for a proxy that logs.
    """
    settings = get_settings()
    level = (level or settings.log_level).upper()
    handler = logging.StreamHandler(stream) if stream is not None else _CurrentStderrHandler()
    handler.setFormatter(JsonFormatter() if use_json(json_logs) else TextFormatter())
    handler.setLevel(level)  # loggers with a level of their own (Scrapy's: DEBUG) propagate past the root's
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_noisy_loggers(level)


def adopt_handlers() -> None:
    """Format the handlers someone else installed (Scrapy's, in a crawl process) our way."""
    formatter = JsonFormatter() if use_json() else None
    for handler in logging.getLogger().handlers:
        if formatter is not None:
            handler.setFormatter(formatter)
        if not any(isinstance(f, ContextFilter) for f in handler.filters):
            handler.addFilter(ContextFilter())
    quiet_noisy_loggers(logging.getLevelName(logging.getLogger().getEffectiveLevel()))


def quiet_noisy_loggers(level: str) -> None:
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLevelName(level)))
    # alembic announces its dialect on every connection; only its warnings matter here
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLevelName(level)))
