"""Invented whole articles (fixtures/articles.yaml), held to the scorer's standard: every
labeled fact and event found, nothing else on a monitored scope."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.facts.scoring import Tally, run

ARTICLES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "articles.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("article", ARTICLES, ids=[a["name"] for a in ARTICLES])
def test_article(article: dict[str, Any]) -> None:
    facts, events = Tally(), Tally()
    run(article, facts, events)
    assert facts.misses + events.misses == []
