"""Rules: an article's facts and events (and stored history) -> alert candidates."""

from __future__ import annotations

from sqlalchemy.orm import Session

from alerts.candidates import AlertCandidate
from alerts.config import RulesConfig
from alerts.rules.crossings import crossing_changes
from alerts.rules.records import volume_records
from worker.storage.models import Article


def candidates_for(session: Session, article: Article, rules: RulesConfig) -> list[AlertCandidate]:
    """Every alert the article's facts and events call for, under ``rules``."""
    return [*volume_records(session, article, rules), *crossing_changes(session, article, rules)]
