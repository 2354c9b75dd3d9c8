"""Alerts and their source articles from ``fixtures/alerts.json``: in memory for the
renderer, stored for the outbox."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.storage.models import Alert, AlertSource, Article, Source

FIXTURES = Path(__file__).parent / "fixtures"
CASES: dict[str, dict[str, Any]] = json.loads((FIXTURES / "alerts.json").read_text(encoding="utf-8"))
_DATES = ("period_start", "period_end", "previous_period_start", "previous_period_end", "effective")


@dataclass
class Case:
    alert: Alert
    sources: list[Article]
    previous: Article | None = None
    purpose: str = "alert"
    failed_label: str | None = None
    spec: dict[str, Any] = field(default_factory=dict)


def case(name: str) -> Case:
    """The case as unsaved ORM objects, enough for rendering."""
    spec = CASES[name]
    previous = _article(spec["previous"], Source(name=spec["previous"]["outlet"])) if "previous" in spec else None
    return Case(alert=_alert(spec["alert"]), sources=[_article(s, Source(name=s["outlet"])) for s in spec["sources"]],
                previous=previous, purpose=spec.get("purpose", "alert"), failed_label=spec.get("failed_label"),
                spec=spec)


def store(session: Session, name: str, **overrides: Any) -> int:
    """The case in the database (ready to be delivered); returns the alert id."""
    spec = CASES[name]
    values = {k: v for k, v in spec["alert"].items() if k != "id"}
    alert = _alert({**values, **overrides})
    alert.fingerprint = f"{name}-{datetime.now(UTC).timestamp()}"
    alert.state = "ready"
    if "previous" in spec:
        alert.previous_article_id = _stored_article(session, spec["previous"]).id
    session.add(alert)
    session.flush()
    for source in spec["sources"]:
        session.add(AlertSource(alert_id=alert.id, article_id=_stored_article(session, source).id))
    session.flush()
    return alert.id


def _alert(values: dict[str, Any]) -> Alert:
    converted = {k: date.fromisoformat(v) if k in _DATES and v else v for k, v in values.items()}
    converted.setdefault("revision", 1)
    return Alert(**converted)


def _article(spec: dict[str, Any], source: Source) -> Article:
    return Article(url=spec["url"], canonical_url=spec["url"], title=spec["title"], language=spec["language"],
                   published_on=date.fromisoformat(spec["published"]), source=source)


def _stored_article(session: Session, spec: dict[str, Any]) -> Article:
    found = session.scalars(select(Article).where(Article.canonical_url == spec["url"])).first()
    if found is not None:
        return found
    source = session.scalars(select(Source).where(Source.name == spec["outlet"])).first()
    if source is None:
        source = Source(name=spec["outlet"])
        session.add(source)
        session.flush()
    published = date.fromisoformat(spec["published"])
    article = Article(
        source_id=source.id, url=spec["url"], canonical_url=spec["url"], language=spec["language"],
        title=spec["title"], published_at=datetime.combine(published, datetime.min.time(), tzinfo=UTC),
        published_on=published, fetched_at=datetime.now(UTC), text=spec["title"], text_length=len(spec["title"]),
        content_hash=hashlib.sha256(spec["url"].encode()).hexdigest(), raw_html=b"", raw_size=0,
    )
    session.add(article)
    session.flush()
    return article
