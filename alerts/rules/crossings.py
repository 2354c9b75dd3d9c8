"""Crossing changes: a limit, capacity, status, processing time or schedule that changed.

Two ways in, merged per crossing and kind so one article gives one candidate: the
text reports the change (the extractor's ``crossing_change`` events), or a stored
value of the crossing (trains allowed per day, annual capacity, processing hours)
differs from the last one known.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from sqlalchemy.orm import Session

from alerts.candidates import AlertCandidate
from alerts.config import CROSSING_METRIC_KINDS, RulesConfig
from alerts.rules.history import series_facts
from worker.storage.models import Article, Event, Fact

KIND_METRIC = {kind: metric for metric, kind in CROSSING_METRIC_KINDS.items()}


def crossing_changes(session: Session, article: Article, rules: RulesConfig) -> Iterator[AlertCandidate]:
    settings = rules.crossing_changes
    scopes, kinds = set(rules.scopes), set(settings.kinds)
    from_text: dict[tuple[str, str], AlertCandidate] = {}
    if settings.from_text:
        for event in article.events:
            if event.type == "crossing_change" and event.scope in scopes and event.kind in kinds:
                candidate = _from_event(article, event)
                from_text.setdefault((event.scope, event.kind), candidate)
    for scope, kind in _subsumed(from_text):
        del from_text[scope, kind]
    for (scope, kind), candidate in from_text.items():
        metric = KIND_METRIC.get(kind)
        if metric and candidate.direction is not None:
            previous = _last_stored(session, article, scope, metric, candidate.direction)
            if previous is not None and candidate.previous_value is None:
                candidate = replace(candidate, previous_value=previous.value,
                                    previous_article_id=previous.article_id)
        yield candidate
    if not settings.from_history:
        return
    for fact in _unambiguous_values(article):
        kind = CROSSING_METRIC_KINDS[fact.metric]
        if fact.scope not in scopes or kind not in kinds or (fact.scope, kind) in from_text:
            continue
        previous = _last_stored(session, article, fact.scope, fact.metric, fact.direction)
        if previous is None or not _changed(previous.value, fact.value, settings.min_change_pct):
            continue
        yield AlertCandidate(
            type="crossing_change", basis="history", scope=fact.scope, kind=kind, metric=fact.metric,
            direction=fact.direction, value=fact.value, effective=fact.effective, article_id=article.id,
            quote=fact.quote, fact_id=fact.id, previous_value=previous.value,
            previous_article_id=previous.article_id,
            details={"old_value": previous.value, "new_value": fact.value, "metric": fact.metric},
        )


def _subsumed(from_text: dict[tuple[str, str], AlertCandidate]) -> list[tuple[str, str]]:
    """A new line or terminal "raises capacity": without a figure of its own, that claim is
    the same news as the infrastructure put into service, not a second alert."""
    return [(scope, kind) for (scope, kind), candidate in from_text.items()
            if kind == "capacity" and candidate.value is None and (scope, "infrastructure") in from_text]


def _from_event(article: Article, event: Event) -> AlertCandidate:
    metric = KIND_METRIC.get(event.kind)
    series = [f for f in article.facts if metric and f.metric == metric and f.scope == event.scope]
    new = _new_value(series, event)
    old = next((f for f in series if new is not None and f.value != new.value and f.direction == new.direction
                and (f.effective is None or (f.extra or {}).get("replaced"))), None)
    details: dict[str, object] = {}
    if metric:
        details["metric"] = metric
    if new is not None:
        details["new_value"] = new.value
    if old is not None:
        details["old_value"] = old.value
    return AlertCandidate(
        type="crossing_change", basis="text", scope=event.scope, kind=event.kind, metric=metric,
        direction=new.direction if new else None, value=new.value if new else None,
        effective=event.effective or (new.effective if new else None), article_id=article.id,
        quote=event.quote, event_id=event.id, fact_id=new.id if new else None,
        previous_value=old.value if old else None, details=details,
    )


def _new_value(series: list[Fact], event: Event) -> Fact | None:
    """The figure the change is about: not the value it replaced ("from 8 to 15"), the
    one dated like the event, else the one dated at all, else the only one."""
    current = [f for f in series if not (f.extra or {}).get("replaced")]
    if current and len(current) < len(series):
        series = current
    if event.effective is not None:
        same_day = [f for f in series if f.effective == event.effective]
        if same_day:
            return same_day[0]
    dated = [f for f in series if f.effective is not None]
    if dated:
        return dated[0]
    return series[0] if len({f.value for f in series}) == 1 and series else None


def _unambiguous_values(article: Article) -> Iterator[Fact]:
    """Crossing values of the article that say what a value now is: when the text gives
    several (old and new), only the dated ones."""
    by_series: dict[tuple[str, str, str], list[Fact]] = {}
    for fact in article.facts:
        if fact.metric in CROSSING_METRIC_KINDS:
            by_series.setdefault((fact.scope, fact.metric, fact.direction), []).append(fact)
    for facts in by_series.values():
        if len({f.value for f in facts}) == 1:
            yield facts[0]
        else:
            yield from (f for f in facts if f.effective is not None)


class _Previous:
    __slots__ = ("article_id", "value")

    def __init__(self, value: float, article_id: int) -> None:
        self.value, self.article_id = value, article_id


def _last_stored(session: Session, article: Article, scope: str, metric: str,
                 direction: str) -> _Previous | None:
    """The latest value of the series known before this article (by publication)."""
    query = series_facts(session, article, scope, metric, direction)
    rows = session.execute(query).all()
    if not rows:
        return None
    # latest publication first; among one article's values prefer its dated (new) one
    fact, _, article_id = max(rows, key=lambda r: (r[1] is not None, r[1], r[2], r[0].effective is not None))
    return _Previous(fact.value, article_id)


def _changed(old: float, new: float, min_change_pct: float) -> bool:
    if old == new:
        return False
    return abs(new - old) >= abs(old) * min_change_pct / 100
