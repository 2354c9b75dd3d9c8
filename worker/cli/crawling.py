"""``railwatch crawl`` and ``railwatch sources``: run crawls by hand, see how sources are doing."""

from __future__ import annotations

import sys
from typing import Annotated

import typer


def crawl(
    sources: Annotated[list[str] | None, typer.Argument(help="Sources to crawl (default: all enabled).")] = None,
    since: Annotated[str | None, typer.Option(help="Backfill from this day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Backfill up to this day, YYYY-MM-DD.")] = None,
    lang: Annotated[str | None, typer.Option(help="Only this language (ru, kz, kk, en).")] = None,
    base_url: Annotated[str | None, typer.Option(help="Crawl a local mirror at this address.")] = None,
) -> None:
    """Crawl sources now, one after another, each in its own Scrapy process."""
    from crawler.sources import enabled_sources, get_source
    from worker.cli.common import parse_date, ready_database
    from worker.crawl_job import CrawlRequest, run_crawl

    names = sources or [s.name for s in enabled_sources()]
    unknown = [n for n in names if get_source(n) is None]
    if unknown:
        raise typer.BadParameter(f"unknown source(s): {', '.join(unknown)}", param_hint="SOURCES")
    since_day, until_day = parse_date(since, "--since"), parse_date(until, "--until")
    ready_database()
    failed = 0
    for name in names:
        result = run_crawl(CrawlRequest(name, since=since_day, until=until_day, lang=lang, base_url=base_url))
        typer.echo(f"{name}: {result.status}", err=True)
        failed += result.status not in ("finished", "skipped")
    _print_sources(names)
    raise typer.Exit(1 if failed else 0)


def sources() -> None:
    """Each source: its languages and ways in, its last crawls and its last new article."""
    from crawler.sources import source_names
    from worker.cli.common import ready_database

    ready_database()
    _print_sources(list(source_names()))


def _print_sources(names: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from sqlalchemy import func, select

    from crawler.sources import get_source
    from worker.storage.db import session_scope
    from worker.storage.models import Article, CrawlRun, Source

    table = Table("source", "languages", "ways in", "last crawls (newest first)", "new", "last new article")
    with session_scope() as session:
        for name in names:
            source = get_source(name)
            runs = session.scalars(select(CrawlRun).where(CrawlRun.source == name)
                                   .order_by(CrawlRun.started_at.desc()).limit(3)).all()
            last = session.scalar(select(func.max(Article.created_at)).select_from(Article).join(Source)
                                  .where(Source.name == name, Article.duplicate_of_id.is_(None)))
            table.add_row(
                name, ",".join(source.languages) if source else "?",
                ",".join(source.discovery_ways()) if source else "?",
                "  ".join(f"{r.started_at:%m-%d %H:%M} {r.verdict or 'running'}" for r in runs) or "never",
                str(runs[0].new_articles) if runs else "-", f"{last:%Y-%m-%d %H:%M}" if last else "-",
            )
    Console(width=None if sys.stdout.isatty() else 160).print(table)
