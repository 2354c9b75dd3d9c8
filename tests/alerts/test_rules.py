"""Deciding alerts: records from the text and from history, crossing changes, grouping."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.config import RulesConfig
from alerts.decide import evaluate_article
from alerts.grouping import Grouped
from tests.alerts.factories import article, months, year
from worker.storage.db import session_scope
from worker.storage.models import Alert, AlertSource

NOW = datetime(2025, 7, 30, 9, 0, tzinfo=UTC)
WAIT = timedelta(minutes=2)
HORIZON = timedelta(days=30)
RULES = RulesConfig()


def evaluate(session: Session, article_id: int, rules: RulesConfig = RULES,
             now: datetime = NOW) -> list[Grouped]:
    return evaluate_article(session, article_id, rules=rules, now=now, horizon=HORIZON, wait=WAIT)


def alerts(session: Session) -> list[Alert]:
    return list(session.scalars(select(Alert).order_by(Alert.id)))


def tonnes(value: float, period: tuple[date, date], scope: str = "dostyk-alashankou", **extra: object) -> dict:
    return {"metric": "freight_tonnes", "value": value, "scope": scope, "period": period, **extra}


@pytest.fixture
def session(sqlite_db: str):  # type: ignore[no-untyped-def]
    with session_scope() as s:
        yield s


def test_record_claimed_by_the_text(session: Session) -> None:
    claimed = article(session, published=date(2025, 7, 25), facts=[tonnes(18e6, year(2024), record=True)],
                      events=[{"type": "volume_record", "scope": "dostyk-alashankou", "kind": "freight_tonnes"}])
    [grouped] = evaluate(session, claimed.id)
    alert = grouped.alert
    assert grouped.created
    assert (alert.type, alert.basis, alert.scope, alert.metric, alert.value) == (
        "volume_record", "text", "dostyk-alashankou", "freight_tonnes", 18e6)
    assert (alert.period_start, alert.period_end) == year(2024)
    assert alert.state == "grouping" and alert.send_after == NOW + WAIT


def test_same_event_from_other_outlets_and_languages_is_one_alert(session: Session) -> None:
    record = {"type": "volume_record", "scope": "kz-cn", "kind": "freight_tonnes"}
    first = article(session, published=date(2025, 7, 25), outlet="ktz",
                    facts=[tonnes(32e6, year(2024), scope="kz-cn", record=True)], events=[record])
    second = article(session, published=date(2025, 7, 25), outlet="kazinform", language="en",
                     facts=[tonnes(32.1e6, year(2024), scope="kz-cn", record=True)], events=[record])
    third = article(session, published=date(2025, 7, 27), outlet="railnews", language="kk",
                    facts=[tonnes(32e6, year(2024), scope="kz-cn", record=True)], events=[record])
    evaluate(session, first.id)
    [again] = evaluate(session, second.id)
    [later] = evaluate(session, third.id)
    assert not again.created and not again.revised and not later.revised
    [alert] = alerts(session)
    assert alert.revision == 1
    assert sorted(s.article_id for s in alert.sources) == [first.id, second.id, third.id]


def test_a_report_that_changes_the_figure_is_a_revision(session: Session) -> None:
    record = {"type": "volume_record", "scope": "kz-cn", "kind": "freight_tonnes"}
    first = article(session, published=date(2025, 7, 25),
                    facts=[tonnes(32e6, year(2024), scope="kz-cn", record=True)], events=[record])
    corrected = article(session, published=date(2025, 7, 28), outlet="kazinform",
                        facts=[tonnes(33.4e6, year(2024), scope="kz-cn", record=True)], events=[record])
    evaluate(session, first.id)
    [alert] = alerts(session)
    alert.state = "ready"  # it went out
    [grouped] = evaluate(session, corrected.id)
    assert grouped.revised
    assert (alert.revision, alert.value, alert.state) == (2, 33.4e6, "grouping")


def test_record_against_history_names_the_previous_maximum(session: Session) -> None:
    history = [(2021, 15.1e6), (2022, 16.9e6), (2023, 16.2e6)]
    olds = [article(session, published=date(y + 1, 1, 15), facts=[tonnes(v, year(y))]) for y, v in history]
    new = article(session, published=date(2025, 7, 20), facts=[tonnes(17.5e6, year(2024))])
    [grouped] = evaluate(session, new.id)
    alert = grouped.alert
    assert (alert.basis, alert.value, alert.previous_value) == ("history", 17.5e6, 16.9e6)
    assert (alert.previous_period_start, alert.previous_period_end) == year(2022)
    assert alert.previous_article_id == olds[1].id


def test_no_history_record_without_enough_history_or_when_not_above(session: Session) -> None:
    article(session, published=date(2023, 1, 15), facts=[tonnes(15e6, year(2022))])
    article(session, published=date(2024, 1, 15), facts=[tonnes(16e6, year(2023))])
    too_early = article(session, published=date(2025, 1, 15), facts=[tonnes(17e6, year(2024))])
    assert evaluate(session, too_early.id, now=datetime(2025, 1, 20, tzinfo=UTC)) == []
    lower = article(session, published=date(2025, 7, 20), facts=[tonnes(16.5e6, year(2024))])
    assert evaluate(session, lower.id) == []
    strict = RulesConfig.model_validate({"records": {"min_history": 2, "min_change_pct": 10}})
    assert evaluate(session, too_early.id, rules=strict, now=datetime(2025, 1, 20, tzinfo=UTC)) == []


def test_periods_compare_like_with_like(session: Session) -> None:
    # full years are much larger than five-month figures: they must not be compared
    for y in (2021, 2022, 2023):
        article(session, published=date(y + 1, 2, 1), facts=[tonnes(20e6, year(y))])
    for y, v in ((2022, 7.0e6), (2023, 7.4e6), (2024, 7.9e6)):
        article(session, published=date(y, 6, 10), facts=[tonnes(v, months(y, 1, 5))])
    five_months = article(session, published=date(2025, 6, 12), facts=[tonnes(8.3e6, months(2025, 1, 5))])
    [grouped] = evaluate(session, five_months.id, now=datetime(2025, 6, 20, tzinfo=UTC))
    assert grouped.alert.previous_value == 7.9e6
    # a month is compared with months, any month
    for m, v in ((1, 1.5e6), (2, 1.4e6), (3, 1.6e6)):
        article(session, published=date(2025, m + 1, 5), facts=[tonnes(v, months(2025, m, m), scope="kz-cn")])
    april = article(session, published=date(2025, 6, 5), facts=[tonnes(1.7e6, months(2025, 4, 4), scope="kz-cn")])
    [month_record] = evaluate(session, april.id, now=datetime(2025, 6, 20, tzinfo=UTC))
    assert month_record.alert.previous_value == 1.6e6


def test_other_scopes_and_metrics_do_not_alert(session: Session) -> None:
    other = article(session, published=date(2025, 7, 25),
                    facts=[tonnes(50e6, year(2024), scope="china-europe", record=True),
                           {"metric": "processing_hours", "value": 6, "scope": "dostyk-alashankou",
                            "record": True}],
                    events=[{"type": "volume_record", "scope": "china-europe", "kind": "freight_tonnes"}])
    assert evaluate(session, other.id) == []


def test_crossing_change_from_the_text_with_old_and_new_limits(session: Session) -> None:
    limit = {"metric": "train_limit_per_day", "scope": "altynkol-khorgos", "direction": "export"}
    agreed = article(session, published=date(2025, 2, 19), outlet="ktz",
                     facts=[{**limit, "value": 15, "effective": date(2025, 3, 1)}, {**limit, "value": 8}],
                     events=[{"type": "crossing_change", "scope": "altynkol-khorgos", "kind": "train_limit",
                              "effective": date(2025, 3, 1)}])
    [grouped] = evaluate(session, agreed.id, now=datetime(2025, 2, 19, 12, tzinfo=UTC))
    alert = grouped.alert
    assert (alert.type, alert.kind, alert.effective, alert.value, alert.previous_value) == (
        "crossing_change", "train_limit", date(2025, 3, 1), 15, 8)
    assert alert.details is not None
    assert alert.details.items() >= {"metric": "train_limit_per_day", "new_value": 15, "old_value": 8}.items()
    assert alert.details["first_reported"] == "2025-02-19"


def test_new_line_that_raises_capacity_is_one_alert_unless_the_capacity_has_a_figure(session: Session) -> None:
    opened = {"type": "crossing_change", "scope": "dostyk-alashankou", "kind": "infrastructure",
              "effective": date(2025, 9, 30)}
    raises = {"type": "crossing_change", "scope": "dostyk-alashankou", "kind": "capacity"}
    line = article(session, published=date(2025, 9, 30), events=[opened, raises])
    assert [g.alert.kind for g in evaluate(session, line.id, now=datetime(2025, 9, 30, 12, tzinfo=UTC))] == [
        "infrastructure"]
    capacity = {"metric": "capacity_tonnes_per_year", "scope": "altynkol-khorgos", "direction": "total"}
    figured = article(session, published=date(2025, 10, 2), facts=[{**capacity, "value": 35e6}],
                      events=[{**opened, "scope": "altynkol-khorgos"}, {**raises, "scope": "altynkol-khorgos"}])
    kinds = sorted(g.alert.kind for g in evaluate(session, figured.id, now=datetime(2025, 10, 2, 12, tzinfo=UTC)))
    assert kinds == ["capacity", "infrastructure"]


def test_crossing_change_against_the_last_stored_value(session: Session) -> None:
    limit = {"metric": "train_limit_per_day", "scope": "dostyk-alashankou", "direction": "total"}
    article(session, published=date(2025, 1, 10), facts=[{**limit, "value": 14}])
    same = article(session, published=date(2025, 2, 10), facts=[{**limit, "value": 14}])
    assert evaluate(session, same.id, now=datetime(2025, 2, 11, tzinfo=UTC)) == []
    raised = article(session, published=date(2025, 3, 4), facts=[{**limit, "value": 28, "effective": date(2025, 7, 1)}])
    [grouped] = evaluate(session, raised.id, now=datetime(2025, 3, 5, tzinfo=UTC))
    assert (grouped.alert.basis, grouped.alert.previous_value, grouped.alert.value) == ("history", 14, 28)
    assert grouped.alert.effective == date(2025, 7, 1)


def test_same_crossing_change_with_and_without_a_date_and_a_corrected_date(session: Session) -> None:
    event = {"type": "crossing_change", "scope": "dostyk-alashankou", "kind": "closure"}
    undated = article(session, published=date(2025, 7, 28), events=[event])
    dated = article(session, published=date(2025, 7, 28), outlet="kazinform",
                    events=[{**event, "effective": date(2025, 7, 29)}])
    moved = article(session, published=date(2025, 7, 29), outlet="railfreight",
                    events=[{**event, "effective": date(2025, 7, 30)}])
    evaluate(session, undated.id)
    [alert] = alerts(session)
    alert.state = "ready"
    [with_date] = evaluate(session, dated.id)
    assert with_date.revised and alert.effective == date(2025, 7, 29)
    [corrected] = evaluate(session, moved.id)
    assert corrected.alert.id == alert.id and corrected.revised and alert.effective == date(2025, 7, 30)
    assert len(alerts(session)) == 1 and len(alert.sources) == 3


def test_the_same_kind_of_change_months_apart_is_another_event(session: Session) -> None:
    """A backfill ingests a year in an hour: "the same change" is judged on publication dates."""
    limit = {"type": "crossing_change", "scope": "altynkol-khorgos", "kind": "train_limit"}
    march = article(session, published=date(2025, 2, 19), events=[{**limit, "effective": date(2025, 3, 1)}])
    october = article(session, published=date(2025, 10, 28), events=[limit])
    late = datetime(2025, 11, 1, tzinfo=UTC)
    for stored in (march, october):
        evaluate_article(session, stored.id, rules=RULES, now=late, horizon=timedelta(days=365), wait=WAIT)
    assert len(alerts(session)) == 2


def test_articles_older_than_the_horizon_only_build_history(session: Session) -> None:
    old = article(session, published=date(2025, 5, 1), facts=[tonnes(18e6, year(2024), record=True)],
                  events=[{"type": "volume_record", "scope": "dostyk-alashankou", "kind": "freight_tonnes"}])
    assert evaluate(session, old.id) == []


def test_a_copy_at_another_url_joins_its_originals_alerts(session: Session) -> None:
    original = article(session, published=date(2025, 7, 25), facts=[tonnes(18e6, year(2024), record=True)],
                       events=[{"type": "volume_record", "scope": "dostyk-alashankou", "kind": "freight_tonnes"}])
    copy_first = article(session, published=date(2025, 7, 25), outlet="mirror", duplicate_of=original)
    evaluate(session, copy_first.id)  # nothing to join yet
    evaluate(session, original.id)
    copy_later = article(session, published=date(2025, 7, 26), outlet="mirror2", duplicate_of=original)
    evaluate(session, copy_later.id)
    [alert] = alerts(session)
    assert sorted(session.scalars(select(AlertSource.article_id))) == sorted(
        [original.id, copy_first.id, copy_later.id])
    assert alert.revision == 1


def test_evaluating_twice_changes_nothing(session: Session) -> None:
    claimed = article(session, published=date(2025, 7, 25), facts=[tonnes(18e6, year(2024), record=True)],
                      events=[{"type": "volume_record", "scope": "dostyk-alashankou", "kind": "freight_tonnes"}])
    evaluate(session, claimed.id)
    [again] = evaluate(session, claimed.id)
    assert not again.created and not again.revised
    assert len(alerts(session)) == 1 and len(alerts(session)[0].sources) == 1
