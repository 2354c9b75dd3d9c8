"""Alert units of work, each in its own transaction: evaluate an article, release what is due,
watch the sources. Sending is ``alerts.delivery``'s.

A task (or, without a broker, a direct call) runs these; they are safe to repeat.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from alerts.config import RulesConfig, load_rules
from alerts.decide import evaluate_article
from alerts.delivery.targets import load_targets
from worker.settings import get_settings
from worker.storage.db import session_scope

log = logging.getLogger(__name__)


def current_rules() -> RulesConfig:
    path = get_settings().rules_file
    return _rules_at(path, path.stat().st_mtime if path and path.exists() else 0.0)


@lru_cache(maxsize=4)
def _rules_at(path: Path | None, _mtime: float) -> RulesConfig:
    return load_rules(path)


def evaluate(article_id: int, now: datetime | None = None) -> list[int]:
    """Decide the alerts of one stored article; returns the ids of alerts it opened or revised.

    With no grouping wait configured, what it decides is released at once.
    """
    settings = get_settings()
    now = now or datetime.now(UTC)
    wait = timedelta(seconds=settings.grouping_wait_seconds)
    horizon = timedelta(days=settings.alert_horizon_days)
    rules = current_rules()
    for attempt in (1, 2):
        try:
            with session_scope() as session:
                decided = evaluate_article(session, article_id, rules=rules, now=now,
                                           horizon=horizon, wait=wait)
                changed = [g.alert.id for g in decided if g.created or g.revised]
            break
        except IntegrityError:
            if attempt == 2:
                raise
            log.info("another worker opened the same alert first; joining it")
    if changed and wait.total_seconds() <= 0:
        release(now)
    return changed


def release(now: datetime | None = None) -> list[int]:
    """Open the deliveries of every alert whose grouping wait is over, then send them."""
    from alerts.release import release_due

    settings = get_settings()
    now = now or datetime.now(UTC)
    with session_scope() as session:
        delivery_ids = release_due(session, now, current_rules(), load_targets(settings))
    from alerts.delivery.tasks import submit_delivery

    for delivery_id in delivery_ids:
        submit_delivery(delivery_id)
    return delivery_ids


def watch() -> list[int]:
    """Open operational alerts for blocked or silent sources; returns their ids."""
    from alerts.ops import SourceExpectation, watch_sources
    from worker.status import registry_source_names

    settings = get_settings()
    now = datetime.now(UTC)
    expectations = [SourceExpectation(name, _quiet_limit(name)) for name in registry_source_names()]
    with session_scope() as session:
        opened = [alert.id for alert in watch_sources(session, expectations, now,
                                                      timedelta(seconds=settings.grouping_wait_seconds))]
    if opened and settings.grouping_wait_seconds <= 0:
        release(now)
    return opened


def _quiet_limit(name: str) -> timedelta:
    """A source's registry entry may say how long it can stay silent (default: two days)."""
    from alerts.ops import DEFAULT_QUIET_LIMIT

    try:
        from crawler.sources import get_source
    except ImportError:
        return DEFAULT_QUIET_LIMIT
    source = get_source(name)
    return getattr(source, "quiet_limit", None) or DEFAULT_QUIET_LIMIT
