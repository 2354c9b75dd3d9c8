"""Which errors are worth retrying, and how long to wait: one policy for both modes.

On a broker, Celery retries (``autoretry_for=TRANSIENT_ERRORS`` with backoff and
jitter); in-process, :func:`call_with_retries` applies the same policy inline.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import redis.exceptions
import sqlalchemy.exc

log = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    sqlalchemy.exc.OperationalError,  # connection refused/lost, SQLite "database is locked"
    sqlalchemy.exc.InterfaceError,
    sqlalchemy.exc.TimeoutError,  # pool exhausted
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionError,
    TimeoutError,
)

BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 300.0

P = ParamSpec("P")
R = TypeVar("R")


def backoff_delay(attempt: int, base: float = BACKOFF_BASE_SECONDS,
                  cap: float = BACKOFF_CAP_SECONDS) -> float:
    """Full-jitter exponential backoff: uniform in [0, min(cap, base * 2**attempt)]."""
    return random.uniform(0, min(cap, base * 2 ** attempt))


def call_with_retries(
    fn: Callable[P, R], max_retries: int, *args: P.args, **kwargs: P.kwargs
) -> R:
    for attempt in range(max_retries + 1):
        try:
            return fn(*args, **kwargs)
        except TRANSIENT_ERRORS as error:
            if attempt >= max_retries:
                raise
            delay = backoff_delay(attempt)
            log.warning("transient error (%s), retry %d/%d in %.1fs",
                        type(error).__name__, attempt + 1, max_retries, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")
