"""One event, one alert: a candidate either opens an alert or attaches to the one it repeats.

Another outlet, another language version, a rewrite days later: each becomes another
source of the same alert. A report that changes the figure (beyond the tolerance) or
the date makes a new revision, which is sent as an update once the alert has gone
out; one that only adds a source sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.candidates import AlertCandidate
from alerts.config import RulesConfig
from worker.storage.models import Alert, AlertSource

CORRECTED_DATE_DAYS = 7
"""A value-less change (closure, opening) dated within this of another is the same one."""


@dataclass(frozen=True, slots=True)
class Grouped:
    alert: Alert
    created: bool
    revised: bool
    """The figure or date changed: an update will be sent."""


def group(session: Session, candidate: AlertCandidate, rules: RulesConfig, now: datetime,
          wait: timedelta) -> Grouped:
    """Attach ``candidate`` to its alert or open one; the caller commits.

    Two workers opening the same alert at once collide on the unique fingerprint: the
    loser's transaction fails and is repeated, and then it attaches.
    """
    alert = _existing(session, candidate, rules, now)
    if alert is None:
        alert = _open(candidate, now, wait)
        session.add(alert)
        session.flush()
        _attach(session, alert, candidate)
        return Grouped(alert, created=True, revised=False)
    revised = _merge(alert, candidate, rules)
    _attach(session, alert, candidate)
    if revised:
        alert.revision += 1
        if alert.state == "ready":
            # sent already: the update goes out after its own short grouping wait
            alert.state = "grouping"
            alert.send_after = now + wait
    return Grouped(alert, created=False, revised=revised)


def _existing(session: Session, candidate: AlertCandidate, rules: RulesConfig, now: datetime) -> Alert | None:
    found = session.scalars(select(Alert).where(Alert.fingerprint == candidate.fingerprint())).first()
    if found is not None or candidate.type != "crossing_change":
        return found
    # The same change reported with and without its date, or with a corrected date, by
    # articles published close together (publication, not ingestion: a backfill ingests
    # a year of articles in an hour).
    reported = candidate.published or now.date()
    # a line or terminal opens once: later mentions of it are repeats for longer
    days = rules.grouping_window_days * (3 if candidate.kind == "infrastructure" else 1)
    window = timedelta(days=days)
    query = (select(Alert)
             .where(Alert.type == candidate.type, Alert.scope == candidate.scope, Alert.kind == candidate.kind)
             .order_by(Alert.id.desc()).limit(50))
    for alert in session.scalars(query):
        if abs(reported - _first_reported(alert)) > window:
            continue
        if candidate.effective is None or alert.effective is None:
            return alert
        if candidate.value is not None and alert.value is not None:
            if _same_value(alert.value, candidate.value, rules):
                return alert  # the same new limit with a corrected date
        elif abs((candidate.effective - alert.effective).days) <= CORRECTED_DATE_DAYS:
            return alert  # a closure or opening whose date a later report corrects
    return None


def _first_reported(alert: Alert) -> date:
    value = (alert.details or {}).get("first_reported")
    return date.fromisoformat(value) if value else alert.created_at.date()


def _open(candidate: AlertCandidate, now: datetime, wait: timedelta) -> Alert:
    start, end = candidate.period or (None, None)
    prev_start, prev_end = candidate.previous_period or (None, None)
    return Alert(
        fingerprint=candidate.fingerprint(), type=candidate.type, basis=candidate.basis,
        scope=candidate.scope, metric=candidate.metric, direction=candidate.direction,
        kind=candidate.kind, period_start=start, period_end=end, value=candidate.value,
        previous_value=candidate.previous_value, previous_period_start=prev_start,
        previous_period_end=prev_end, previous_article_id=candidate.previous_article_id,
        effective=candidate.effective, quote=candidate.quote, revision=1, state="grouping",
        send_after=now + wait,
        details={**candidate.details, "first_reported": (candidate.published or now.date()).isoformat()},
        created_at=now, updated_at=now,
    )


def _merge(alert: Alert, candidate: AlertCandidate, rules: RulesConfig) -> bool:
    """Fold a repeat report into the alert; True when the figure or the date changed."""
    revised = False
    if candidate.value is not None:
        if alert.value is None:
            alert.value = candidate.value
        elif not _same_value(alert.value, candidate.value, rules):
            alert.value = candidate.value
            alert.quote = candidate.quote
            revised = True
    if candidate.effective is not None and alert.effective != candidate.effective:
        alert.effective = candidate.effective  # a date given or corrected is news
        revised = True
    if alert.previous_value is None and candidate.previous_value is not None:
        alert.previous_value = candidate.previous_value
        alert.previous_article_id = candidate.previous_article_id
        if candidate.previous_period:
            alert.previous_period_start, alert.previous_period_end = candidate.previous_period
    if candidate.basis == "text" and alert.basis == "history":
        alert.basis = "text"
    if candidate.details:
        alert.details = {**candidate.details, **(alert.details or {})}
    return revised


def _same_value(a: float, b: float, rules: RulesConfig) -> bool:
    return abs(a - b) <= max(abs(a), abs(b)) * rules.value_tolerance_pct / 100


def _attach(session: Session, alert: Alert, candidate: AlertCandidate) -> None:
    already = session.scalars(select(AlertSource.id).where(
        AlertSource.alert_id == alert.id, AlertSource.article_id == candidate.article_id)).first()
    if already is None:
        session.add(AlertSource(alert_id=alert.id, article_id=candidate.article_id,
                                fact_id=candidate.fact_id, event_id=candidate.event_id))
        session.flush()
