"""A scenario: the real dev-set articles ingested in publication order produce exactly
the expected alerts (fixtures/alerts/scenario-expected.json, reviewed by hand)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import FIXTURES, apply_settings
from worker.dispatch import submit_ingest
from worker.pages import FetchedPage
from worker.storage.db import session_scope
from worker.storage.models import Alert

EXPECTED = FIXTURES / "alerts" / "scenario-expected.json"


def run_scenario() -> list[dict[str, Any]]:
    articles = [json.loads(line) for line in (FIXTURES / "facts" / "dev-articles.jsonl").read_text().splitlines()]
    dated = sorted((a for a in articles if a.get("published")), key=lambda a: (a["published"], a["id"]))
    for article in dated:
        outlet = article["url"].split("/")[2]
        submit_ingest(FetchedPage(url=article["url"], source=outlet, body=article["text"].encode(),
                                  content_type="text/plain", published_hint=date.fromisoformat(article["published"])))
    with session_scope() as session:
        return [{
            "type": alert.type, "basis": alert.basis, "scope": alert.scope, "metric": alert.metric,
            "kind": alert.kind, "value": alert.value,
            "period": [alert.period_start.isoformat(), alert.period_end.isoformat()] if alert.period_start else None,
            "effective": alert.effective.isoformat() if alert.effective else None,
            "sources": sorted(s.article.url for s in alert.sources),
        } for alert in session.scalars(select(Alert).order_by(Alert.id))]


def test_dev_articles_in_publication_order_give_the_expected_alerts(
        sqlite_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    apply_settings(monkeypatch, RAILWATCH_ALERT_HORIZON_DAYS="100000", RAILWATCH_GROUPING_WAIT_SECONDS="0")
    found = run_scenario()
    assert found == json.loads(EXPECTED.read_text())


if __name__ == "__main__":  # regenerate after a reviewed change: python -m tests.alerts.test_scenario
    import os
    import tempfile

    from worker.storage.migrate import upgrade

    os.environ.update(RAILWATCH_DATABASE_URL=f"sqlite:///{tempfile.mkdtemp()}/scenario.db",
                      RAILWATCH_ALERT_HORIZON_DAYS="100000", RAILWATCH_GROUPING_WAIT_SECONDS="0")
    upgrade()
    Path(EXPECTED).write_text(json.dumps(run_scenario(), ensure_ascii=False, indent=1) + "\n")
