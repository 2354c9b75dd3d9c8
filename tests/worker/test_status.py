"""``railwatch status``: reachability, per-source crawls, outbox; exit 1 when attention is needed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from tests.conftest import apply_settings
from worker.cli import app
from worker.storage.db import session_scope
from worker.storage.models import CrawlRun

runner = CliRunner()


def test_all_well_on_a_fresh_database(sqlite_db: str) -> None:
    result = runner.invoke(app, ["status", "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 0, result.output
    assert report["healthy"] and report["database"] == "ok"


def test_blocked_source_needs_attention(sqlite_db: str) -> None:
    with session_scope() as session:
        now = datetime.now(UTC)
        session.add(CrawlRun(source="railnews", started_at=now - timedelta(hours=1),
                             finished_at=now, verdict="ok", new_articles=3))
        session.add(CrawlRun(source="kazinform", started_at=now - timedelta(minutes=5),
                             finished_at=now, verdict="blocked", new_articles=0))
    result = runner.invoke(app, ["status", "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert "source kazinform: last crawl blocked" in report["problems"]
    verdicts = {s["name"]: s["last_verdict"] for s in report["sources"]}
    assert verdicts["railnews"] == "ok" and verdicts["kazinform"] == "blocked"
    table = runner.invoke(app, ["status"])
    assert "attention" in table.stdout and "kazinform" in table.stdout


def test_unreachable_database_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    apply_settings(monkeypatch, RAILWATCH_DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none")
    result = runner.invoke(app, ["status", "--health", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["database"].startswith("unreachable")


@pytest.mark.services
def test_broker_reachability_and_queue_depths(sqlite_db: str, redis_broker: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    apply_settings(monkeypatch, RAILWATCH_BROKER_URL=redis_broker)
    report = json.loads(runner.invoke(app, ["status", "--health", "--format", "json"]).stdout)
    assert report["broker"] == "ok" and set(report["queues"]) == {"ingest", "alerts", "crawl"}
    apply_settings(monkeypatch, RAILWATCH_BROKER_URL="redis://127.0.0.1:1/0")
    result = runner.invoke(app, ["status", "--health", "--format", "json"])
    assert result.exit_code == 1 and json.loads(result.stdout)["broker"].startswith("unreachable")
