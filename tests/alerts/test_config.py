from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from alerts.config import RulesConfig, RulesError, load_rules
from alerts.routing import quiet_until, route
from worker.storage.models import Alert

FIXTURES = Path(__file__).parent / "fixtures"


def test_no_file_means_documented_defaults() -> None:
    rules = load_rules(None)
    assert rules == RulesConfig()
    assert rules.records.min_history == 3
    assert set(rules.scopes) == {"kz-cn", "dostyk-alashankou", "altynkol-khorgos", "bakhty-tacheng"}


def test_the_example_file_states_the_defaults() -> None:
    """alerts/rules.example.yaml is the documentation of the defaults: it must not drift."""
    example = Path(__file__).resolve().parents[2] / "alerts" / "rules.example.yaml"
    assert load_rules(example) == RulesConfig()


def test_valid_file() -> None:
    rules = load_rules(FIXTURES / "rules-valid.yaml")
    assert rules.records.min_history == 4
    assert rules.crossing_changes.kinds == ("train_limit", "closure", "reopening", "infrastructure")
    assert rules.routes[1].quiet_hours is not None
    assert rules.routes[1].quiet_hours.start == time(23, 0)


def test_invalid_file_lists_every_problem_with_its_place() -> None:
    with pytest.raises(RulesError) as error:
        load_rules(FIXTURES / "rules-invalid.yaml")
    message = str(error.value)
    for expected in ("records.metrics", "freight_tones", "records.min_history", "crossing_changes.kinds",
                     "explosion", "routes.0.language", "routes.0.quiet_hours.start",
                     "routes.0.quiet_hours.timezone", "surprise", "scopes"):
        assert expected in message, expected


@pytest.mark.parametrize(("text", "problem"), [("- a\n- b\n", "mapping"), ("a: [\n", "not valid YAML")])
def test_not_a_rules_file(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    with pytest.raises(RulesError, match=problem):
        load_rules(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot read"):
        load_rules(tmp_path / "nope.yaml")


class FakeTarget:
    def __init__(self, key: str, *tags: str) -> None:
        self.key, self.tags = key, frozenset(tags)


def test_routes_pick_targets_language_and_quiet_hours() -> None:
    rules = load_rules(FIXTURES / "rules-valid.yaml")
    email, chat = FakeTarget("e", "email"), FakeTarget("t", "telegram")
    record = Alert(type="volume_record", scope="kz-cn")
    change = Alert(type="crossing_change", scope="altynkol-khorgos")
    noon = datetime(2025, 3, 1, 7, 0, tzinfo=UTC)  # 12:00 in Almaty
    [routed] = route(record, rules, [email, chat], noon)
    assert (routed.target.key, routed.language, routed.not_before) == ("e", "en", None)
    routed_change = route(change, rules, [email, chat], noon)
    assert {(r.target.key, r.language) for r in routed_change} == {("e", "ru"), ("t", "ru")}
    night = datetime(2025, 3, 1, 20, 0, tzinfo=UTC)  # 01:00 in Almaty
    assert all(r.not_before == datetime(2025, 3, 2, 2, 0, tzinfo=UTC) for r in route(change, rules, [chat], night))


def test_quiet_until_overnight_and_daytime_windows() -> None:
    from alerts.config import QuietHours

    overnight = QuietHours(start=time(23), end=time(7), timezone="UTC")
    assert quiet_until(overnight, datetime(2025, 1, 1, 23, 30, tzinfo=UTC)) == datetime(2025, 1, 2, 7, tzinfo=UTC)
    assert quiet_until(overnight, datetime(2025, 1, 1, 3, 0, tzinfo=UTC)) == datetime(2025, 1, 1, 7, tzinfo=UTC)
    assert quiet_until(overnight, datetime(2025, 1, 1, 12, 0, tzinfo=UTC)) is None
    lunch = QuietHours(start=time(13), end=time(14), timezone="UTC")
    assert quiet_until(lunch, datetime(2025, 1, 1, 13, 5, tzinfo=UTC)) == datetime(2025, 1, 1, 14, tzinfo=UTC)
    assert quiet_until(lunch, datetime(2025, 1, 1, 14, 5, tzinfo=UTC)) is None
