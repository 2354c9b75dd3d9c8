"""When to try a delivery again, and when to give up: one policy for Celery and in-process."""

from __future__ import annotations

import random
from dataclasses import dataclass

from worker.settings import Settings


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 8
    """Sends of one delivery before it is dead-lettered."""
    backoff_base: float = 30.0
    """The first wait, in seconds; it doubles with each failed send."""
    backoff_cap: float = 3600.0
    lease: float = 300.0
    """A row left ``sending`` longer than this belongs to a worker that died."""

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        return cls(max_attempts=settings.delivery_max_attempts, backoff_base=settings.delivery_backoff_seconds,
                   backoff_cap=settings.delivery_backoff_cap_seconds, lease=float(settings.delivery_lease_seconds))

    def backoff(self, attempts: int) -> float:
        """Exponential with jitter: 50-100 % of base * 2^(attempts-1), capped, so workers
        that failed together do not come back together."""
        delay = min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1))
        return delay * random.uniform(0.5, 1.0)

    @staticmethod
    def after(retry_after: float) -> float:
        """Telegram's ``retry_after`` is a minimum: wait that, plus up to 10 %."""
        return retry_after * random.uniform(1.0, 1.1)
