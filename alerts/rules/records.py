"""Volume records: claimed by the text, or found by comparing with stored history."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from alerts.candidates import AlertCandidate
from alerts.config import RulesConfig
from alerts.rules.history import series_facts
from alerts.series import Period, comparable
from worker.storage.models import Article, Fact


def volume_records(session: Session, article: Article, rules: RulesConfig) -> Iterator[AlertCandidate]:
    metrics = set(rules.records.metrics)
    scopes = set(rules.scopes)
    claimed: set[int] = set()
    if rules.records.from_text:
        for fact in article.facts:
            if fact.record and fact.scope in scopes and fact.metric in metrics:
                claimed.add(fact.id)
                yield _from_text(article, fact)
        record_events = [e for e in article.events if e.type == "volume_record"
                         and e.scope in scopes and e.kind in metrics]
        for event in record_events:
            if not any(f.scope == event.scope and f.metric == event.kind for f in article.facts if f.record):
                # the text claims a record but gives no figure: still an event worth telling
                yield AlertCandidate(type="volume_record", basis="text", scope=event.scope,
                                     metric=event.kind, direction="total", article_id=article.id,
                                     quote=event.quote, event_id=event.id)
    if rules.records.from_history:
        for fact in article.facts:
            if (fact.id not in claimed and fact.scope in scopes and fact.metric in metrics
                    and fact.period_start and fact.period_end):
                candidate = _against_history(session, article, fact, rules)
                if candidate is not None:
                    yield candidate


def _from_text(article: Article, fact: Fact) -> AlertCandidate:
    event = next((e for e in article.events if e.type == "volume_record" and e.scope == fact.scope
                  and e.kind == fact.metric), None)
    return AlertCandidate(
        type="volume_record", basis="text", scope=fact.scope, metric=fact.metric,
        direction=fact.direction, period=_period(fact), value=fact.value, article_id=article.id,
        quote=fact.quote, fact_id=fact.id, event_id=event.id if event else None,
        details={"change_pct": fact.change_pct} if fact.change_pct is not None else {},
    )


def _against_history(session: Session, article: Article, fact: Fact,
                     rules: RulesConfig) -> AlertCandidate | None:
    """A figure above every earlier comparable figure of its series, once the series has
    ``min_history`` of them."""
    new = _period(fact)
    assert new is not None
    best_by_period: dict[Period, tuple[float, int]] = {}
    for old, _published, article_id in session.execute(
            series_facts(session, article, fact.scope, fact.metric, fact.direction)):
        period = _period(old)
        if period is None or not comparable(new, period):
            continue
        if period not in best_by_period or old.value > best_by_period[period][0]:
            best_by_period[period] = (old.value, article_id)
    if len(best_by_period) < rules.records.min_history:
        return None
    previous_period, (previous, previous_article) = max(best_by_period.items(), key=lambda kv: kv[1][0])
    if fact.value <= previous * (1 + rules.records.min_change_pct / 100):
        return None
    return AlertCandidate(
        type="volume_record", basis="history", scope=fact.scope, metric=fact.metric,
        direction=fact.direction, period=new, value=fact.value, article_id=article.id,
        quote=fact.quote, fact_id=fact.id, previous_value=previous, previous_period=previous_period,
        previous_article_id=previous_article,
        details={"history_periods": len(best_by_period),
                 **({"change_pct": fact.change_pct} if fact.change_pct is not None else {})},
    )


def _period(fact: Fact) -> Period | None:
    if fact.period_start and fact.period_end:
        return fact.period_start, fact.period_end
    return None
