"""``railwatch rules check``, ``alerts list`` and ``alerts replay`` as a user runs them."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from tests.alerts.factories import article, year
from worker.cli import app
from worker.storage.db import session_scope

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def test_rules_check_reports_ok_and_every_problem() -> None:
    ok = runner.invoke(app, ["rules", "check", str(FIXTURES / "rules-valid.yaml")])
    assert ok.exit_code == 0 and "ok" in ok.output
    bad = runner.invoke(app, ["rules", "check", str(FIXTURES / "rules-invalid.yaml")])
    assert bad.exit_code == 1
    assert "8 problem(s)" in bad.output and "records.metrics" in bad.output


def _history(today: date) -> None:
    """Three years of Dostyk volumes long ago, then a new record inside the horizon."""
    def tonnes(value: float, y: int) -> dict:
        return {"metric": "freight_tonnes", "value": value, "scope": "dostyk-alashankou", "period": year(y)}

    with session_scope() as session:
        for y, v in ((2021, 15e6), (2022, 16e6), (2023, 16.5e6)):
            article(session, published=date(y + 1, 1, 20), facts=[tonnes(v, y)])
        # an old claimed record (outside the horizon): history only
        article(session, published=today - timedelta(days=200), facts=[tonnes(16.4e6, 2023)])
        article(session, published=today - timedelta(days=2), facts=[tonnes(17.2e6, 2024)])


def test_replay_in_publication_order_alerts_only_inside_the_horizon(sqlite_db: str) -> None:
    today = datetime.now(UTC).date()
    _history(today)
    dry = runner.invoke(app, ["alerts", "replay", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    [would] = [json.loads(line) for line in dry.stdout.splitlines()]
    assert (would["basis"], would["value"], would["previous"]["value"]) == ("history", 17.2e6, 16.5e6)
    assert "would open 1 alerts" in dry.stderr
    listed = runner.invoke(app, ["alerts", "list", "--format", "jsonl"])
    assert listed.stdout == ""  # a dry run changes nothing

    done = runner.invoke(app, ["alerts", "replay"])
    assert done.exit_code == 0, done.output
    again = runner.invoke(app, ["alerts", "replay"])
    assert "opened 0 alerts" in again.stderr  # replaying twice joins, never repeats
    listed = runner.invoke(app, ["alerts", "list", "--format", "jsonl"])
    [row] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["type"] == "volume_record" and row["state"] == "ready"
    assert row["deliveries"] == []  # no targets configured: decided, stored, listed
    table = runner.invoke(app, ["alerts", "list"])
    assert "volume_record" in table.stdout
