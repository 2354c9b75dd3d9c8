"""``railwatch reextract``: run the current fact extractor again over stored articles."""

from __future__ import annotations

from typing import Annotated

import typer


def reextract(
    since: Annotated[str | None, typer.Option(help="Only articles published on/after, YYYY-MM-DD.")] = None,
    outdated_only: Annotated[bool, typer.Option("--outdated-only",
                                                help="Only articles extracted by an older version.")] = False,
) -> None:
    """Replace the facts and events of stored articles with what the current extractor finds."""
    from sqlalchemy import select

    from worker.cli.common import parse_date, ready_database
    from worker.extraction import extractor_version
    from worker.extraction import reextract as reextract_article
    from worker.storage.db import session_scope
    from worker.storage.models import Article

    since_day = parse_date(since, "--since")
    ready_database()
    version = extractor_version()
    query = select(Article.id).where(Article.duplicate_of_id.is_(None)).order_by(Article.id)
    if since_day:
        query = query.where(Article.published_on >= since_day)
    if outdated_only:
        query = query.where((Article.extractor_version != version) | Article.extractor_version.is_(None))
    with session_scope() as session:
        ids = list(session.scalars(query))
    facts = events = 0
    for start in range(0, len(ids), 200):  # one transaction per batch: progress survives a crash
        with session_scope() as session:
            for article in session.scalars(select(Article).where(Article.id.in_(ids[start:start + 200]))):
                f, e = reextract_article(session, article)
                facts, events = facts + f, events + e
    typer.echo(f"{len(ids)} articles re-extracted with {version}: {facts} facts, {events} events")
