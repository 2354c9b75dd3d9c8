"""Waiting on real processes (workers, crawls, servers) without a timed assertion."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(condition: Callable[[], bool], timeout: float = 60.0, every: float = 0.25) -> bool:
    """True as soon as ``condition()`` holds; False once ``timeout`` seconds passed without it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False
