"""``railwatch articles``: what is stored."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from datetime import datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.cli.common import parse_date, ready_database
from worker.storage.db import session_scope
from worker.storage.models import Article, Source

app = typer.Typer(help="Stored articles.", no_args_is_help=True)

EXPORT_FIELDS = ("id", "url", "canonical_url", "source", "language", "title", "published",
                 "fetched_at", "text_length", "duplicate_of")


@app.command("export")
def export(
    output_format: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    since: Annotated[str | None, typer.Option(help="Published (or fetched) on/after, YYYY-MM-DD.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
) -> None:
    """Print stored articles, oldest first."""
    if output_format not in ("jsonl", "csv"):
        raise typer.BadParameter("jsonl or csv", param_hint="--format")
    since_day = parse_date(since, "--since")
    ready_database()
    with session_scope() as session:
        rows = export_rows(session, since=since_day, source=source)
        if output_format == "jsonl":
            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(sys.stdout, fieldnames=EXPORT_FIELDS)
            writer.writeheader()
            writer.writerows(rows)


def export_rows(session: Session, since: Any = None, source: str | None = None) -> Iterator[dict[str, Any]]:
    query = select(Article, Source.name).join(Source).order_by(Article.id)
    if source:
        query = query.where(Source.name == source)
    if since:
        start = datetime.combine(since, time(), tzinfo=ZoneInfo("UTC"))
        query = query.where(
            (Article.published_on >= since)
            | (Article.published_on.is_(None) & (Article.fetched_at >= start))
        )
    for article, source_name in session.execute(query.execution_options(yield_per=500)):
        yield {
            "id": article.id,
            "url": article.url,
            "canonical_url": article.canonical_url,
            "source": source_name,
            "language": article.language,
            "title": article.title,
            "published": article.published_on.isoformat() if article.published_on else None,
            "fetched_at": article.fetched_at.isoformat(),
            "text_length": article.text_length,
            "duplicate_of": article.duplicate_of_id,
        }
